"""Input problems (*masalah*): collected, never raised one at a time.

Every problem names the sheet and cell, what was expected and what was found,
and carries a stable code (decisions.md §4). Messages are Indonesian by
default, English on request.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"

# code -> (Indonesian template, English template). Placeholders: {expected}, {found}.
MESSAGES: dict[str, tuple[str, str]] = {
    "NILAI_BUKAN_ANGKA": (
        "Nilai harus {expected}, ditemukan teks {found}; jawaban ini tidak dihitung.",
        "Value must be {expected}, found text {found}; this answer is not counted.",
    ),
    "NILAI_DI_LUAR_SKALA": (
        "Nilai harus {expected}, ditemukan {found}; jawaban ini tidak dihitung.",
        "Value must be {expected}, found {found}; this answer is not counted.",
    ),
    "NILAI_BUKAN_BULAT": (
        "Nilai harus {expected}, ditemukan pecahan {found}; jawaban ini tidak dihitung.",
        "Value must be {expected}, found fraction {found}; this answer is not counted.",
    ),
    "NILAI_ERROR": (
        "Nilai harus {expected}, ditemukan galat Excel {found}; jawaban ini tidak dihitung.",
        "Value must be {expected}, found Excel error {found}; this answer is not counted.",
    ),
    "RESPONDEN_GANDA": (
        "Kode responden harus unik ({expected}); {found} sudah dipakai. Periksa apakah lembar "
        "ini terisi dua kali.",
        "Respondent code must be unique ({expected}); {found} is used twice. Check whether "
        "this sheet was entered twice.",
    ),
    "LEMBAR_TANPA_JAWABAN": (
        "Baris berisi responden tetapi tidak ada jawaban ({expected}); ditemukan {found}.",
        "Row names a respondent but has no answers ({expected}); found {found}.",
    ),
    "JUDUL_KOLOM_BERUBAH": (
        "Judul kolom harus {expected}, ditemukan {found}. Jangan mengubah judul kolom jawaban.",
        "Column header must be {expected}, found {found}. Do not change answer headers.",
    ),
    "BUTIR_TIDAK_DIKENAL": (
        "Kolom di luar daftar butir ({expected}) berisi {found}; kolom ini tidak dihitung.",
        "A column outside the item list ({expected}) holds {found}; it is not counted.",
    ),
    "PENGATURAN_TIDAK_SAH": (
        "Pengaturan harus {expected}, ditemukan {found}; dipakai nilai bawaan.",
        "Setting must be {expected}, found {found}; the default is used.",
    ),
    "SHEET_TIDAK_ADA": (
        "Sheet {expected} tidak ditemukan; sheet yang ada: {found}. Jangan mengganti nama sheet.",
        "Sheet {expected} not found; sheets present: {found}. Do not rename sheets.",
    ),
    "BERKAS_RUSAK": (
        "Berkas tidak dapat dibaca sebagai buku kerja Excel ({expected}): {found}.",
        "The file cannot be read as an Excel workbook ({expected}): {found}.",
    ),
    "TEMPLATE_TIDAK_DIKENAL": (
        "Buku kerja bukan templat xlpokja yang dikenal ({expected}); ditemukan {found}.",
        "The workbook is not a known xlpokja template ({expected}); found {found}.",
    ),
    "PERAN_TIDAK_DIKENAL": (
        "Peran dalam Pokja harus {expected}, ditemukan {found}; baris ini tidak dihitung "
        "dan tidak diperingkat.",
        "Role in the Pokja must be {expected}, found {found}; this row is not counted or "
        "ranked.",
    ),
    "PERAN_KOSONG": (
        "Baris berisi data tetapi Peran dalam Pokja kosong (harus {expected}); baris ini "
        "tidak dihitung dan tidak diperingkat.",
        "The row holds data but its role is blank (must be {expected}); it is not counted "
        "or ranked.",
    ),
    "NAMA_KOSONG": (
        "Baris berisi data tetapi {expected} kosong; ditemukan {found}.",
        "The row holds data but {expected} is blank; found {found}.",
    ),
    "NAMA_GANDA": (
        "Nama sebaiknya unik dalam satu kelompok peran ({expected}); {found}.",
        "Names should be unique within a role group ({expected}); {found}.",
    ),
    "TANDA_TIDAK_SAH": (
        "Tanda check harus {expected}, ditemukan {found}; tanda ini tidak dihitung.",
        "A check mark must be {expected}, found {found}; this mark is not counted.",
    ),
    "TANDA_BERTENTANGAN": (
        "'Bukan pelaku program' tidak dapat digabung dengan {expected}; ditemukan {found}.",
        "'Not a programme actor' cannot be combined with {expected}; found {found}.",
    ),
    "RING_TIDAK_DIKENAL": (
        "Ring harus {expected}, ditemukan {found}; isian ini diabaikan.",
        "Ring must be {expected}, found {found}; this entry is ignored.",
    ),
    "GRAFIK_PENUH": (
        "Grafik memuat paling banyak {expected}; ditemukan {found}. Sisanya tetap ada di "
        "daftar, tidak di grafik.",
        "The chart holds at most {expected}; found {found}. The rest are in the list, not "
        "on the chart.",
    ),
    "RUMUS_BERBEDA": (
        "Hasil rumus harus {expected} (dihitung inti xlpokja), mesin rumus memberi {found}.",
        "Formula result must be {expected} (xlpokja core), the formula engine gave {found}.",
    ),
    "RUMUS_GALAT": (
        "Sel rumus harus berisi hasil ({expected}), ditemukan galat {found}.",
        "Formula cell must hold a result ({expected}), found error {found}.",
    ),
    # weighted aspect assessment (asesmen)
    "BOBOT_TIDAK_100": (
        "Jumlah bobot aspek harus {expected}, ditemukan {found}; tidak ada nilai total untuk "
        "unit mana pun (bobot tidak dinormalkan diam-diam).",
        "Aspect weights must sum to {expected}, found {found}; no unit gets a total (weights "
        "are never silently normalised).",
    ),
    "BOBOT_TIDAK_SAH": (
        "Bobot aspek harus {expected}, ditemukan {found}; tidak ada nilai total untuk unit "
        "mana pun.",
        "An aspect weight must be {expected}, found {found}; no unit gets a total.",
    ),
    "ASPEK_TIDAK_DIKENAL": (
        "Aspek indikator harus salah satu aspek di sheet Bobot ({expected}), ditemukan "
        "{found}; nilai pada kolom ini tidak masuk aspek mana pun.",
        "An indicator's aspect must be one of the aspects on sheet Bobot ({expected}), found "
        "{found}; the scores in this column count for no aspect.",
    ),
    "ASPEK_TANPA_INDIKATOR": (
        "Aspek {expected} tidak memiliki indikator di sheet Penilaian ({found}); tidak ada "
        "unit yang mendapat nilai total.",
        "Aspect {expected} has no indicator on sheet Penilaian ({found}); no unit gets a "
        "total.",
    ),
    "ASPEK_KOSONG": (
        "Nama aspek di sheet Bobot harus diisi ({expected}), ditemukan {found}.",
        "An aspect name on sheet Bobot must be filled in ({expected}), found {found}.",
    ),
    "ASPEK_GANDA": (
        "Nama aspek harus unik ({expected}); {found} dipakai lebih dari sekali.",
        "Aspect names must be unique ({expected}); {found} is used more than once.",
    ),
    "ASPEK_TANPA_NILAI": (
        "Unit harus punya {expected}; ditemukan {found}. Nilai total tidak dihitung (aspek "
        "tanpa nilai tidak dianggap 0).",
        "A unit needs {expected}; found {found}. No total is computed (an aspect without "
        "scores is never counted as 0).",
    ),
    "NILAI_TANPA_INDIKATOR": (
        "Kolom berisi nilai tetapi bukan indikator: harus ada {expected}; ditemukan {found}. "
        "Nilai di kolom ini tidak dihitung.",
        "A column holds scores but is not an indicator: it needs {expected}; found {found}. "
        "Its scores are not counted.",
    ),
    "KODE_GANDA": (
        "Kode indikator sebaiknya unik ({expected}); ditemukan {found}.",
        "Indicator codes should be unique ({expected}); found {found}.",
    ),
    "UNIT_TANPA_NILAI": (
        "Baris berisi nama unit tetapi belum ada nilai (harus {expected}); ditemukan {found}. "
        "Unit ini tidak diperingkat.",
        "The row names a unit but holds no score (expected {expected}); found {found}. The "
        "unit is not ranked.",
    ),
    "UNIT_TANPA_NAMA": (
        "Baris berisi nilai tetapi {expected} kosong; ditemukan {found}.",
        "The row holds scores but the {expected} is blank; found {found}.",
    ),
    "UNIT_GANDA": (
        "Nama unit sebaiknya unik ({expected}); {found}. Periksa apakah unit ini diisi dua "
        "kali.",
        "Unit names should be unique ({expected}); {found}. Check whether the unit was "
        "entered twice.",
    ),
    "PILIHAN_UNIT_TIDAK_ADA": (
        "Unit yang dipilih harus {expected}, ditemukan {found}; ditampilkan unit peringkat 1.",
        "The chosen unit must be {expected}, found {found}; the rank-1 unit is shown.",
    ),
}


@dataclass(frozen=True)
class Problem:
    """One input problem at one place in a workbook."""

    code: str
    sheet: str
    cell: str
    expected: str
    found: str
    severity: str = ERROR

    def message(self, lang: str = "id") -> str:
        """The problem as a sentence, in Indonesian (``id``) or English (``en``)."""
        templates = MESSAGES[self.code]
        text = templates[1 if lang == "en" else 0]
        return text.format(expected=self.expected, found=self.found)

    def where(self) -> str:
        """``Sheet!Cell`` (or just the sheet when the cell is unknown)."""
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet

    def __str__(self) -> str:
        return f"{self.where()} [{self.code}] {self.message('en')}"

    def to_dict(self, lang: str = "id") -> dict[str, str]:
        d = asdict(self)
        d["message"] = self.message(lang)
        return d


class XlpokjaError(Exception):
    """A problem that stops the run; the input file is left untouched."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))

    def message(self, lang: str = "id") -> str:
        return "\n".join(f"{p.where()} [{p.code}] {p.message(lang)}" for p in self.problems)


def show_found(value: object) -> str:
    """How a found cell value is quoted in a message."""
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, float):
        return format_number(value)
    return str(value)


def format_number(value: float, decimals: int | None = None) -> str:
    """A number in Indonesian convention: ``,`` decimal, ``.`` thousands."""
    if decimals is None:
        if float(value).is_integer():
            text = f"{int(value):,}"
        else:
            text = f"{value:,.6f}".rstrip("0")
    else:
        text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
