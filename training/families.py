"""Template families of the annotated corpus, for family-held-out evaluation (`evaluate --lofo`).

    python -m training.families [--out corpus/families.tsv]

A family is the set of documents one template produced: the issue's grouping is region × 预算/决算
× 部门/单位/三公-only, read from the wide corpus's sources files (`corpus/wide/sources-*.tsv`). The
dev corpus is grouped by the template its documents visibly share (the county 医疗保障局 budgets
of three provinces are one template; 部门 and 单位 budgets of one Shanghai office are one), which is
stricter than region × kind: a held-out family then never has a sibling in training.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: the dev corpus's template families (see tests/data/corpus and ../shared/corpus/dev/README.md)
DEV_FAMILIES = {
    "000_54214275dc1fe0d9.txt": "dev:county-medical-security-budget",
    "001_6bd304a2aa0ee1ee.txt": "dev:county-medical-security-budget",
    "002_2f12658d6dd2eaf6.txt": "dev:county-medical-security-budget",
    "003_b41196e6c3978a8a.txt": "dev:county-medical-security-budget",
    "004_1d05b5c9e9ccc38a.txt": "dev:county-medical-security-budget",
    "01_js_renda_2019_budget.txt": "dev:jiangsu-provincial-2019-budget",
    "03_js_party_general_office_2019_budget.txt": "dev:jiangsu-provincial-2019-budget",
    "05_js_high_court_2019_budget.txt": "dev:jiangsu-provincial-2019-budget",
    "09_sh_putuo_wanli_street_2024_budget.txt": "dev:shanghai-putuo-budget",
    "10_sh_putuo_wanli_street_2025_budget.txt": "dev:shanghai-putuo-budget",
    "11_sh_putuo_gov_office_2025_dept_budget.txt": "dev:shanghai-putuo-budget",
    "12_sh_putuo_gov_office_2025_unit_budget.txt": "dev:shanghai-putuo-budget",
}


def family_of(row: dict[str, str]) -> str:
    """region × 预算/决算/三公 × 部门/单位 (三公-only pages are one family per region)."""
    kind = row.get("doc_kind") or "?"
    unit = "" if kind == "三公" else f"×{row.get('unit_kind') or '?'}"
    return f"{row.get('region') or '?'}×{kind}{unit}"


def read_sources(folder: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in sorted(folder.glob("sources*.tsv")):
        with path.open(encoding="utf-8", newline="") as fh:
            rows.extend(csv.DictReader(fh, delimiter="\t"))
    return rows


def families(wide: Path = ROOT / "corpus" / "wide") -> dict[str, str]:
    """file name → family, for the dev and the wide corpus."""
    out = dict(DEV_FAMILIES)
    for row in read_sources(wide):
        if row.get("file"):
            out[row["file"]] = family_of(row)
    return out


def load(path: Path = ROOT / "corpus" / "families.tsv") -> dict[str, str]:
    """The committed grouping (file → family)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return {r["file"]: r["family"] for r in csv.DictReader(fh, delimiter="\t")}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "corpus" / "families.tsv"))
    a = ap.parse_args(argv)
    fam = families()
    lines = ["file\tfamily"] + [f"{f}\t{fam[f]}" for f in sorted(fam)]
    Path(a.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(fam)} documents in {len(set(fam.values()))} families → {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
