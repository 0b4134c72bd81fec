"""Every problem code has one message: a code written twice in MESSAGES would silently keep
only the later text (a dict literal does not complain)."""

from __future__ import annotations

import ast
import collections
from pathlib import Path

import xlpokja.core.problems as problems


def test_no_problem_code_is_defined_twice():
    tree = ast.parse(Path(problems.__file__).read_text(encoding="utf-8"))
    (messages,) = [n.value for n in ast.walk(tree) if isinstance(n, ast.AnnAssign)
                   and getattr(n.target, "id", "") == "MESSAGES"]
    keys = [k.value for k in messages.keys]
    assert len(keys) == len(problems.MESSAGES) > 100
    assert [] == [k for k, n in collections.Counter(keys).items() if n > 1]


def test_every_message_has_both_languages_and_its_placeholders():
    for code, (id_, en) in problems.MESSAGES.items():
        for text in (id_, en):
            assert text.strip(), code
            text.format(expected="x", found="y")  # no stray placeholder
