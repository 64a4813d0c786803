"""Classification codes (功能分类 / 经济分类 类·款·项) of a row: from code columns (208 | 05 | 05),
from a code printed in the label ([30227]委托业务费), or from the 类 above a bare 款; and row
labels cleaned of item numbering (一、 （一） 1.) and 其中：."""

from __future__ import annotations

import re

from .cells import CODE

LABEL_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十廿]{1,3}[、.．]|[（(][一二三四五六七八九十廿\d]{1,3}[）)]|\d{1,2}[.．、](?!\d))\s*")
_SUBITEM = re.compile(r"^其中\s*[:：]\s*")  # 其中：财政拨款 is the row 财政拨款, a part of the row above
_EMBEDDED_CODE = re.compile(r"^[\[【［]?(?P<code>\d{3,9})[\]】］]?\s*(?=[\u4e00-\u9fff])(?!年)")  # (2015年 is a year, not a code)


def code_of(codes: list[str]) -> str | None:
    """类/款/项 cells (210, 15, 01) or full codes (2101501) → one code; unit codes are ignored."""
    digits = [c for c in codes if c and CODE.match(c)]
    if len(digits) == 1 and len(digits[0]) not in (1, 2, 3, 5, 7):
        return None  # 322001, 202001: a unit code, not a classification code
    if not digits:
        return None
    joined = ""
    for c in digits:
        if not joined:
            joined = c
        elif c.startswith(joined) and len(c) > len(joined):
            joined = c  # a full code after its class prefix
        elif len(c) <= 2:
            joined += c.zfill(2)
        elif len(c) > len(joined) and not c.startswith(joined):
            continue  # a unit code (322001) beside a classification code
    return joined or None


def with_parent(code: str | None, parent: str) -> tuple[str | None, str]:
    """A bare 款 code (15) under its 类 (210) is 21015; remember the last 类 for the rows below."""
    if not code:
        return code, parent
    if len(code) == 3:
        return code, code
    if len(code) <= 2 and parent:
        return parent + code.zfill(2), parent
    return code, parent


def clean_label(t: str) -> tuple[str, str | None]:
    """A printed row label → (the label without code, numbering and 其中：, the code it carried)."""
    m = _EMBEDDED_CODE.match(t)
    code = None
    if m:
        code = m.group("code")
        t = t[m.end() :]
    return LABEL_NUMBERING.sub("", _SUBITEM.sub("", t)).strip(), code


def mostly_coded(texts: list[str]) -> bool:
    """Most of a column's labels start with a classification code ([30227]委托业务费, 2101502 行政运行)."""
    return len(texts) >= 2 and sum(1 for x in texts if _EMBEDDED_CODE.match(x)) >= 0.5 * len(texts)
