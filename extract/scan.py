"""Fast whole-text regex scans that give exactly what `Pattern.finditer` gives.

Python's regex engine skips ahead quickly only when a pattern starts with a literal or a
character class; a pattern that opens with a lookbehind, an optional group or a repeat is tried
at every position of the text. For those, `FirstChars` works out from the parsed pattern which
characters a match can start with, jumps between those positions with one compiled character
class, and tries the pattern only there — the same matches, in the same order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

try:  # the parser the `re` module itself uses (CPython ≥ 3.11); without it every scan is plain finditer
    from re import _parser as _p
except ImportError:  # pragma: no cover - other Python implementations
    _p = None  # type: ignore[assignment]

_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_UNI_DIGIT": r"\d",
    "CATEGORY_UNI_SPACE": r"\s",
    "CATEGORY_UNI_WORD": r"\w",
}
_MAXREPEAT = 1 << 32


class _GiveUp(Exception):
    """The first characters of this pattern cannot be listed (., negated classes, backreferences)."""


def _char(cp: int) -> str:
    return re.escape(chr(cp))


def _class_items(items: list) -> list[str]:  # noqa: ANN001 - parser tuples
    out: list[str] = []
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            out.append(_char(av))
        elif name == "RANGE":
            out.append(f"{_char(av[0])}-{_char(av[1])}")
        elif name == "CATEGORY" and str(av) in _CATEGORIES:
            out.append(_CATEGORIES[str(av)])
        else:  # NEGATE, unusual categories
            raise _GiveUp
    return out


def _first(seq: list) -> tuple[list[str], bool]:  # noqa: ANN001 - parser tuples
    """(class fragments a match of `seq` can start with, whether `seq` can match the empty string)."""
    out: list[str] = []
    for op, av in seq:
        name = str(op)
        if name == "LITERAL":
            return [*out, _char(av)], False
        if name == "IN":
            return [*out, *_class_items(av)], False
        if name in ("ASSERT", "ASSERT_NOT", "AT"):
            continue  # zero width: the match starts with what follows
        if name == "SUBPATTERN":
            if av[1] & re.IGNORECASE:
                raise _GiveUp
            first, empty = _first(list(av[-1]))
            out += first
            if not empty:
                return out, False
            continue
        if name == "BRANCH":
            can_empty = False
            for alt in av[1]:
                first, empty = _first(list(alt))
                out += first
                can_empty = can_empty or empty
            if not can_empty:
                return out, False
            continue
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            lo, _hi, item = av
            first, empty = _first(list(item))
            out += first
            if lo > 0 and not empty:
                return out, False
            continue
        if name == "ATOMIC_GROUP":
            first, empty = _first(list(av))
            out += first
            if not empty:
                return out, False
            continue
        raise _GiveUp  # ANY, NOT_LITERAL, GROUPREF, CATEGORY outside a class …
    return out, True


def _has_prefix(seq: list) -> bool:  # noqa: ANN001 - parser tuples
    """Whether the engine's own scan is fast already: a literal, a class, or literal alternatives
    first, or a line or text start anchor (`(?m)^…` fails at once wherever no line begins, while
    jumping between its first characters would stop at every space of a `^[ \t]*…`)."""
    while seq and str(seq[0][0]) == "SUBPATTERN" and not seq[0][1][1] and not seq[0][1][2]:
        seq = list(seq[0][1][-1])
    if not seq:
        return False
    op, av = seq[0]
    if str(op) in ("LITERAL", "IN"):
        return True
    if str(op) == "AT" and str(av) in ("AT_BEGINNING", "AT_BEGINNING_LINE", "AT_BEGINNING_STRING"):
        return True
    return str(op) == "BRANCH" and all(alt and str(list(alt)[0][0]) == "LITERAL" for alt in av[1])


class FirstChars:
    """A pattern with the set of characters its matches can start with (see the module docstring)."""

    __slots__ = ("first", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.first: re.Pattern[str] | None = None
        if _p is None or pattern.flags & re.IGNORECASE:
            return
        try:
            parsed = _p.parse(pattern.pattern, pattern.flags)
            if parsed.state.flags & re.IGNORECASE or parsed.getwidth()[0] == 0:
                return  # a pattern that can match empty: finditer's own rules apply
            first, empty = _first(list(parsed))
        except (_GiveUp, re.error, RecursionError, TypeError, ValueError):
            return
        if first and not empty and not _has_prefix(list(parsed)) and not any(f in (r"\s", r"\w") for f in first):
            # (a pattern the engine already skips ahead for, or one that may start with any space
            # or word character, is faster left to finditer)
            self.first = re.compile("[" + "".join(dict.fromkeys(first)) + "]")

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Exactly `self.pattern.finditer(text)`."""
        if self.first is None:
            yield from self.pattern.finditer(text)
            return
        search, match = self.first.search, self.pattern.match
        pos = 0
        while (c := search(text, pos)) is not None:
            i = c.start()
            m = match(text, i)
            if m is None:
                pos = i + 1
                continue
            yield m
            pos = m.end()
