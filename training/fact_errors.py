"""Every strict-fact error on the annotated corpus, and the scores of the tuning and the held-out split.

    python -m training.fact_errors [--models] [--split tune|held|all] [--doc PREFIX] [--kinds amount,change]

The wide corpus's c* documents are the held-out split: nobody reads them while changing the rules,
so their score is the honest one; dev and a*/b* documents are the tuning split. Without
`--models` the rules alone decide (seconds); with it every model is cross-fitted by template family
as `training.train` does (about a minute), and each document's facts come from models that never
saw its family. Errors print as: missed (a gold fact nothing found), spurious (a fact the gold
lacks), wrong (span found, subject, value or unit wrong) — with the gold line's text.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from extract.evaluate import Score, score_document
from extract.model import Models
from training import train as train_module
from training.ranker import prose_doc

HELD_PREFIX = "c"


def split_of(name: str) -> str:
    """tune (dev, a*, b*) or held (c*: never looked at while changing the rules)."""
    return "held" if name.startswith(HELD_PREFIX) and name[1:3].isdigit() else "tune"


def doc_facts(use_models: bool) -> tuple[list[train_module.Example], dict[str, Path]]:
    """Every annotated document with its rules' facts (`rules`) and held-out facts (`held`), and its path."""
    sources = train_module.default_sources()
    paths = {p.name: p for corpus, _ in sources for p in Path(corpus).glob("*.txt")}
    captured: list[train_module.Example] = []
    if use_models:
        original = train_module.load_examples

        def capture(s: list[train_module.Source]) -> list[train_module.Example]:
            docs = original(s)
            captured.extend(docs)
            return docs

        train_module.load_examples = capture
        try:
            train_module.train_all(sources, group_of=train_module.family_grouping())
        finally:
            train_module.load_examples = original
    else:
        captured = train_module.load_examples(sources)
        for d in captured:
            d.rules = d.held = prose_doc(d.raw, Models()).facts
    return captured, paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", action="store_true", help="cross-fit every model by family (as training.train does)")
    ap.add_argument("--split", choices=("tune", "held", "all"), default="tune", help="whose errors to list")
    ap.add_argument("--doc", default="", help="only documents whose name starts with this")
    ap.add_argument("--kinds", default="", help="only these kinds (comma-separated)")
    ap.add_argument("--no-errors", action="store_true")
    a = ap.parse_args(argv)
    docs, paths = doc_facts(a.models)
    kinds = set(filter(None, a.kinds.split(",")))
    for split in ("tune", "held", "all"):
        sel = [d for d in docs if split == "all" or split_of(d.name) == split]
        for attr in ("rules", "held"):
            s = Score()
            for d in sel:
                score_document(getattr(d, attr) or [], d.gold, s, doc=d.name)
            c = s.total("correct")
            label = "rules" if attr == "rules" else ("models" if a.models else "rules")
            print(f"{split:<5} {label:<7} docs {len(sel):>3}  strict F1 {c.f1:.4f} (P {c.precision:.4f} R {c.recall:.4f})  subject accuracy {train_module.subject_accuracy(sel, attr):.4f}")
            if not a.models:
                break
    if a.no_errors:
        return 0
    for d in docs:
        name = d.name
        if (a.split != "all" and split_of(name) != a.split) or not name.startswith(a.doc):
            continue
        s = Score()
        score_document(d.held or [], d.gold, s, doc=name)
        lines = paths[name].read_text(encoding="utf-8", errors="replace").splitlines()
        errs = [e for e in s.errors if not kinds or e["kind"] in kinds]
        if not errs:
            continue
        print(f"\n== {name} ({len(errs)} errors)")
        for e in errs:
            line = e.get("line")
            ctx = lines[line - 1].strip()[:160] if isinstance(line, int) and 0 < line <= len(lines) else e.get("sentence", "")
            if e["type"] == "wrong":
                print(f"  WRONG {e['kind']:<9} pred {e['pred']}  gold {e['gold']}  | {ctx}")
            elif e["type"] == "missed":
                print(f"  MISS  {e['kind']:<9} {e['subject']} {e['value']}  | {ctx}")
            else:
                print(f"  SPUR  {e['kind']:<9} {e['subject']} {e['value']}  | {ctx}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
