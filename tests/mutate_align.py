"""Manual mutation check of the production name-similarity path in extract/align.py: delete one
condition at a time and run tests/test_align.py; each deletion must turn a test red.

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
