"""Re-typeset tab-separated tables as `pdftotext -layout` would print them.

Headers are centred over the columns they span, labels left-aligned, numbers right-aligned,
widths measured in display columns (CJK = 2). Used to make aligned-layout fixtures from corpus
tables whose cells are known from their tab layout.
"""

from __future__ import annotations

import unicodedata


def width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def pad(s: str, w: int, align: str) -> str:
    gap = max(0, w - width(s))
    if align == "right":
        return " " * gap + s
    if align == "center":
        return " " * (gap // 2) + s + " " * (gap - gap // 2)
    return s + " " * gap


def retypeset(title: str, unit: str, header: list[list[str]], rows: list[list[str]], *, sep: int = 4) -> str:
    n = max(len(r) for r in header + rows)
    header = [r + [""] * (n - len(r)) for r in header]
    rows = [r + [""] * (n - len(r)) for r in rows]
    widths = [max([width(r[j]) for r in rows] + [width(r[j]) for r in header if r[j]] + [2]) for j in range(n)]
    lines = [" " * 20 + title, f"单位：{unit}", ""]
    for r_i, r in enumerate(header):
        out = ""
        j = 0
        while j < n:
            k = j
            # a header cell spans the empty cells to its right that have children below
            while k + 1 < n and not r[k + 1] and any(h[k + 1] for h in header[r_i + 1 :]) and r[j]:
                k += 1
            span_w = sum(widths[j : k + 1]) + sep * (k - j)
            out += pad(r[j], span_w, "center") + " " * sep
            j = k + 1
        lines.append(out.rstrip())
        lines.append("")
    for r in rows:
        out = ""
        for j, c in enumerate(r):
            numeric = c.replace(",", "").replace(".", "", 1).isdigit()
            out += pad(c, widths[j], "right" if numeric else "left") + " " * sep
        lines.append(out.rstrip())
        lines.append("")
    return "\n".join(lines) + "\n"
