"""LibreOffice Calc as a host: the buttons run the same actions inside Calc.

* :mod:`.book` — :class:`~.book.UnoBook`, the Book adapter over a Calc document (UNO);
* :mod:`.formula` — Excel formulas in the grammar LibreOffice's API reads;
* :mod:`.macro` — one button press: the action, an undo step, the dialog;
* :mod:`.oxt` — the extension ``xlpokja.oxt`` that ships all of this to Calc (build time).
"""
