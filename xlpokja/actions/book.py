"""The workbook adapter a button action works on.

Under Excel the action gets :class:`xlpokja.hosts.excel.XlwingsBook`; headless it gets
:class:`xlpokja.hosts.headless.recalc.PackageBook`. Actions never touch Excel objects
or file formats directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from xlpokja.layout.base import FormulaCell


class Book(Protocol):
    #: True when the adapter must also store computed values (headless);
    #: False when the spreadsheet application computes formulas itself (Excel).
    stores_values: bool

    def template_id(self) -> str | None: ...

    def sheet_names(self) -> list[str]: ...

    def read_block(self, sheet: str, first_row: int, n_cols: int) -> list[list[Any]]:
        """Rows from ``first_row`` down to the sheet's last used row, columns 1..n_cols."""

    def read_row(self, sheet: str, row: int) -> list[Any]:
        """All values of one row (to find columns right of a table)."""

    def read_cell(self, sheet: str, ref: str) -> Any: ...

    def defined_name(self, name: str) -> str | None: ...

    def set_defined_name(self, name: str, ref: str) -> None: ...

    def write_cells(self, cells: Sequence[FormulaCell], values: Sequence[Any] | None,
                    formulas: bool) -> None:
        """Write formulas (when ``formulas``) and/or computed values of cells."""

    def write_rows(self, sheet: str, first_row: int, cells: Sequence[FormulaCell],
                   values: Sequence[Any] | None) -> None:
        """Replace every row from ``first_row`` down with ``cells`` (formulas and values):
        for sheets the template computes wholly (e.g. ``Status``)."""

    def write_table(self, sheet: str, first_row: int, rows: Sequence[Sequence[Any]],
                    n_cols: int) -> None:
        """Replace everything from ``first_row`` down with ``rows`` (values only)."""

    def write_value(self, sheet: str, ref: str, value: Any) -> None: ...

    def write_block(self, sheet: str, first_row: int, first_col: int,
                    rows: Sequence[Sequence[Any]]) -> None:
        """Write input values into a rectangle, leaving every other cell as it is
        (button actions that add input, e.g. a new tie round)."""
