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


# Longest sentence handed to the fact stages, in characters: their work per quantity grows with
# the sentence, so a line without sentence punctuation (a table flattened into one line, 1 MB of
# `1,1,1,…`) would make them quadratic. The dev corpus's longest real sentence is 228 characters.
MAX_SENTENCE = 1000
_CUT_MARK = re.compile(r"[，、：:\s]|,(?!\d)")
_NUMBER_CHARS = frozenset("0123456789.,")


def sentences(text: MappedText | str) -> Iterator[Sentence]:
    s = text.text if isinstance(text, MappedText) else text
    for m in _SENT.finditer(s):
        if m.end() == m.start():
            continue
        chunk = m.group()
        if not chunk.strip(" 。；;"):
            continue
        if len(chunk) <= MAX_SENTENCE:
            yield Sentence(m.start(), m.end(), chunk)
            continue
        for a, b in _pieces(chunk):
            if chunk[a:b].strip(" 。；;，,"):
                yield Sentence(m.start() + a, m.start() + b, chunk[a:b])


def _pieces(chunk: str) -> Iterator[tuple[int, int]]:
    """An over-long sentence in pieces of at most MAX_SENTENCE characters, cut after the last
    clause mark in each window (or, without one, not inside a number)."""
    a = 0
    while len(chunk) - a > MAX_SENTENCE:
        cut = 0
        # endpos one past the window: the mark's one-character lookahead must see the next character
        for cm in _CUT_MARK.finditer(chunk, a + MAX_SENTENCE // 2, a + MAX_SENTENCE + 1):
            if cm.end() <= a + MAX_SENTENCE:
                cut = cm.end()
        if not cut:
            cut = a + MAX_SENTENCE
            while cut > a + MAX_SENTENCE // 2 and chunk[cut - 1] in _NUMBER_CHARS and chunk[cut] in _NUMBER_CHARS:
                cut -= 1
        yield a, cut
        a = cut
    yield a, len(chunk)


def clause_bounds(sentence: str) -> list[int]:
    """Positions just after each clause boundary inside a sentence (used as left limits)."""
    return [m.end() for m in _CLAUSE_BOUNDARY.finditer(sentence)]


def clauses(sentence: str) -> list[tuple[int, int]]:
    cuts = [0, *clause_bounds(sentence), len(sentence)]
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]
