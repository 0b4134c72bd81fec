"""Published template layouts, by template id."""

from . import analisis_pemangku, asesmen, matriks, mcua_stpp, mps, penilaian_diri

TEMPLATES = {m.TEMPLATE_ID: m for m in (penilaian_diri, analisis_pemangku, asesmen, mcua_stpp,
                                        matriks, mps)}
