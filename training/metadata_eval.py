"""Score document metadata (department, year, 预算/决算/三公) against the corpus sources files.

    python -m training.metadata_eval [-v]

The sources files (`corpus/dev-sources.tsv`, `corpus/wide/sources-*.tsv`) say whose each document
is, its year and its kind. Each later letter of the wide corpus (c, d, e, …) was collected blind and
is scored apart; its first score is the honest held-out number (c: department 6/10; d: 18/25; e:
26/29 strict, 27/29 with the township convention below; f: 8/11; g: 10/14; h: 8/10 — see NOTES-d…h.md), after which it was read
and is in-sample. A department counts only for
documents that state it (its name without the place, or the whole name, stands in the text; on a
traditional-character page, half its characters in place; a name given only as an abbreviation,
区政府办 for 某区人民政府办公室, is not stated); a leading 中共 is optional (湛江市委宣传部); a name right up to the place before it
(青山区医疗保障局 for 武汉市青山区医疗保障局), the page's own traditional characters, a trailing
（本级）, a township's 人民政府 (某某乡 = 某某乡人民政府) and, for an aggregate page, the department that compiled it (（X汇总）) count as right.
"""

from __future__ import annotations

import argparse
import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from extract.ingest import read_document
from extract.metadata import document_metadata
from extract.resources import traditional_chars

ROOT = Path(__file__).resolve().parents[1]
_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")
_PLACE = re.compile(r"^(?:[\u4e00-\u9fff]{1,10}?(?:省|自治区|市|自治州|州|盟|地区|县|区|旗))+")
_AGGREGATE = re.compile(r"[（(]([^（）()]*?)汇总[）)]")


@dataclass
class Tally:
    """Right answers of one group of documents."""

    docs: int = 0
    stating: int = 0
    department: int = 0
    year: int = 0
    kind: int = 0
    errors: list[str] = field(default_factory=list)

    def line(self, name: str) -> str:
        return (f"{name:<5} docs {self.docs:3}   department {self.department}/{self.stating} of those stating it = {self.department / max(1, self.stating):.3f}"
                f"   year {self.year}/{self.docs} = {self.year / max(1, self.docs):.3f}   kind {self.kind}/{self.docs} = {self.kind / max(1, self.docs):.3f}")


def _norm(s: str | None) -> str:
    trad = traditional_chars("full")
    s = "".join(trad.get(c, c) for c in _PINYIN.sub("", s or ""))
    return re.sub(r"[\s（）()“”\"'·]", "", s)


_TOWN_GOV = re.compile(r"([镇乡])人民政府$")


def department_right(pred: str | None, gold: str, traditional: bool = False) -> bool:
    """Whether a predicted department names the sources file's department (see the module docstring)."""
    agg = _AGGREGATE.search(gold)
    if agg and pred and _norm(pred) == _norm(re.split(r"[，,]", agg.group(1))[-1]):
        return True
    # a township and its government are one department: 某某乡 (a title's form) = 某某乡人民政府
    p, g = (_TOWN_GOV.sub(r"\1", _norm(x).removeprefix("中共")) for x in (pred, re.sub(r"[（(]本级[）)]$", "", gold)))
    if not p or not g:
        return False
    if p == g:
        return True
    if traditional and len(p) == len(g) and sum(a != b for a, b in zip(p, g, strict=True)) <= len(g) // 2:
        return True
    long, short = (p, g) if len(p) > len(g) else (g, p)
    return long.endswith(short) and _PLACE.fullmatch(long[: len(long) - len(short)]) is not None


def _stated(name: str, text: str, traditional: bool) -> bool:
    """Whether the text holds the name — on a traditional-character page, in a spelling whose
    characters the simplified map may not know (幼兒園): a window with at least half its characters equal."""
    if name in text:
        return True
    if not traditional or len(name) < 3:
        return False
    return any(sum(a == b for a, b in zip(name, text[i : i + len(name)], strict=True)) * 2 >= len(name) and text[i] == name[0]
               for i in range(len(text) - len(name) + 1))


def sources(root: Path = ROOT) -> list[tuple[Path, dict[str, str]]]:
    """(document path, its sources row) for the dev and the wide corpus."""
    out = []
    files = [(root / "corpus" / "dev-sources.tsv", root / "tests" / "data" / "corpus")]
    files += [(p, root / "corpus" / "wide") for p in sorted((root / "corpus" / "wide").glob("sources-*.tsv"))]
    for tsv, folder in files:
        with tsv.open(encoding="utf-8") as fh:
            out += [(folder / r["file"], r) for r in csv.DictReader(fh, delimiter="\t")]
    return out


def group_of(path: Path) -> str:
    """dev, ab (the wide documents the reader was revised on), or the letter of a kept-out half
    (c, d, …: never counted with ab, so a new held-out set cannot move the thresholds on ab)."""
    if path.parent.name != "wide":
        return "dev"
    return "ab" if path.name[:1] in ("a", "b") else path.name[:1]


def score(root: Path = ROOT) -> dict[str, Tally]:
    """Every document's metadata against its sources row, per group and in all."""
    out: dict[str, Tally] = {}
    for path, row in sources(root):
        text = read_document(path).text
        m = document_metadata(text, str(path))
        traditional = "trad" in row["file"] or "traditional" in row.get("format_notes", "")
        gold = _norm(row["department"])
        bare = gold.removeprefix("中共")
        states = bool(gold) and any(_stated(x, _norm(text), traditional) for x in (bare, _PLACE.sub("", bare) or bare))
        dept_ok = states and department_right(m.department, row["department"], traditional)
        year_ok, kind_ok = str(m.year or "") == row["year"], m.doc_kind == row["doc_kind"]
        for g in (group_of(path), "all"):
            t = out.setdefault(g, Tally())
            t.docs += 1
            t.stating += states
            t.department += dept_ok
            t.year += year_ok
            t.kind += kind_ok
            if g != "all" and (states and not dept_ok or not year_ok or not kind_ok):
                t.errors.append(f"{path.name}: {m.department} {m.year} {m.doc_kind} | sources: {row['department']} {row['year']} {row['doc_kind']}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="list every document with a wrong field")
    a = ap.parse_args(argv)
    tallies = score()
    for name in ("dev", "ab", *sorted(set(tallies) - {"dev", "ab", "all"}), "all"):
        if name in tallies:
            print(tallies[name].line(name))
            if a.verbose:
                print("\n".join("    " + e for e in tallies[name].errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
