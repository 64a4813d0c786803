"""Fast whole-text regex scans that give exactly what `Pattern.finditer` gives.

Python's regex engine skips ahead quickly only when a pattern starts with a literal or a
character class; a pattern that opens with a lookbehind, an optional group or a repeat is tried
at every position of the text. For those, `FirstChars` works out from the parsed pattern which
characters a match can start with, jumps between those positions with one compiled character
class, and tries the pattern only there — the same matches, in the same order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

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


def _walk(seq: list, leaf: Callable[[str, object], tuple[list[str], bool]]) -> tuple[list[str], bool]:  # noqa: ANN001 - parser tuples
    """(class fragments a match of `seq` can start with, whether `seq` can match without them):
    the walk through groups, alternatives and repeats that `_first` and `_first_solid` share;
    `leaf` says what a LITERAL or IN item contributes and whether the match may go on past it."""
    out: list[str] = []
    for op, av in seq:
        name = str(op)
        if name in ("LITERAL", "IN"):
            first, passes = leaf(name, av)
            out += first
            if not passes:
                return out, False
            continue
        if name in ("ASSERT", "ASSERT_NOT", "AT"):
            continue  # zero width: the match starts with what follows
        if name == "SUBPATTERN":
            if av[1] & re.IGNORECASE:
                raise _GiveUp
            first, passes = _walk(list(av[-1]), leaf)
            out += first
            if not passes:
                return out, False
            continue
        if name == "BRANCH":
            can_pass = False
            for alt in av[1]:
                first, passes = _walk(list(alt), leaf)
                out += first
                can_pass = can_pass or passes
            if not can_pass:
                return out, False
            continue
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            lo, _hi, item = av
            first, passes = _walk(list(item), leaf)
            out += first
            if lo > 0 and not passes:
                return out, False
            continue
        if name == "ATOMIC_GROUP":
            first, passes = _walk(list(av), leaf)
            out += first
            if not passes:
                return out, False
            continue
        raise _GiveUp  # ANY, NOT_LITERAL, GROUPREF, CATEGORY outside a class …
    return out, True


def _any_leaf(name: str, av: object) -> tuple[list[str], bool]:
    return ([_char(av)] if name == "LITERAL" else _class_items(av)), False  # type: ignore[arg-type]


def _first(seq: list) -> tuple[list[str], bool]:  # noqa: ANN001 - parser tuples
    """(class fragments a match of `seq` can start with, whether `seq` can match the empty string)."""
    return _walk(seq, _any_leaf)


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
    """A pattern with the set of characters its matches can start with (see the module docstring).

    A pattern that may open on spaces (`(?<=[为加])\\s*万元`, `\\s*[（(]\\s*增`) would stop the jump at
    every space of a table; for it `solid` holds the characters its first non-space character can be
    instead, and a match is tried only in the run of spaces right before one of those (and on it)."""

    __slots__ = ("first", "pattern", "solid")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.first: re.Pattern[str] | None = None
        self.solid: re.Pattern[str] | None = None
        if _p is None or pattern.flags & re.IGNORECASE:
            return
        try:
            parsed = _p.parse(pattern.pattern, pattern.flags)
            if parsed.state.flags & re.IGNORECASE or parsed.getwidth()[0] == 0:
                return  # a pattern that can match empty: finditer's own rules apply
            first, empty = _first(list(parsed))
        except (_GiveUp, re.error, RecursionError, TypeError, ValueError):
            return
        if not first or empty or _has_prefix(list(parsed)):
            return  # (a pattern the engine already skips ahead for is faster left to finditer)
        if not any(f in (r"\s", r"\w") for f in first):
            self.first = re.compile("[" + "".join(dict.fromkeys(first)) + "]")
        elif r"\w" not in first:
            try:
                solid, all_space = _first_solid(list(parsed))
            except (_GiveUp, RecursionError, TypeError, ValueError):
                return
            if solid and not all_space and r"\w" not in solid:
                self.solid = re.compile("[" + "".join(dict.fromkeys(solid)) + "]")

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Exactly `self.pattern.finditer(text)`."""
        if self.solid is not None:
            yield from self._after_spaces(text)
            return
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

    def _after_spaces(self, text: str) -> Iterator[re.Match[str]]:
        """finditer for a pattern that may open on spaces: every match holds a non-space character
        and its first one is in `solid`, so it starts on that character or in the spaces just before."""
        search, match = self.solid.search, self.pattern.match  # type: ignore[union-attr]
        pos = 0
        while (c := search(text, pos)) is not None:
            i = j = c.start()
            while j > pos and text[j - 1].isspace():
                j -= 1
            for k in range(j, i + 1):  # leftmost first, as finditer tries them
                if (m := match(text, k)) is not None:
                    yield m
                    pos = m.end()  # > i: the match holds text[i]
                    break
            else:
                pos = i + 1


#: the engine's own `\s`, asked whether a class's characters hold spaces
_SPACE = re.compile(r"\s")


def _solid_items(items: list) -> tuple[list[str], bool]:  # noqa: ANN001 - parser tuples
    """(class fragments of a character class's non-space characters, whether it holds spaces)."""
    out: list[str] = []
    space = False
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            if _SPACE.match(chr(av)):
                space = True
            else:
                out.append(_char(av))
        elif name == "RANGE":
            if _SPACE.search("".join(map(chr, range(av[0], av[1] + 1)))):
                raise _GiveUp  # a range mixing spaces with other characters
            out.append(f"{_char(av[0])}-{_char(av[1])}")
        elif name == "CATEGORY" and str(av) in ("CATEGORY_SPACE", "CATEGORY_UNI_SPACE"):
            space = True
        elif name == "CATEGORY" and str(av) in _CATEGORIES:
            out.append(_CATEGORIES[str(av)])  # \d, \w: no spaces among them
        else:  # NEGATE, unusual categories
            raise _GiveUp
    return out, space


def _solid_leaf(name: str, av: object) -> tuple[list[str], bool]:
    if name == "LITERAL":
        return ([], True) if _SPACE.match(chr(av)) else ([_char(av)], False)  # type: ignore[arg-type]
    return _solid_items(av)  # type: ignore[arg-type]


def _first_solid(seq: list) -> tuple[list[str], bool]:  # noqa: ANN001 - parser tuples
    """(class fragments the first non-space character of a match of `seq` can be, whether `seq`
    can match spaces alone or nothing) — `_first` with leading spaces looked through."""
    return _walk(seq, _solid_leaf)


class NumberBeforeMark:
    """`finditer` for a pattern whose every match is a number, then spaces, then one mark character
    (`12.5 %`, `0.62万`), the number opening where no digit or dot stands before it
    (`\\d(?<![\\d.]\\d)`). The engine stops at every digit of a page's tables to try such a
    pattern, while the marks are few: each mark is found with str.find (a character class search
    costs ≈ 7 ns a character), and the pattern is tried once, where the run of digits and dots
    before it (across the spaces) opens. A match can start nowhere else, so these are the same
    matches, in the same order.

    `spaces` are the characters the pattern allows between number and mark: " \\t", or None for
    any whitespace (`\\s`). A pattern of another shape gives wrong answers here, not an error: the
    tests compare each use with `pattern.finditer`.
    """

    __slots__ = ("marks", "pattern", "spaces")

    def __init__(self, pattern: re.Pattern[str], marks: str, spaces: str | None) -> None:
        self.pattern = pattern
        self.marks = tuple(marks)
        self.spaces = spaces

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Exactly `self.pattern.finditer(text)`."""
        match, spaces = self.pattern.match, self.spaces
        for at in sorted(i for mark in self.marks for i in _places(text, mark)):
            q = at
            while q > 0 and (text[q - 1] in spaces if spaces is not None else text[q - 1].isspace()):
                q -= 1
            r = q
            while r > 0 and (text[r - 1].isdecimal() or text[r - 1] == "."):  # \d is str.isdecimal
                r -= 1
            if r < q and (m := match(text, r)) is not None:
                yield m  # (it ends on this mark: the next mark's run starts after it)


def _places(text: str, ch: str) -> Iterator[int]:
    """Every index of `ch` in `text`."""
    i = text.find(ch)
    while i >= 0:
        yield i
        i = text.find(ch, i + 1)
