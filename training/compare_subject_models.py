"""Which subject model? The linear span ranker (`extract.subjects`) against a character CRF
(sklearn-crfsuite, BIO tags over the 40 characters before the number), both leave-one-document-out
on the gold subjects, next to the rules' subjects.

    pip install sklearn-crfsuite   # not a runtime dependency; only this comparison needs it
    python -m training.compare_subject_models

Both models see the rules' subject (the CRF as a per-character feature, the ranker as a candidate),
so each can only improve on it where the data teaches a correction. Scored per example: the chosen
subject, cleaned as the pipeline cleans it, matches the gold subject (`evaluate.subjects_match`).
"""

from __future__ import annotations

import time
from pathlib import Path

from extract.evaluate import load_gold, subjects_match
from extract.facts import clean_subject
from extract.ingest import read_document
from extract.model import Models
from extract.records import Trace
from extract.subjects import LEFT_WINDOW, SubjectContext, candidates, score_candidates, sentence_boundaries
from training.ranker import prose_doc
from training.subject import Example, examples_for, fit_folds

_PUNCT = set("，,；;。：:、（）()“”\"《》 ")


def _window(ctx: SubjectContext) -> tuple[int, str]:
    w0 = max(0, ctx.number_at - LEFT_WINDOW)
    return w0, ctx.sentence[w0 : ctx.number_at]


def _gold_span(ex: Example) -> tuple[int, int] | None:
    """The gold subject's characters in the window: a candidate span that cleans to it, nearest the number."""
    best = None
    for c in candidates(ex.ctx):
        if c.start >= 0 and subjects_match(clean_subject(c.text, ex.dept_names), ex.gold_subject):
            if best is None or c.end > best[1] or (c.end == best[1] and c.start < best[0]):
                best = (c.start, c.end)
    return best


def char_features(ctx: SubjectContext) -> list[dict[str, object]]:
    """Per-character features of the window before the number, for the CRF."""
    w0, w = _window(ctx)
    bounds = set(sentence_boundaries(ctx.sentence))
    at = ctx.sentence.rfind(ctx.rule_subject, w0, ctx.number_at) if ctx.rule_subject else -1
    rs, re_ = (at, at + len(ctx.rule_subject)) if at >= 0 else (-1, -1)
    out = []
    for i, ch in enumerate(w):
        j = w0 + i
        prev, nxt = (w[i - 1] if i else "^"), (w[i + 1] if i + 1 < len(w) else "$")
        out.append(
            {
                "c": ch,
                "p": prev,
                "n": nxt,
                "pc": prev + ch,
                "cn": ch + nxt,
                "punct": ch in _PUNCT,
                "tok_start": j in bounds,
                "tok_end": (j + 1) in bounds,
                "rule": "B" if j == rs else "I" if rs < j < re_ else "O",
                "rule_end": j == re_ - 1,
                "dist": min((len(w) - i) // 4, 8),
                "kind": ctx.kind,
            }
        )
    return out


def char_labels(ex: Example, span: tuple[int, int] | None) -> list[str]:
    """BIO tags of the gold subject span in the window."""
    w0, w = _window(ex.ctx)
    return ["B" if span and w0 + i == span[0] else "I" if span and span[0] < w0 + i < span[1] else "O" for i in range(len(w))]


def crf_subject(ctx: SubjectContext, tags: list[str], dept: tuple[str, ...]) -> str:
    """The last tagged span in the window, cleaned; the rules' subject when the CRF tags nothing."""
    w0, w = _window(ctx)
    spans, start = [], None
    for i, t in enumerate([*tags, "O"]):
        if t == "B" or (t == "I" and start is None):
            if start is not None:
                spans.append((start, i))
            start = i
        elif t == "O" and start is not None:
            spans.append((start, i))
            start = None
    if not spans:
        return ctx.rule_subject
    a, b = spans[-1]
    return clean_subject(w[a:b], dept) or ctx.rule_subject


def main() -> int:
    """Subject accuracy of the rules, the linear ranker and a character CRF, leaving each document out."""
    import sklearn_crfsuite

    t0 = time.perf_counter()
    gold = load_gold("annotations/facts")
    examples: list[Example] = []
    for p in sorted(Path("tests/data/corpus").glob("*.txt")):
        if p.name not in gold:
            continue
        trace = Trace()
        doc = prose_doc(read_document(p), Models(), trace)
        examples += examples_for(p.name, doc.facts, trace.of("subject"), doc.dept_names, gold[p.name])
    docs = sorted({e.doc for e in examples})
    spans = [_gold_span(e) for e in examples]
    feats = [char_features(e.ctx) for e in examples]
    labels = [char_labels(e, s) for e, s in zip(examples, spans, strict=True)]
    _, ranker_folds, _ = fit_folds(examples)
    right = {"rules": 0, "linear ranker": 0, "crf": 0}
    seconds = {"linear ranker": 0.0, "crf": 0.0}
    for d in docs:
        tr = [i for i, e in enumerate(examples) if e.doc != d]  # unlocatable gold: all O, the CRF learns to leave it to the rules
        te = [i for i, e in enumerate(examples) if e.doc == d]
        t = time.perf_counter()
        crf = sklearn_crfsuite.CRF(algorithm="lbfgs", c1=0.1, c2=0.1, max_iterations=100, all_possible_transitions=True)
        crf.fit([feats[i] for i in tr], [labels[i] for i in tr])
        pred = crf.predict([feats[i] for i in te])
        seconds["crf"] += time.perf_counter() - t
        for i, tags in zip(te, pred, strict=True):
            e = examples[i]
            right["rules"] += subjects_match(e.ctx.rule_subject, e.gold_subject)
            right["crf"] += subjects_match(crf_subject(e.ctx, tags, e.dept_names), e.gold_subject)
            t = time.perf_counter()
            best = score_candidates(e.ctx, ranker_folds[d])[0][1]
            seconds["linear ranker"] += time.perf_counter() - t
            right["linear ranker"] += subjects_match(clean_subject(best.text, e.dept_names) or e.ctx.rule_subject, e.gold_subject)
    n = len(examples)
    print(f"subjects of {n} extracted facts that found a gold fact, {len(docs)} documents held out one at a time")
    print(f"(gold subject locatable in the window for {sum(s is not None for s in spans)})")
    for k, v in right.items():
        extra = f"   {seconds[k]:.1f} s" if k in seconds else ""
        print(f"  {k:<14} {v / n:.4f}  ({v}/{n}){extra}")
    print(f"in {time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
