"""Weighted aspect assessment (*asesmen*): indicators scored 0-5, aspect means, weighted total.

instruments.md K4 (Tabel 3-1 Buku 2) and K10 ("Kinerja lembaga"), decisions.md §1-5, 14:

* an indicator score is a whole number 0-5 (K3 scale); blank = not assessed, excluded;
  a bad cell is a problem and excluded, never read as 0;
* aspect score S_j = mean of the valid scores of the aspect's indicators;
* weighted total W = sum of w_j x S_j with the weights as fractions (25 % = 0.25); the
  weights must be numbers >= 0 summing to 1 (tolerance 1e-9), otherwise no unit gets a
  total (never silently normalised);
* a unit with an aspect lacking any valid score gets no total (flagged), never a total
  that counts the aspect as 0;
* W% = W / 5 x 100; band and label by the K3 bands; rank = competition rank of W rounded
  to 9 decimals among the units that have a total; ties are flagged "SAMA".

Plain Python (no numpy, no Excel library: the Hitung button runs this inside
LibreOffice's own Python). Cells are located through a callback, so the same code serves
the workbook template and plain lists (tests).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from xlpokja.core.bands import Band, band_of
from xlpokja.core.problems import ERROR, WARNING, Problem, format_number, show_found
from xlpokja.core.scales import (
    classify_int,
    competition_rank,
    expected_text,
    is_blank,
    round9,
    tied,
    xl_key,
    xl_text,
)

SCALE_MIN, SCALE_MAX = 0, 5
EXPECTED = expected_text(SCALE_MIN, SCALE_MAX)
WEIGHT_TOLERANCE = 1e-9

# Texts shared with the workbook formulas (they must give the very same strings).
STATUS_OK = "OK"
STATUS_NOT_NUMBER = "Bobot harus angka"
STATUS_NEGATIVE = "Bobot tidak boleh negatif"
STATUS_NOT_100 = "Jumlah bobot harus 100 %"
FLAG_TIE = "SAMA"
FLAG_NO_NAME = "tanpa nama unit"
FLAG_NOT_SCORED = "belum dinilai"
FLAG_INVALID = "{n} sel tidak sah"
FLAG_MISSING = "aspek tanpa nilai: "
FLAG_NO_WEIGHTS = "tanpa total: bobot tidak sah"
FLAG_DUPLICATE = "nama ganda"
FLAG_SEP = "; "


# ============================================================================ presets


@dataclass(frozen=True)
class AspectDef:
    name: str
    weight: float  # fraction: 0.25 = 25 %
    note: str = ""


@dataclass(frozen=True)
class IndicatorDef:
    code: str  # stable key, e.g. "K1"
    aspect: str
    text: str  # verbatim from the source
    source_no: int


@dataclass(frozen=True)
class Preset:
    key: str
    title: str
    unit_header: str  # header of column A in Penilaian
    aspects: tuple[AspectDef, ...]
    indicators: tuple[IndicatorDef, ...]
    source: str
    weights_note: str

    @property
    def aspect_names(self) -> tuple[str, ...]:
        return tuple(a.name for a in self.aspects)

    @property
    def weights(self) -> tuple[float, ...]:
        return tuple(a.weight for a in self.aspects)


def _indicators(aspect: str, prefix: str, texts: Sequence[tuple[int, str]]
                ) -> tuple[IndicatorDef, ...]:
    return tuple(IndicatorDef(f"{prefix}{no}", aspect, text, no) for no, text in texts)


# K4: Tabel 3-1 (Buku 2) Indikator Asesmen Pokja Provinsi, S000 L3981-4033, verbatim. Aspect
# names are the canonical ones of K4 issue 2; the verbatim table heads are kept in K4_SOURCE.
K4_RATIONALE = (
    "Rasional pembobotan di atas adalah bahwa aspek perencanaan, koordinasi dan advokasi, serta "
    "monitoring dan evaluasi merupakan fungsi utama dari kelompok kerja, sementara aspek "
    "kelembagaan dan finansial atau keuangan merupakan faktor pendukung yang menentukan "
    "keberlanjutan pokja. Kelima aspek kunci tersebut sama penting dan saling mempengaruhi satu "
    "sama lain. Ketiadaan atau kekurangan pada salah satu aspek akan berpengaruh pada kinerja "
    "pokja secara keseluruhan.")
K4_WEIGHTS_TEXT = (
    "Dari daftar indikator di atas perlu ditetapkan bobot dari masing-masing aspek, contoh "
    "pembobotan yang dipakai Pokja Nasional dalam melakuan asesmen Pokja provinsi adalah "
    "sebagai berikut: Aspek (Bobot) Kelembagaan Perencanaan Koordinas& Advokasi Monitoring & "
    "evaluasi Keuangan 25% 20% 25% 20 10")
K4_SOURCE: tuple[tuple[str, int, str], ...] = (
    ("Kelembagaan", 1, "Bentuk lembaga"),
    ("", 2, "Aturan dan regulasi"),
    ("", 3, "Komposisi anggota"),
    ("", 4, "Keseimbangan gender"),
    ("", 5, "Keaktifan anggota"),
    ("", 6, "Upaya mengatasi permasalahan internal"),
    ("", 7, "Adanya champion"),
    ("Perencanaan", 1, "Rencana kerja pokja"),
    ("", 2, "Referensi atau dokumen acuan perencanaan bagi pelaku pembangunan AMPL"),
    ("", 3, "Acuan basis data yang disepakati bersama"),
    ("Koordinasi dan advokasi", 1, "Koordinasi dengan Pokja Nasional"),
    ("", 2, "Koordinasi dengan Pokja Kab/Kota"),
    ("", 3, "Koordinasi lintas program dan pelaku"),
    ("", 4, "Advokasi"),
    ("", 5, "Layanan terhadap stakeholder"),
    ("Monitoring", 1, "Agenda monev rutin"),
    ("", 2, "Mekanisme pertemuan rutin"),
    ("", 3, "Agenda monev bersama"),
    ("", 4, "Monev kinerja"),
    ("Keuangan", 1, "Dana operasional pokja"),
    ("", 2, "Alokasi dana operasional pokja untuk koordinasi, monev, advokasi"),
)
_K4_ASPECTS = (
    AspectDef("Kelembagaan", 0.25, "faktor pendukung (rasional sumber)"),
    AspectDef("Perencanaan", 0.20, "fungsi utama (rasional sumber)"),
    AspectDef("Koordinasi dan Advokasi", 0.25, "fungsi utama (rasional sumber)"),
    AspectDef("Monitoring dan Evaluasi", 0.20, "fungsi utama (rasional sumber); "
              "tercetak \"20\" tanpa %"),
    AspectDef("Keuangan", 0.10, "faktor pendukung (rasional sumber); tercetak \"10\" tanpa %"),
)
_K4_PREFIX = {"Kelembagaan": "K", "Perencanaan": "P", "Koordinasi dan Advokasi": "KA",
              "Monitoring dan Evaluasi": "ME", "Keuangan": "KU"}


def _k4_indicators() -> tuple[IndicatorDef, ...]:
    out: list[IndicatorDef] = []
    canon = iter(a.name for a in _K4_ASPECTS)
    aspect = ""
    for head, no, text in K4_SOURCE:
        if head:
            aspect = next(canon)
        out.append(IndicatorDef(f"{_K4_PREFIX[aspect]}{no}", aspect, text, no))
    return tuple(out)


K4 = Preset(
    key="asesmen_pokja",
    title="ASESMEN KINERJA POKJA AMPL",
    unit_header="Unit yang dinilai (mis. Pokja kabupaten/kota)",
    aspects=_K4_ASPECTS,
    indicators=_k4_indicators(),
    source=("Tabel 3-1 (Buku 2) Indikator Asesmen Pokja Provinsi, dengan bobot aspek contoh "
            "Pokja Nasional (Buku 2, 3.3.4 Mengevaluasi Kinerja Pokja atau Kelembagaan "
            "Pengelola AMPL)"),
    weights_note=K4_RATIONALE,
)

# K10: Contoh Rancangan Monitoring dan Evaluasi, sub-row "Kinerja lembaga" (S000 L3639-3772),
# verbatim; the three columns are the aspects. Row 10 has no Monitoring Kegiatan entry.
K10_ROWS: tuple[tuple[int, str | None, str, str], ...] = (
    (1, "Ketersediaan Rencana kegiatan Badan Pengelola Sarana AMPL",
     "Dokumen Rencana Kegiatan Badan Pengelola Sarana AMPL",
     "Rencana Kegiatan Badan Pengelola Sarana AMPL telah dijalankan dengan baik"),
    (2, "Kesiapan peran serta masyarakat", "Kesepakatan bentuk peran serta masyarakat",
     "Komitmen peran serta masyarakat telah dipenuhi"),
    (3, "Ketersediaan mekanisme operasionalisasi sarana AMPL",
     "Dokumen Standar Operasional Prosedur Operasionalisasi Sarana AMPL",
     "Standar Operasional Prosedur Operasionalisasi Sarana AMPL telah dijalankan dengan baik"),
    (4, "Komponen iuran pengelolaan sarana AMPL", "Kesepakatan iuran pengelolaan sarana AMPL",
     "Komitmen pembayaran iuran pengelolaan sarana AMPL telah dijalankan dengan baik"),
    (5, "Kontribusi Badan Pengelola Sarana AMPL untuk kegiatan lain di desa",
     "Kesepakatan kontribusi Badan Pengelola Sarana AMPL untuk kegiatan pembangunan di desa",
     "Komitmen kontribusi Badan Pengelola Sarana AMPL untuk kegiatan pembangunan di desa telah "
     "dilaksanakan dengan baik"),
    (6, "Upaya yang dilakukan Badan Pengelola Sarana AMPL dalam pelestarian sumber air dan "
        "lingkungan permukiman",
     "Kesepakatan Badan Pengelola Sarana AMPL untuk pelestarian sumber air dan lingkungan "
     "permukiman",
     "Komitmen Badan Pengelola Sarana AMPL untuk pelestarian sumber air dan lingkungan "
     "permukiman telah dilaksanakan dengan baik"),
    (7, "Laporan kegiatan", "Dokumen laporan kegiatan Badan Pengelola Sarana AMPL",
     "Ketersediaan laporan kegiatan Badan Pengelola Sarana AMPL secara rutin"),
    (8, "Sumber pendapatan Badan Pengelola Sarana AMPL",
     "Terkumpulnya pendapatan Badan Pengelola Sarana AMPL",
     "Ketersediaan Laporan Pendapatan Badan Pengelola Sarana AMPL secara rutin"),
    (9, "Pengendalian pada kualitas, kuantitas, keterjangkauan dan kontinuitas air",
     "Terlaksananya pengendalian pada kualitas, kuantitas, keterjangkauan dan kontinuitas air",
     "Penerima manfaat air minum mendapatkan keamanan layanan baik secara kualitas, pada "
     "kualitas, kuantitas, keterjangkauan maupun kontinuitas"),
    (10, None,
     "Nilai manfaat dan perubahan perilaku masyarakat setelah tersedianya sarana AMPL",
     "Laporan tentang meningkatnya akses masyarakat terhadap layanan AMPL"),
    (11, "Persentasi/proporsi yang mendapatkan layanan sarana AMPL",
     "Prosentasi jumlah penduduk suatu wilayah dibandingkan kemampuan layanan sarana AMPL yang "
     "tersedia",
     "Laporan cakupan layanan AMPL"),
    (12, "Upaya pengembangan sarana dan pelayanan",
     "Dokumen Rencana Pengembangan Sarana dan pelayanan AMPL",
     "Terlaksananya secara bertahap Pengembangan Sarana dan pelayanan AMPL"),
)
K10_WEIGHTS_NOTE = (
    "Bobot sama (1/3 tiap aspek) adalah bawaan xlpokja, BUKAN dari sumber: sumber (Contoh "
    "Rancangan Monitoring dan Evaluasi) tidak memberi bobot. Sepakati bobot dalam rapat Pokja "
    "sebelum menilai, lalu isikan di sini; jumlahnya harus 100 %.")
_THIRD = 1 / 3
K10 = Preset(
    key="asesmen_badan_pengelola",
    title="ASESMEN KINERJA BADAN PENGELOLA SARANA AMPL",
    unit_header="Badan Pengelola Sarana yang dinilai (mis. desa)",
    aspects=(
        AspectDef("Monitoring Kegiatan", _THIRD,
                  "memastikan seluruh kegiatan yang seharusnya dilakukan dapat terlaksana"),
        AspectDef("Monitoring Output", _THIRD,
                  "memastikan target keluaran dari program AMPL tercapai"),
        AspectDef("Evaluasi Hasil", _THIRD,
                  "memastikan hasil atau kondisi yang diharapkan terjadi setelah kegiatan dan "
                  "output yang diharapkan telah dicapai"),
    ),
    indicators=(
        _indicators("Monitoring Kegiatan", "MK", [(no, a) for no, a, _, _ in K10_ROWS if a])
        + _indicators("Monitoring Output", "MO", [(no, b) for no, _, b, _ in K10_ROWS])
        + _indicators("Evaluasi Hasil", "EH", [(no, c) for no, _, _, c in K10_ROWS])),
    source=("Contoh Rancangan Monitoring dan Evaluasi, Indikator Tahap Pengelolaan dan "
            "Pengembangan, bagian \"Kinerja lembaga\" (Buku 2, 3.3.1 Memahami Rancangan "
            "Proyek)"),
    weights_note=K10_WEIGHTS_NOTE,
)

PRESETS = {K4.key: K4, K10.key: K10}


# ============================================================================ reading

#: locate(kind, i, j) -> (sheet, cell). Kinds: "score" (unit i, column j), "name" (unit i),
#: "aspect" (header of column j), "code" (column j), "aspect_name" (aspect i),
#: "weight" (aspect i), "weight_sum".
Locate = Callable[[str, int, int], tuple[str, str]]


def _default_locate(kind: str, i: int, j: int) -> tuple[str, str]:
    return "", f"{kind}[{i},{j}]"



_xl_key = xl_key


def xl_equal(a: Any, b: Any) -> bool:
    """Excel's ``a=b`` for cell values (a blank cell also equals 0 and FALSE)."""
    ka, kb = _xl_key(a), _xl_key(b)
    if ka == kb:
        return True
    blank = ("", "")
    if ka == blank:
        return kb in (("n", 0.0), ("b", False))
    if kb == blank:
        return ka in (("n", 0.0), ("b", False))
    return False


@dataclass
class Weights:
    values: list[float | None]  # None where not a number >= 0
    total: float | None  # sum, when every weight is a number
    status: str  # STATUS_* text, as the workbook shows it
    ok: bool
    problems: list[Problem]


def check_weights(raw: Sequence[Any], *, locate: Locate = _default_locate,
                  require_100: bool = True) -> Weights:
    """Weights as entered: numbers >= 0 that must sum to 100 % (decisions.md §3)."""
    values: list[float | None] = []
    problems: list[Problem] = []
    numbers = negative = 0
    for k, v in enumerate(raw):
        if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v):
            numbers += 1
            if v < 0:
                negative += 1
                values.append(None)
                problems.append(Problem("BOBOT_TIDAK_SAH", *locate("weight", k, 0),
                                        "persen ≥ 0", show_percent(float(v))))
            else:
                values.append(float(v))
        else:
            values.append(None)
            problems.append(Problem("BOBOT_TIDAK_SAH", *locate("weight", k, 0), "persen ≥ 0",
                                    "kosong" if is_blank(v) else show_found(v)))
    total = None
    if numbers == len(raw):
        total = 0.0
        for v in raw:
            total += float(v)
    if numbers < len(raw):
        status = STATUS_NOT_NUMBER
    elif negative:
        status = STATUS_NEGATIVE
    elif require_100 and abs(total - 1.0) > WEIGHT_TOLERANCE:  # type: ignore[operator]
        status = STATUS_NOT_100
        problems.append(Problem("BOBOT_TIDAK_100", *locate("weight_sum", 0, 0), "100 %",
                                show_percent(total)))  # type: ignore[arg-type]
    else:
        status = STATUS_OK
    return Weights(values, total, status, status == STATUS_OK, problems)


def show_percent(fraction: float) -> str:
    """0.9 -> '90 %', 0.333 -> '33,3 %' (Indonesian numbers)."""
    pct = round(fraction * 100, 6)
    return f"{format_number(pct)} %"


@dataclass
class Assessment:
    """Every unit's scores, aspect means, total, band, rank and flags.

    n units, m aspects, n_cols indicator columns; the tables are lists of rows.
    """

    names: list[Any]  # raw unit names (None = blank)
    aspect_names: list[Any]
    weights: Weights
    columns: list[list[bool]]  # m x n_cols: column j counts for aspect k
    indicator: list[bool]  # n_cols: the column has a header (aspect, code or text)
    scores: list[list[float | None]]  # n x n_cols: the valid score, None unless valid
    filled: list[int]  # per unit: non-blank cells
    valid: list[int]  # per unit: valid scores
    counts: list[list[int]]  # n x m: valid scores per aspect
    sums: list[list[float]]  # n x m: sum of those scores
    totals: list[float | None]
    ranks: list[int | None]
    ties: list[bool]
    duplicates: list[bool]
    problems: list[Problem] = field(default_factory=list)

    @property
    def n_units(self) -> int:
        return len(self.names)

    @property
    def n_aspects(self) -> int:
        return len(self.aspect_names)

    def mean(self, i: int, k: int) -> float | None:
        c = self.counts[i][k]
        return None if c == 0 else self.sums[i][k] / c

    def means(self, i: int) -> list[float | None]:
        return [self.mean(i, k) for k in range(self.n_aspects)]

    def blank_row(self, i: int) -> bool:
        return is_blank(self.names[i]) and self.filled[i] == 0

    def pct(self, i: int) -> float | None:
        """Total as a fraction of the scale maximum (0.615 = 61.5 %)."""
        t = self.totals[i]
        return None if t is None else t / SCALE_MAX

    def band(self, i: int) -> Band | None:
        """K3 band of the total; None for blank rows or when the weights are invalid
        (band 0 'no data' when the unit has entries but no total)."""
        if self.blank_row(i) or not self.weights.ok:
            return None
        return band_of(self.totals[i])

    def missing(self, i: int) -> list[Any]:
        return [self.aspect_names[k] for k in range(self.n_aspects) if self.counts[i][k] == 0]

    def flags(self, i: int) -> str:
        """The Hasil 'Catatan' text, exactly as the workbook formula builds it."""
        f, v, named = self.filled[i], self.valid[i], not is_blank(self.names[i])
        out = []
        if self.ties[i]:
            out.append(FLAG_TIE)
        if not named and f > 0:
            out.append(FLAG_NO_NAME)
        if named and f == 0:
            out.append(FLAG_NOT_SCORED)
        if f > v:
            out.append(FLAG_INVALID.format(n=f - v))
        miss = self.missing(i)
        if f > 0 and miss:
            out.append(FLAG_MISSING + ", ".join(xl_text(a) for a in miss))
        if (named or f > 0) and not self.weights.ok:
            out.append(FLAG_NO_WEIGHTS)
        if self.duplicates[i]:
            out.append(FLAG_DUPLICATE)
        return FLAG_SEP.join(out)

    def aspect_mean_over_units(self, k: int) -> float | None:
        vals = [m for i in range(self.n_units) if (m := self.mean(i, k)) is not None]
        if not vals:
            return None
        s = 0.0
        for x in vals:  # left to right, as SUM does
            s += x
        return s / len(vals)

    def aspect_units(self, k: int) -> int:
        return sum(1 for c in self.counts if c[k] > 0)

    @property
    def units_assessed(self) -> int:
        return sum(1 for v in self.valid if v > 0)

    @property
    def units_with_total(self) -> int:
        return sum(t is not None for t in self.totals)

    @property
    def has_errors(self) -> bool:
        return any(p.severity == ERROR for p in self.problems)


def weighted_total(means: Sequence[float | None], weights: Sequence[float]) -> float | None:
    """W = sum of w_j x S_j, left to right, rounded to 9 decimals; None when an aspect has
    no score (never counted as 0)."""
    if any(m is None for m in means):
        return None
    w = 0.0
    for m, x in zip(means, weights):
        w += m * x  # type: ignore[operator]
    return round9(w)


def assess(
    names: Sequence[Any],
    rows: Sequence[Sequence[Any]],
    column_aspects: Sequence[Any],
    aspect_names: Sequence[Any],
    weights: Sequence[Any],
    *,
    codes: Sequence[Any] | None = None,
    texts: Sequence[Any] | None = None,
    locate: Locate = _default_locate,
    require_100: bool = True,
) -> Assessment:
    """Assess every unit.

    ``rows[i][j]`` is the raw score of unit i on indicator column j; ``column_aspects[j]``
    the raw aspect header of column j (it decides the aspect, compared as Excel's ``=``);
    ``codes``/``texts`` the other header rows (a column with any header is an indicator).
    ``require_100=False`` skips the 100 % check (weights used as given; for property tests).
    """
    n, nc, m = len(rows), len(column_aspects), len(aspect_names)
    codes = list(codes) if codes is not None else [None] * nc
    texts = list(texts) if texts is not None else [None] * nc
    problems: list[Problem] = []

    # --- the indicator set, from the header rows
    indicator = [not (is_blank(column_aspects[j]) and is_blank(codes[j]) and is_blank(texts[j]))
                 for j in range(nc)]
    columns = [[xl_equal(column_aspects[j], aspect_names[k]) for j in range(nc)]
               for k in range(m)]
    listed = ", ".join(xl_text(a) for a in aspect_names)
    for j in range(nc):
        if indicator[j] and not any(col[j] for col in columns):
            a = column_aspects[j]
            problems.append(Problem("ASPEK_TIDAK_DIKENAL", *locate("aspect", 0, j), listed,
                                    "kosong" if is_blank(a) else show_found(a)))
    seen_codes: dict[tuple[str, Any], int] = {}
    for j in range(nc):
        c = codes[j]
        if is_blank(c):
            continue
        key = _xl_key(c)
        if key in seen_codes:
            problems.append(Problem("KODE_GANDA", *locate("code", 0, j), "kode indikator unik",
                                    f"{show_found(c)} (juga di "
                                    f"{locate('code', 0, seen_codes[key])[1]})", WARNING))
        else:
            seen_codes[key] = j
    seen_aspects: dict[tuple[str, Any], int] = {}
    for k, a in enumerate(aspect_names):
        if is_blank(a):
            problems.append(Problem("ASPEK_KOSONG", *locate("aspect_name", k, 0), "nama aspek",
                                    "kosong"))
            continue
        key = _xl_key(a)
        if key in seen_aspects:
            problems.append(Problem("ASPEK_GANDA", *locate("aspect_name", k, 0),
                                    "nama aspek unik", show_found(a)))
        else:
            seen_aspects[key] = k
        if not any(c and d for c, d in zip(columns[k], indicator)):
            problems.append(Problem("ASPEK_TANPA_INDIKATOR", *locate("aspect_name", k, 0),
                                    xl_text(a), "0 indikator"))
    w = check_weights(weights, locate=locate, require_100=require_100)
    problems.extend(w.problems)

    # --- the scores
    scores: list[list[float | None]] = []
    filled: list[int] = []
    valid: list[int] = []
    unscored = [0] * nc  # filled cells in columns without an indicator
    row_problems: list[tuple[int, int, Problem]] = []  # (unit, column or -1, problem)
    for i, row in enumerate(rows):
        srow: list[float | None] = [None] * nc
        nf = nv = 0
        for j in range(nc):
            v = row[j] if j < len(row) else None
            t = type(v)
            if (t is int or t is float) and v in (0, 1, 2, 3, 4, 5):  # fast path
                srow[j] = v
                nf += 1
                nv += 1
                if not indicator[j]:
                    unscored[j] += 1
                continue
            val, code = classify_int(v, SCALE_MIN, SCALE_MAX)
            if code == "":
                continue
            nf += 1
            if not indicator[j]:
                unscored[j] += 1
            if code is None:
                srow[j] = val
                nv += 1
            else:
                row_problems.append((i, j, Problem(code, *locate("score", i, j), EXPECTED,
                                                   show_found(v))))
        scores.append(srow)
        filled.append(nf)
        valid.append(nv)
    for j, u in enumerate(unscored):
        if u:
            problems.append(Problem("NILAI_TANPA_INDIKATOR", *locate("aspect", 0, j),
                                    "aspek, kode dan uraian indikator di baris judul",
                                    f"judul kosong, {u} sel berisi"))

    # --- aspect means
    # (whole numbers 0-5: their sums are exact, whatever the order of addition)
    where = [[j for j in range(nc) if columns[k][j]] for k in range(m)]  # columns of aspect k
    counts: list[list[int]] = []
    sums: list[list[float]] = []
    for srow in scores:
        got = [[x for j in js if (x := srow[j]) is not None] for js in where]
        counts.append([len(g) for g in got])
        sums.append([float(sum(g)) for g in got])

    # --- totals, ranks
    totals: list[float | None] = []
    wv = [0.0 if x is None else x for x in w.values]
    for i in range(n):
        if not w.ok or 0 in counts[i]:
            totals.append(None)
            continue
        means = [sums[i][k] / counts[i][k] for k in range(m)]
        totals.append(weighted_total(means, wv))
    ranks = competition_rank(totals)
    ties = tied(totals)

    # --- the unit rows
    keys = [None if is_blank(name) else _xl_key(name) for name in names]
    first: dict[tuple[str, Any], int] = {}
    times: dict[tuple[str, Any], int] = {}
    for i, key in enumerate(keys):
        if key is not None:
            first.setdefault(key, i)
            times[key] = times.get(key, 0) + 1
    dup = [key is not None and times[key] > 1 for key in keys]

    def unit_problem(i: int, code: str, expected: str, found: str) -> None:
        row_problems.append((i, -1, Problem(code, *locate("name", i, 0), expected, found,
                                            WARNING)))

    for i, (name, key) in enumerate(zip(names, keys)):
        if key is not None and first[key] != i:
            unit_problem(i, "UNIT_GANDA", "nama unit unik",
                         f"{show_found(name)} (juga di {locate('name', first[key], 0)[1]})")
        if key is not None and filled[i] == 0:
            unit_problem(i, "UNIT_TANPA_NILAI", "nilai 0–5 pada indikator", "tidak ada nilai")
        if key is None and filled[i] > 0:
            unit_problem(i, "UNIT_TANPA_NAMA", "nama unit",
                         f"kosong, {filled[i]} sel nilai terisi")
        miss = [aspect_names[k] for k in range(m) if counts[i][k] == 0]
        if filled[i] > 0 and miss:
            unit_problem(i, "ASPEK_TANPA_NILAI", "nilai sah pada setiap aspek",
                         FLAG_MISSING + ", ".join(xl_text(a) for a in miss))
    row_problems.sort(key=lambda t: (t[0], t[1]))
    problems.extend(p for _, _, p in row_problems)
    return Assessment(list(names), list(aspect_names), w, columns, indicator, scores, filled,
                      valid, counts, sums, totals, ranks, ties, dup, problems)

