"""Published template layouts, by template id."""

from . import penilaian_diri

TEMPLATES = {penilaian_diri.TEMPLATE_ID: penilaian_diri}
