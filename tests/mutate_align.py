"""Manual mutation check of the production alignment path in extract/align.py (the name ladder
first, then the choice of facts, cells and candidates): delete one condition at a time and run
tests/test_align.py; each deletion must turn a test red.

    .venv/bin/python tests/mutate_align.py      # restores align.py when done (≈ 1 min)
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
P = ROOT / "extract" / "align.py"

# (what is deleted, the text, what replaces it)
MUTATIONS = [
    ("empty names", '    if not a or not b:\n        return 0.0, "none"\n', ""),
    ("exact rung", '    if a == b:\n        return SIM_EXACT, "exact"\n', ""),
    ("bare rung", '    if a.replace("预算", "") == b.replace("预算", "") and len(b) >= MIN_KEY:\n        return SIM_BARE, "exact"\n', ""),
    ("bare: length", ' and len(b) >= MIN_KEY:', ':'),
    ("prefix rung", '    if min(len(a), len(b)) >= MIN_KEY and (a.startswith(b) or b.startswith(a)) and _prefix_ok(a, b):\n        return SIM_PREFIX, "prefix"\n', ""),
    ("prefix: length", 'if min(len(a), len(b)) >= MIN_KEY and (a.startswith', 'if (a.startswith'),
    ("prefix: a starts with b", '(a.startswith(b) or b.startswith(a))', '(b.startswith(a))'),
    ("prefix: b starts with a", '(a.startswith(b) or b.startswith(a))', '(a.startswith(b))'),
    ("prefix: funding source", ' and _prefix_ok(a, b):', ':'),
    ("synonym rung", '    if (g := syn.get(a)) is not None and syn.get(b) == g:\n        return SIM_SYNONYM + (SIM_TOTAL_BONUS if b.endswith("总计") else 0.0), "synonym"\n', ""),
    ("synonym: 总计 bonus condition", '(SIM_TOTAL_BONUS if b.endswith("总计") else 0.0)', 'SIM_TOTAL_BONUS'),
    ("metric rung", '    if (m := metric_for(a)) and m == metric_for(b):\n        return SIM_METRIC, "metric"\n', ""),
    ("related rung", '    if (r := rel_prose.get(a)) is not None and rel_table.get(b) == r:\n        return SIM_RELATED, "related"\n', ""),
    ("reordered rung", '    if _reordered(a, b):\n        return SIM_REORDERED, "reordered"\n', ""),
    ("reordered: length", 'return len(a) >= MIN_REORDERED and sorted(a) == sorted(b)', 'return sorted(a) == sorted(b)'),
    ("prefix_ok: source test", 'return not _SOURCES.fullmatch(short) or len(long_)', 'return len(long_)'),
    ("prefix_ok: slack", ' or len(long_) - len(short) <= SOURCE_PREFIX_SLACK', ''),
    ("key: bare", '[("bare", key.replace("预算", "")), ("sorted"', '[("sorted"'),
    ("key: sorted", ', ("sorted", "".join(sorted(key))), ("head"', ', ("head"'),
    ("key: head", ', ("head", key[:MIN_KEY])]', ']'),
    ("key: synonym", '    if syn is not None:\n        keys.append(("syn", str(syn)))\n', ''),
    ("key: metric", '    if metric:\n        keys.append(("metric", metric))\n', ''),
    ("key: related", '    if rel is not None:\n        keys.append(("rel", str(rel)))\n', ''),
    ("fuzzy candidates", '        cand.update(int(j) for j in fuzzy[i].nonzero()[0])  # the fuzzy rung\'s pairs\n', ''),
    ("floor", '            if sim >= floor:\n', '            if True:\n'),
    # the rest of the production alignment path: which facts and cells, candidates, the choice
    ("cells without a unit line", ' in MONEY or c.unit is None]', ' in MONEY]'),
    ("amounts: kind", 'if f.kind == "amount" and f.unit in MONEY and', 'if f.unit in MONEY and'),
    ("amounts: unit", 'f.kind == "amount" and f.unit in MONEY and f.value', 'f.kind == "amount" and f.value'),
    ("amounts: value", ' and f.value is not None and f.subject and', ' and f.subject and'),
    ("amounts: subject", ' and f.subject and not _PRIOR', ' and not _PRIOR'),
    ("amounts: prior year", ' and not _PRIOR.search(f.subject)]', ']'),
    ("三公: any 三公 table", 'if chosen is not None and has_sangong and _SANGONG', 'if chosen is not None and _SANGONG'),
    ("三公: a 三公 item", ' and _SANGONG.search(norm_label(f.subject)) and "三公" not in', ' and "三公" not in'),
    ("三公: outside the 三公 table", ' and "三公" not in chosen.cell.table_title:', ':'),
    ("table total: first row", 'if c.span and _GRAND_TOTAL.match(c.row_label', 'if _GRAND_TOTAL.match(c.row_label'),
    ("table total: earliest cell", 'if prev is None or (prev.span is not None and c.span < prev.span):', 'if True:'),
    ("table total: core name", '        for core in _cores(_table_core(c.table_title)) if _table_core(c.table_title) else []:\n', '        for core in []:\n'),
    ("收支: as income and expenditure", ' for s in subjects if "收支" in s}', ' for s in subjects if False}'),
    ("收支: a direct name stays", '                if sim * BALANCED_DISCOUNT > names[s].get(label, (0.0, ""))[0]:\n', '                if True:\n'),
    ("side of the budget", '            if fside and (cside := _cell_side(label, c.column)) and cside != fside:\n                continue', '            if False:\n                continue'),
    ("side: the cell's side", 'if fside and (cside := _cell_side(label, c.column)) and cside != fside:', 'if fside and fside != (cside := _cell_side(label, c.column)):'),
    ("project: not a bound", ' in funds if not f.comparator else ():', ' in funds:'),
    ("project: named", '        if (name := project_similarity(f.subject, f.section, project)) > 0:\n', '        if (name := project_similarity(f.subject, f.section, project)) >= 0:\n'),
    ("funds rows", 'projects and c.table_id in projects and _FUNDS_ROW.match(c.row_label.replace(" ", ""))]', 'projects and c.table_id in projects]'),
    ("choose: no candidates", '    if not cands:\n        return None, "no table entry with this name"\n', ''),
    ("choose: agreeing first", '    if agreeing:\n', '    if False:\n'),
    ("choose: most specific row", 'key=lambda x: len(x.cell.code or "")), "consistent"', 'key=lambda x: 0), "consistent"'),
    ("choose: strong name", 'strong = [x for x in cands if x.name >= STRONG_NAME and x.cell.unit is not None]', 'strong = [x for x in cands if x.cell.unit is not None]'),
    ("choose: a unit line", 'strong = [x for x in cands if x.name >= STRONG_NAME and x.cell.unit is not None]', 'strong = [x for x in cands if x.name >= STRONG_NAME]'),
    ("choose: near miss", '    if abs(best.value - value) / max(abs(value), abs(best.value), 1e-9) > near_miss:\n        return None, "no entry with this value"\n', ''),
    ("choose: two near misses", '    if any(x is not best and abs(x.value - best.value) > 1e-6 and off(x) <= near_miss for x in strong):\n        return None, "two near misses"\n', ''),
    ("fit: basic expenditure", '        score += FIT_SCOPE  # (二)公用经费', '        score += 0  # (二)公用经费'),
    ("fit: funding source column", '        score += FIT_SCOPE if source in cs else -FIT_SCOPE\n', ''),
    ("fit: functional table", '    if functional and "功能" in title:\n        score += FIT_SCOPE\n    elif', '    if False:\n        pass\n    elif'),
    ("fit: economic table", '    elif functional and "经济" in title:\n        score -= FIT_HINT\n', ''),
    ("fit: total column", '    if _TOTAL_COL.search(column.split(" > ")[-1]):\n        score += FIT_HINT\n', ''),
    ("fit: 三公 table", '    if _SANGONG.search(subj + section) and "三公" in title:\n        score += FIT_SCOPE\n', ''),
    ("fit: 财政拨款", '    if "财政拨款" in subj and "财政拨款" in title:\n        score += FIT_HINT\n', ''),
]


def main() -> int:
    orig = P.read_text(encoding="utf-8")
    results = []
    try:
        for name, old, new in MUTATIONS:
            assert orig.count(old) == 1, (name, orig.count(old))
            P.write_text(orig.replace(old, new), encoding="utf-8")
            r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "tests/test_align.py"],
                               capture_output=True, text=True, cwd=ROOT)
            red = r.returncode != 0
            failed = next((ln for ln in r.stdout.splitlines() if ln.startswith("FAILED")), "")
            results.append(red)
            print(f"{'RED  ' if red else 'GREEN'} {name}: {failed[:110]}", flush=True)
    finally:
        P.write_text(orig, encoding="utf-8")
    print(f"{sum(results)}/{len(results)} deletions turned a test red")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
