"""Self-assessment questionnaire (*Lembar Penilaian Diri Sendiri Kelompok Kerja*).

instruments.md K3, decisions.md §6-11: 36 items in six components A-F, scale
0-5 (0 is a real score), blank = no answer. Component score = sum of valid
answers / number of valid answers; X = sum of component scores; N = X / 6 (or
the mean of the components with data, flagged).

Plain Python (no numpy): the Hitung button runs this inside LibreOffice's own Python.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from xlpokja.core.bands import Band, band_of
from xlpokja.core.problems import ERROR, WARNING, Problem, show_found
from xlpokja.core.scales import classify_int

SCALE = (0, 1, 2, 3, 4, 5)
EXPECTED = "bilangan bulat 0–5 atau kosong"

#: Missing-answer policies (decisions.md §11). Default: available-case.
POLICY_AVAILABLE = "per_butir"
POLICY_COMPLETE = "lembar_lengkap"
POLICY_LABELS = {
    POLICY_AVAILABLE: "Pakai semua jawaban per butir (bawaan)",
    POLICY_COMPLETE: "Hanya lembar yang lengkap (36 jawaban sah)",
}



@dataclass(frozen=True)
class Component:
    key: str
    name: str  # résumé wording (K3.5), used for output
    form_name: str  # form wording (K3.3)


@dataclass(frozen=True)
class Item:
    key: str  # stable ID, e.g. "B6"
    component: str
    source_no: int  # number printed in the source ("No. asli")
    text: str


COMPONENTS: tuple[Component, ...] = (
    Component("A", "Hubungan dengan stakeholders utama", "Hubungan dengan stakeholders utama"),
    Component("B", "Komunikasi dengan stakeholders eksternal",
              "Komunikasi dengan stakeholder eksternal"),
    Component("C", "Sistem Informasi", "Sistem Informasi"),
    Component("D", "Hubungan internal organisasi", "Hubungan internal organisasi"),
    Component("E", "Manajemen Anggaran dan Keuangan", "Manajemen Anggaran dan Keuangan"),
    Component("F", "Pengembangan regulasi", "Pengembangan regulasi"),
)

_ITEM_TEXT: dict[str, list[tuple[int, str]]] = {
    "A": [
        (1, "Organisasi dapat mengidentifikasi stakeholders utama"),
        (2, "Organisasi dapat membedakan harapan stakeholders"),
        (3, "Stakeholders terlibat dalam identifikasi isu-isu"),
        (4, "Stakeholders terlibat dalam perencanaan program pembangunan AMPL menuju "
            "pencapaian MDG 2015"),
        (5, "Stakeholders terlibat dalam memberikan kontribusi sumber daya untuk pembangunan "
            "AMPL menuju pencapaian MDG 2015"),
        (6, "Stakeholders terlibat dalam monitoring-evaluasi pembangunan AMPL"),
    ],
    "B": [
        (1, "Program kerja Pokja disampaikan kepada stakeholders yang mendapatkan manfaat dari "
            "lembaga ini"),
        (2, "Pokja mengembangkan kepedulian/pemahaman tentang AMPL diantara para stakeholders"),
        (3, "Pokja mengadakan komunikasi dan pertukaran data/informasi yang intensif dengan "
            "stakeholders yang bersangkutan"),
        (4, "Pokja berupaya untuk melibatkan stakeholders yang biasanya tidak terwakili "
            "(perempuan, masyarakat miskin, etnis minoritas, dsb)"),
        (5, "Stakeholders (instansi) terkait memiliki pemahaman yang sama tentang peran dan "
            "tujuan Pokja"),
        (7, "Pokja menciptakan hubungan yang dekat dengan masyarakat, LSM dan sektor swasta"),
        (8, "Pokja menggunakan media massa untuk menjelaskan program dan kegiatan kepada "
            "masyarakat"),
        (9, "Masyarakat umum memiliki kesan yang positif tentang Pokja"),
    ],
    "C": [
        (1, "Terdapat sistem dan prosedur yang tepat untuk mengumpulkan, menyimpan, dan "
            "mengambil kembali data dan informasi"),
        (2, "Penempatan staf yang terampil untuk mengelola sistem informasi"),
        (3, "Sistem yang ada digunakan untuk memproses, menganalisis, dan menyebarluaskan data "
            "kepada pihak terkait"),
        (4, "Informasi tersebar merata kepada semua anggota Pokja"),
        (5, "Stakeholders dapat mengakses informasi yang tersedia"),
    ],
    "D": [
        (1, "Rapat diadakan secara teratur"),
        (2, "Rapat Pokja memberikan peluang untuk saling berbagi pengalaman, gagasan dan saran "
            "antar anggota."),
        (3, "Mendorong terjadinya kerjasama tim dalam Pokja"),
        (4, "Kepada para anggota Pokja diberikan peluang untuk memberikan masukan dan saran "
            "dalam proses pengambilan keputusan"),
        (5, "Informasi dibagi dengan bebas di antara semua anggota tim"),
        (6, "Anggota tim didorong untuk mengambil inisiatif dan memotivasi diri sendiri"),
        (7, "Pokja berperan dalam melaksanakan jenis layanan AMPL, sesuai fungsi dan kewenangan "
            "yang dimilikinya dalam pengelolaan AMPL"),
    ],
    "E": [
        (1, "Pokja memiliki mekanisme dan proses perencanaan anggaran yang dilakukan secara "
            "partisipatip dan diintegrasikan dalam perencana Pembangunan Tahunan"),
        (2, "Pokja mempunyai rencana keuangan jangka menengah sesuai program prioritas."),
        (3, "Pokja melaksanakan pengelolaan anggaran yang dikendalikan secara terus menerus"),
        (4, "Pokja menyusun pelaporan keuangan yang tertib dan terbuka"),
        (5, "Pokja berupaya untuk mencari inovasi mekanisme perencanaan-penganggaran lengkap "
            "dengan prasyarat dan konsekuensinya"),
    ],
    "F": [
        (1, "Pokja memiliki kemampuan untuk menentukan substansi regulasi yang berkaitan dengan "
            "AMPL"),
        (2, "Pokja dapat menempatkan relevansi regulasi dengan masalah AMPL"),
        (3, "Pokja mengembangkan proses perumusan regulasi daerah dengan melibatkan multi stake "
            "holder"),
        (4, "Pokja dapat menjaga kesesuaian regulasi dengan prinsip kebijakan nasional AMPL "
            "berbasis masyarakat"),
        (5, "Efektivitas dan efisiensi regulasi menjawab permasalahan AMPL di daerah"),
    ],
}

ITEMS: tuple[Item, ...] = tuple(
    Item(f"{c}{i}", c, no, text)
    for c, rows in _ITEM_TEXT.items()
    for i, (no, text) in enumerate(rows, start=1)
)
ITEM_KEYS: tuple[str, ...] = tuple(it.key for it in ITEMS)
#: column slice of each component in the 36-item order
COMPONENT_SLICES: dict[str, slice] = {}
_pos = 0
for _c in COMPONENTS:
    _n = len(_ITEM_TEXT[_c.key])
    COMPONENT_SLICES[_c.key] = slice(_pos, _pos + _n)
    _pos += _n
del _pos, _c, _n


# --------------------------------------------------------------------------- reading


@dataclass
class Answers:
    """Answer table after cell-level validation.

    ``values`` is n lists of 36: the valid answers (numbers 0-5), None where blank or
    invalid. ``filled`` (n ints) counts non-blank cells per row, ``valid`` (n ints) the
    valid ones. ``invalid`` is n lists of 36 bools: non-blank but not a valid answer.
    """

    respondents: list[object]
    values: list[list[float | None]]
    filled: list[int]
    valid: list[int]
    invalid: list[list[bool]]
    problems: list[Problem] = field(default_factory=list)


def _classify(v: object) -> tuple[float, str | None]:
    """(value, problem code); value NaN unless valid. Blank -> (nan, "")."""
    return classify_int(v, 0, 5)


def read_answers(
    respondents: Sequence[object],
    rows: Sequence[Sequence[object]],
    *,
    sheet: str,
    locate: Callable[[int, int | None], str],
) -> Answers:
    """Validate raw answer cells.

    ``rows[i][j]`` is the raw value of item ``ITEM_KEYS[j]`` for respondent ``i``;
    ``locate(i, j)`` gives the cell address (``j=None`` for the respondent cell).
    Every bad cell becomes a :class:`Problem`; the cell is excluded, never read as 0.
    """
    m = len(ITEM_KEYS)
    values: list[list[float | None]] = []
    filled: list[int] = []
    valid: list[int] = []
    invalid: list[list[bool]] = []
    problems: list[Problem] = []
    for i, row in enumerate(rows):
        vrow: list[float | None] = [None] * m
        brow = [False] * m
        nf = nv = 0
        for j in range(m):
            v = row[j] if j < len(row) else None
            t = type(v)
            if (t is float or t is int) and v in SCALE:  # fast path
                vrow[j] = v
                nf += 1
                nv += 1
                continue
            val, code = _classify(v)
            if code == "":
                continue
            nf += 1
            if code is None:
                vrow[j] = val
                nv += 1
            else:
                brow[j] = True
                problems.append(Problem(code, sheet, locate(i, j), EXPECTED, show_found(v)))
        values.append(vrow)
        invalid.append(brow)
        filled.append(nf)
        valid.append(nv)
    seen: dict[str, int] = {}
    for i, r in enumerate(respondents):
        code = "" if r is None else str(r).strip()
        if isinstance(r, float) and r.is_integer():
            code = str(int(r))
        if code == "":
            continue
        if filled[i] == 0:
            problems.append(Problem("LEMBAR_TANPA_JAWABAN", sheet, locate(i, None),
                                    "1–36 jawaban", "0 jawaban", WARNING))
        key = code.casefold()
        if key in seen:
            problems.append(Problem("RESPONDEN_GANDA", sheet, locate(i, None),
                                    "unik", f"{code!r} (juga di {locate(seen[key], None)})",
                                    WARNING))  # flagged, never dropped: both rows count
        else:
            seen[key] = i
    return Answers(list(respondents), values, filled, valid, invalid, problems)


#: valid answers two rows must share, all of them, to be flagged as the same sheet twice
IDENTICAL_MIN = 18


def identical_rows(answers: Answers) -> list[tuple[int, int]]:
    """(row, earlier row) for every row whose answers equal an earlier row's in all 36
    items (valid answers equal, blank or invalid in the same items), with at least
    :data:`IDENTICAL_MIN` valid answers: most likely the same sheet entered twice (a form
    sent twice, an export merged beside the forms it was typed from). Row indices are
    0-based positions in ``answers``."""
    seen: dict[tuple[object, ...], int] = {}
    out: list[tuple[int, int]] = []
    for i, (vals, nv) in enumerate(zip(answers.values, answers.valid)):
        if nv < IDENTICAL_MIN:
            continue
        key = tuple(vals)
        if key in seen:
            out.append((i, seen[key]))
        else:
            seen[key] = i
    return out


# --------------------------------------------------------------------------- tabulation


@dataclass
class Stats:
    """Frequency table and mean of one item or one component."""

    counts: list[int]  # count of each value 0..5
    n: int  # number of valid answers
    total: float  # sum of value x count
    mean: float | None  # None when no valid answer

    @property
    def products(self) -> list[int]:
        return [v * c for v, c in zip(SCALE, self.counts)]


@dataclass
class Tabulation:
    policy: str
    n_rows: int
    sheets_filled: int
    sheets_complete: int
    sheets_used: int
    used: list[int]  # per row: 1 when the row counts under the policy, else 0
    filled: list[int]  # per row (the Answers' list)
    valid: list[int]  # per row (the Answers' list)
    items: dict[str, Stats]
    components: dict[str, Stats]
    blanks: dict[str, int]  # per item: blanks among filled sheets
    invalid: dict[str, int]  # per item: non-blank, not valid
    x: float  # sum of component scores that have data
    k: int  # number of components with data
    n_score: float | None  # N
    n_flagged: bool  # N from fewer than six components
    problems: list[Problem]

    def component_band(self, key: str) -> Band:
        return band_of(self.components[key].mean)

    @property
    def band(self) -> Band:
        return band_of(self.n_score)

    @property
    def has_errors(self) -> bool:
        return any(p.severity == ERROR for p in self.problems)


def _stats(counts: Sequence[int]) -> Stats:
    c = [int(x) for x in counts]
    n = sum(c)
    total = float(sum(v * k for v, k in zip(SCALE, c)))
    return Stats(c, n, total, total / n if n else None)


def tabulate(answers: Answers, policy: str = POLICY_AVAILABLE) -> Tabulation:
    """Tabulate validated answers (decisions.md §8-11)."""
    if policy not in POLICY_LABELS:
        raise ValueError(f"policy must be one of {list(POLICY_LABELS)} (got {policy!r})")
    m = len(ITEM_KEYS)
    filled, valid = answers.filled, answers.valid
    if policy == POLICY_AVAILABLE:
        used = [1 if f > 0 else 0 for f in filled]
    else:
        used = [1 if v == m and f > 0 else 0 for f, v in zip(filled, valid)]
    vals = [row for row, u in zip(answers.values, used) if u]
    # tally[j][v] = number of used rows with value v at item j (None: blank or invalid)
    tally = [Counter(col) for col in zip(*vals)] if vals else [Counter()] * m
    counts = [[t[v] for v in SCALE] for t in tally]
    items = {key: _stats(counts[j]) for j, key in enumerate(ITEM_KEYS)}
    components = {}
    for c in COMPONENTS:
        part = counts[COMPONENT_SLICES[c.key]]
        components[c.key] = _stats([sum(cs[v] for cs in part) for v in range(len(SCALE))])
    # blanks: cells of filled rows that hold neither a valid nor an invalid answer (an
    # invalid cell makes its row filled, so every invalid cell is in a filled row)
    if policy == POLICY_AVAILABLE:  # the used rows are the filled rows
        nones = [t[None] for t in tally]
    else:
        rows = [row for row, f in zip(answers.values, filled) if f > 0]
        nones = [col.count(None) for col in zip(*rows)] if rows else [0] * m
    flagged = [row for row, f, v in zip(answers.invalid, filled, valid) if v < f]
    bad = [col.count(True) for col in zip(*flagged)] if flagged else [0] * m
    blanks = {key: nones[j] - bad[j] for j, key in enumerate(ITEM_KEYS)}
    invalid = {key: bad[j] for j, key in enumerate(ITEM_KEYS)}
    means = [components[c.key].mean for c in COMPONENTS]
    have = [x for x in means if x is not None]
    k = len(have)
    x = float(sum(have))
    n_score = x / k if k else None
    return Tabulation(
        policy=policy,
        n_rows=len(answers.values),
        sheets_filled=sum(1 for f in filled if f > 0),
        sheets_complete=sum(1 for v in valid if v == m),
        sheets_used=sum(used),
        used=used,
        filled=filled,
        valid=valid,
        items=items,
        components=components,
        blanks=blanks,
        invalid=invalid,
        x=x,
        k=k,
        n_score=n_score,
        n_flagged=0 < k < len(COMPONENTS),
        problems=list(answers.problems),
    )
