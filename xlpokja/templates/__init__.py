"""Published template layouts, by template id."""

from . import analisis_pemangku, asesmen, penilaian_diri

TEMPLATES = {penilaian_diri.TEMPLATE_ID: penilaian_diri}
TEMPLATES[analisis_pemangku.TEMPLATE_ID] = analisis_pemangku
TEMPLATES[asesmen.TEMPLATE_ID] = asesmen
