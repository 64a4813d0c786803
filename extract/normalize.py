"""Text normalisation that never loses track of where each character came from.

Every stage works on a `MappedText`: a string plus, for each character, its offset in the
ORIGINAL decoded document. Slicing, concatenating and rewriting keep that map, so a fact found
anywhere downstream reports a span that indexes the original text exactly.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np

from .resources import CharMap, traditional_chars

# Full-width forms that Chinese prose uses on purpose stay as they are; the others (digits,
# letters, %, ., +, -, <, =, >) become ASCII so number and unit patterns need one form only.
_KEEP_FULLWIDTH = set("（），：；！？、“”‘’《》【】")
_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"

_CHAR_MAP: dict[int, str] = {}
for _cp in range(0xFF01, 0xFF5F):
    _ch = chr(_cp)
    if _ch not in _KEEP_FULLWIDTH:
        _CHAR_MAP[_cp] = chr(_cp - 0xFEE0)
_CHAR_MAP.update({ord("\f"): "\n", ord("\r"): "\n", ord("\u2212"): "-", ord("\uff05"): "%"})
for _c in _SPACES:
    if _c != "\t":  # tabs separate table cells: keep them
        _CHAR_MAP[ord(_c)] = " "
_CHAR_MAP.update({ord("≧"): "≥", ord("≦"): "≤", ord("﹪"): "%"})

@cache
def _char_map() -> dict[int, str]:
    """The one-to-one character map: full-width forms, odd spaces, and the traditional characters
    of converted mirror pages (units, verbs, figure and title words; `extract/data/traditional.json`)."""
    return {**_CHAR_MAP, **{ord(t): c for t, c in traditional_chars("full").items()}}


@cache
def _char_mapper() -> CharMap:
    return CharMap(_char_map())


@lru_cache(maxsize=8)
def one_to_one(text: str) -> str:
    """The text with only the one-to-one character map applied (full-width forms, odd spaces,
    traditional characters): every offset still points at the same original character, so a
    pattern written for simplified text finds its evidence in a mirror page's original text."""
    return _char_mapper()(text)  # = text.translate(_char_map()), one regex scan


@lru_cache(maxsize=2)
def one_to_one_document(text: str) -> str:
    """`one_to_one` of a whole document, kept apart from the sentence-sized calls: normalisation
    and the checks both map the whole text, and `one_to_one`'s small cache has lost it to the
    sentences mapped in between (one scan of the document instead of two)."""
    return _char_mapper()(text)


_LATEX_COMMANDS = {
    r"\geq": "≥", r"\ge": "≥", r"\leq": "≤", r"\le": "≤", r"\neq": "≠", r"\ne": "≠",
    r"\times": "×", r"\pm": "±", r"\cdot": "·", r"\%": "%", r"\sim": "~", r"\approx": "≈",
    r"\{": "{", r"\}": "}", r"\ ": "", r"\,": "", r"\;": "", r"\!": "", r"\text": "",
    r"\mathrm": "", r"\rm": "", r"\left": "", r"\right": "",
}
_LATEX_SPAN = re.compile(r"\$\$?([^$\n]{1,120}?)\$\$?")
_LATEX_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|[{}]|\s+|.", re.S)
# Only ** is emphasis here: __17__ in these documents is a filled-in form blank, not markdown.
_MD_EMPHASIS = re.compile(r"\*\*")
# Converted traditional-character mirror pages print each character's reading after it as ruby,
# 經(jīng)費(fèi): residue inside words and units (萬(wàn)元) that no reader of the page sees. A reading
# has a tone-marked vowel, so a list marker like 项目(a) is left alone.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_RUBY_PINYIN = re.compile(rf"(?<=[\u4e00-\u9fff])\([a-zü]{{0,6}}[{_TONED}][a-z{_TONED}ü]{{0,6}}\)")


_OFFSET_DTYPE = np.dtype(f"i{array('l').itemsize}")  # the C long of array("l"), as numpy sees it


def _arange(start: int, stop: int) -> array:
    """array("l", range(start, stop)), built by numpy (7× faster on a whole document)."""
    a = array("l")
    a.frombytes(np.arange(start, stop, dtype=_OFFSET_DTYPE).tobytes())
    return a


@dataclass(frozen=True, slots=True)
class MappedText:
    """A string whose characters each remember their offset in the original document.

    `offsets[i]` is where character i starts in the original; `ends[i]` (when a rewrite made
    one character out of several, e.g. ≥ from `\\geq`) is where it ends. Without `ends`, each
    character covers one original character.
    """

    text: str
    offsets: array  # len(text) + 1 entries; the last one is the end offset
    ends: array | None = None  # len(text) entries, or None for one-to-one characters

    @classmethod
    def identity(cls, text: str, start: int = 0) -> MappedText:
        return cls(text, _arange(start, start + len(text) + 1))

    def __len__(self) -> int:
        return len(self.text)

    def __str__(self) -> str:
        return self.text

    def end_of(self, i: int) -> int:
        return self.ends[i] if self.ends is not None else self.offsets[i] + 1

    def _ends_array(self) -> array:
        if self.ends is not None:
            return self.ends
        ends = array("l")
        ends.frombytes((np.frombuffer(self.offsets, dtype=_OFFSET_DTYPE)[: len(self.text)] + 1).tobytes())
        return ends

    def slice(self, start: int, end: int) -> MappedText:
        text, offsets, ends = self.text, self.offsets, self.ends
        n = len(text)
        start = start if start > 0 else 0  # clamped to 0 <= start <= end <= n (called per line: no max/min calls)
        end = end if end < n else n
        end = end if end > start else start
        offs = offsets[start : end + 1]  # a slice of an array is a new array
        if end < n:
            # the end sentinel of a slice is the original end of its last character (= end_of(end - 1))
            if end == start:
                offs[-1] = offsets[start]
            else:
                offs[-1] = ends[end - 1] if ends is not None else offsets[end - 1] + 1
        return _mapped(text[start:end], offs, ends[start:end] if ends is not None else None)

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) covering characters start..end-1 of this text."""
        if end <= start:
            o = self.offsets[min(start, len(self.text))]
            return (o, o)
        return (self.offsets[start], self.end_of(end - 1))

    def strip(self) -> MappedText:
        s = self.text
        a = len(s) - len(s.lstrip())
        b = len(s.rstrip())
        return self.slice(a, b)

    def lines(self) -> Iterator[MappedText]:
        pos = 0
        s = self.text
        while pos <= len(s):
            nl = s.find("\n", pos)
            if nl < 0:
                if pos < len(s):
                    yield self.slice(pos, len(s))
                return
            yield self.slice(pos, nl)
            pos = nl + 1

    @staticmethod
    def concat(parts: Iterable[MappedText]) -> MappedText:
        parts = [p for p in parts if p.text]
        if not parts:
            return MappedText("", array("l", [0]))
        text = "".join(p.text for p in parts)
        offs = array("l")
        for p in parts:
            offs.extend(p.offsets[: len(p.text)])
        offs.append(parts[-1].offsets[len(parts[-1].text)])
        ends = None
        if any(p.ends is not None for p in parts):
            ends = array("l")
            for p in parts:
                ends.extend(p._ends_array())
        return MappedText(text, offs, ends)

    def rewrite(self, pattern: re.Pattern[str], repl) -> MappedText:  # type: ignore[no-untyped-def]
        """Replace matches; each output character maps to the source span it came from.

        `repl(match)` returns either a string (mapped to the whole match) or a list of
        (text, source_start, source_end) pieces for a finer map (LaTeX: one per command).
        """
        out_chars: list[str] = []
        out_offs = array("l")
        out_ends = array("l")
        src_ends = self._ends_array()
        pos = 0
        s = self.text
        for m in pattern.finditer(s):
            out_chars.append(s[pos : m.start()])
            out_offs.extend(self.offsets[pos : m.start()])
            out_ends.extend(src_ends[pos : m.start()])
            r = repl(m)
            if isinstance(r, str):
                r = [(r, m.start(), m.end())]
            for piece, a, b in r:
                out_chars.append(piece)
                out_offs.extend([self.offsets[a]] * len(piece))
                out_ends.extend([src_ends[b - 1] if b > a else self.offsets[a]] * len(piece))
            pos = m.end()
        out_chars.append(s[pos:])
        out_offs.extend(self.offsets[pos:])
        out_ends.extend(src_ends[pos:])
        return MappedText("".join(out_chars), out_offs, out_ends)

    def compact(self) -> MappedText:
        """Drop whitespace except single spaces between two ASCII word characters.

        PDF converters justify Chinese lines with spaces (和 提 租 补 贴) and put spaces
        around numbers (271.33  万元); patterns downstream then need no whitespace handling.
        """
        s = self.text
        chars: list[str] = []
        keep = array("l")
        ends = array("l") if self.ends is not None else None
        pos = 0
        for m in _WS_RUN.finditer(s):
            a, b = m.span()
            if a > pos:  # copy the run of non-space characters in one go
                chars.append(s[pos:a])
                keep.extend(self.offsets[pos:a])
                if ends is not None:
                    ends.extend(self.ends[pos:a])  # type: ignore[index]
            prev = s[a - 1] if a > 0 else ""
            nxt = s[b] if b < len(s) else ""
            if prev and nxt and _is_ascii_word(prev) and _is_ascii_word(nxt) and not (prev.isdigit() and nxt.isdigit()):
                chars.append(" ")
                keep.append(self.offsets[a])
                if ends is not None:
                    ends.append(self.end_of(a))
            pos = b
        if pos < len(s):
            chars.append(s[pos:])
            keep.extend(self.offsets[pos : len(s)])
            if ends is not None:
                ends.extend(self.ends[pos:])  # type: ignore[index]
        keep.append(self.offsets[len(s)] if s else self.offsets[0])
        return MappedText("".join(chars), keep, ends)


# slots of the frozen MappedText, set directly: its dataclass __init__ sets each through
# object.__setattr__ (≈ 430 ns a text), and a text is built for every line of every document
_new_object = object.__new__
_set_text = MappedText.__dict__["text"].__set__
_set_offsets = MappedText.__dict__["offsets"].__set__
_set_ends = MappedText.__dict__["ends"].__set__


def _mapped(text: str, offsets: array, ends: array | None) -> MappedText:
    """`MappedText(text, offsets, ends)` at ≈ 270 ns instead of ≈ 430: the same object."""
    mt = _new_object(MappedText)
    _set_text(mt, text)
    _set_offsets(mt, offsets)
    _set_ends(mt, ends)
    return mt



_WS_RUN = re.compile(r"\s+")


def _is_ascii_word(c: str) -> bool:
    return c.isascii() and (c.isalnum() or c in "_")


def _latex_pieces(m: re.Match[str]) -> list[tuple[str, int, int]]:
    pieces: list[tuple[str, int, int]] = []
    base = m.start(1)
    toks = [t for t in _LATEX_TOKEN.finditer(m.group(1)) if t.group() not in ("{", "}") and not t.group().isspace()]
    for k, t in enumerate(toks):
        a, b = base + t.start(), base + t.end()
        if k == 0:
            a = m.start()  # the opening $ belongs to the first piece
        if k == len(toks) - 1:
            b = m.end()  # and the closing $ to the last
        pieces.append((_LATEX_COMMANDS.get(t.group(), t.group()), a, b))
    return pieces


def normalize(text: str) -> MappedText:
    """The one normalisation step: width, spaces, markdown emphasis, LaTeX and ruby-pinyin residue."""
    mt = MappedText.identity(text)
    # 1:1 character mapping keeps the identity offsets
    # the \r of a Windows line end would otherwise become a blank line after every line: make it
    # a zero-width character (same length, so offsets hold) that the next step removes
    mapped = _char_mapper()(text.replace("\r\n", "\u200b\n")) if "\r\n" in text else one_to_one_document(text)
    if any(c in mapped for c in _ZERO_WIDTH):
        mt = MappedText(mapped, mt.offsets).rewrite(re.compile(f"[{_ZERO_WIDTH}]"), lambda m: "")
    else:
        mt = MappedText(mapped, mt.offsets)
    if "$" in mt.text:
        mt = mt.rewrite(_LATEX_SPAN, _latex_pieces)
    if "**" in mt.text:
        mt = mt.rewrite(_MD_EMPHASIS, lambda m: "")
    if "(" in mt.text and _RUBY_PINYIN.search(mt.text):
        mt = mt.rewrite(_RUBY_PINYIN, lambda m: "")
    return mt
