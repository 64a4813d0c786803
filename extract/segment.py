"""Sentences and clauses inside a block, as spans of the block's compacted text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .normalize import MappedText

# A sentence ends at 。！？；; (and a closing quote/bracket right after). Half-width ; also
# separates clauses in form-filled documents (…减少65.92万元;财政拨款收入…).
_SENT = re.compile(r"[^。！？!?；;]*(?:[。！？!?；;]+[”’」』）)]?|$)")
# Clause boundaries: Chinese commas/colons always; a half-width comma only when it is not a
# thousands separator (3,688.46).
# 、 is not a boundary: it joins nouns that share a head (收、支预算总计), and between two
# quantities (培训费0.33万元、工会经费…) the end of the previous quantity already is one.
_CLAUSE_BOUNDARY = re.compile(r"[，：:]|,(?!\d{3}(?:\D|$))|(?<!\d),")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int  # offsets into the block's compacted text
    end: int
    text: str


def sentences(text: MappedText | str) -> Iterator[Sentence]:
    s = text.text if isinstance(text, MappedText) else text
    for m in _SENT.finditer(s):
        if m.end() == m.start():
            continue
        chunk = m.group()
        if chunk.strip(" 。；;"):
            yield Sentence(m.start(), m.end(), chunk)


def clause_bounds(sentence: str) -> list[int]:
    """Positions just after each clause boundary inside a sentence (used as left limits)."""
    return [m.end() for m in _CLAUSE_BOUNDARY.finditer(sentence)]


def clauses(sentence: str) -> list[tuple[int, int]]:
    cuts = [0, *clause_bounds(sentence), len(sentence)]
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]
