"""Trained models shipped with the package, stored as plain JSON.

A model file holds the weights of a linear classifier over hashed string features, its labels,
and a stamp (library versions, hash of the training annotations, held-out scores). Loading reads
numbers only — nothing in a model file is ever executed or unpickled. Training lives in
`training/train.py`; this module only featurises and predicts, so the runtime needs numpy but not
scikit-learn's estimators.
"""

from __future__ import annotations

import json
import math
import re
import zlib
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import DataFileError
from .records import Fact, evolve

N_FEATURES = 1 << 18
MODEL_DIR = "models"
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@lru_cache(maxsize=1 << 18)
def hash_feature(token: str) -> int:
    """Stable across processes and platforms (Python's hash() is salted)."""
    return zlib.crc32(token.encode("utf-8")) % N_FEATURES


def bucket(n: float, edges: tuple[float, ...]) -> int:
    """How many of the ascending `edges` n reaches: a number as a coarse, hashable feature value."""
    return bisect_right(edges, n) if n == n else 0  # = sum(1 for e in edges if n >= e); NaN reaches none


def sigmoid(z: float) -> float:
    """P(positive) of a linear score, clamped so exp never overflows."""
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def fact_features(fact: Fact) -> list[str]:
    """Signals that predict whether a fact is right: how it was built, its subject, its context."""
    toks = [f"kind={fact.kind}", f"unit={fact.unit}", f"rule={bucket(fact.confidence, (0.5, 0.6, 0.7, 0.8, 0.9))}"]
    toks.append(f"metric={'none' if not fact.metric else fact.metric.split('.')[0]}")
    subj = fact.subject or ""
    toks.append(f"slen={bucket(len(subj), (1, 2, 4, 6, 9, 13, 18))}")
    toks.append(f"kind_slen={fact.kind}|{bucket(len(subj), (1, 4, 9, 18))}")
    toks += [f"s1={c}" for c in subj[:2]] + [f"se={subj[-2:]}"]
    toks += [f"s2={subj[i : i + 2]}" for i in range(len(subj) - 1)]
    # how the subject was found: a subject inherited from the item or found nowhere is more often wrong
    toks.append(f"src={fact.subject_source}")
    toks.append(f"kind_src={fact.kind}|{fact.subject_source}")
    if fact.comparator:
        toks.append("comparator")
    if fact.direction:
        toks.append(f"dir={fact.direction}")
    if fact.baseline:
        toks.append("baseline")
    s = fact.sentence or ""
    at = s.find(fact.surface) if fact.surface else -1
    if at >= 0:
        left, right = s[max(0, at - 8) : at], s[at + len(fact.surface) : at + len(fact.surface) + 4]
        toks += [f"l1={c}" for c in left[-3:]] + [f"l2={left[i : i + 2]}" for i in range(len(left) - 1)]
        toks += [f"r1={c}" for c in right[:2]]
        toks.append(f"pos={bucket(at, (1, 5, 15, 40, 80))}")
    else:
        toks.append("surface_not_in_sentence")
    toks.append(f"sentlen={bucket(len(s), (20, 40, 80, 160))}")
    toks.append(f"nnum={bucket(len(_NUMBER.findall(s)), (2, 3, 5, 8))}")
    toks.append(f"depth={fact.section.count('/') if fact.section else 0}")
    return toks


@dataclass(frozen=True)
class LinearModel:
    """Binary logistic model: P(positive) = sigmoid(w·x + b) over hashed features."""

    name: str
    weights: dict[int, float]
    intercept: float
    stamp: dict[str, Any] = field(default_factory=dict)
    _memo: dict[str, float] = field(default_factory=dict, init=False, repr=False, compare=False)  # token → weight
    _prefixed: dict[str, dict[str, Any]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def weight_memo(self, key: str) -> dict[str, Any]:
        """A memo token → weight(s) of crossed features, one per `key`, kept with the model across
        documents (a batch asks for the same crossed features over and over); the caller fills it."""
        memo = self._prefixed.get(key)
        if memo is None or len(memo) > 1 << 18:  # a long batch: keep memory bounded
            memo = self._prefixed[key] = {}
        return memo

    def score(self, tokens: list[str]) -> float:
        """w·x + b for string features (each token counts once per occurrence)."""
        memo = self._memo
        z = self.intercept
        for t in tokens:
            w = memo.get(t)
            if w is None:
                if len(memo) > 1 << 20:  # a long batch: keep memory bounded
                    memo.clear()
                w = memo[t] = self.weights.get(zlib.crc32(t.encode("utf-8")) % N_FEATURES, 0.0)  # = hash_feature(t), inlined
            z += w
        return z

    def prob(self, tokens: list[str]) -> float:
        """P(positive) for string features."""
        return sigmoid(self.score(tokens))

    def to_json(self) -> str:
        """Plain JSON (weights rounded to 6 digits) — the only form a model is stored in."""
        return json.dumps(
            {"name": self.name, "intercept": self.intercept, "weights": {str(k): round(v, 6) for k, v in sorted(self.weights.items())}, "stamp": self.stamp},
            ensure_ascii=False,
            indent=None,
        )

    @classmethod
    def from_json(cls, text: str, *, origin: str = "model") -> LinearModel:
        """Read numbers only; anything else in the file is a `DataFileError`."""
        try:
            d = json.loads(text)
            return cls(d["name"], {int(k): float(v) for k, v in d["weights"].items()}, float(d["intercept"]), d.get("stamp", {}))
        except (KeyError, TypeError, ValueError) as exc:
            raise DataFileError(f"{origin}: not a model file ({exc})") from exc


def load_model(path: str | Path) -> LinearModel:
    """A model file from disk (for `--models DIR`); a bad file is a `DataFileError`, never executed."""
    p = Path(path)
    try:
        return LinearModel.from_json(p.read_text(encoding="utf-8"), origin=str(p))
    except OSError as exc:
        raise DataFileError(f"{p}: cannot read model ({exc.strerror})") from exc


@cache
def shipped_model(name: str) -> LinearModel | None:
    """The packaged model, or None when the package was built without it."""
    res = resources.files("extract").joinpath(MODEL_DIR, f"{name}.json")
    if not res.is_file():
        return None
    return LinearModel.from_json(res.read_text(encoding="utf-8"), origin=f"extract/{MODEL_DIR}/{name}.json")


@dataclass(frozen=True)
class Models:
    """The trained models one pipeline run uses; a None member falls back to the rules."""

    kind: LinearModel | None = None
    subject: LinearModel | None = None
    metric: LinearModel | None = None
    reason: LinearModel | None = None
    confidence: LinearModel | None = None

    NAMES = ("kind", "subject", "metric", "reason", "confidence")

    @classmethod
    def shipped(cls) -> Models:
        """The models packaged in extract/models (a missing file leaves the rules for that step)."""
        return cls(**{name: shipped_model(name) for name in cls.NAMES})

    @classmethod
    def from_dir(cls, folder: str | Path) -> Models:
        """Models written by `budget-extract train --out DIR`; a missing file means rules for that step."""
        d = Path(folder)
        if not d.is_dir():
            raise DataFileError(f"{d}: not a model directory")
        return cls(**{name: load_model(d / f"{name}.json") if (d / f"{name}.json").is_file() else None for name in cls.NAMES})


def calibrate(facts: list[Fact], model: LinearModel | None = None) -> list[Fact]:
    """Replace the rules' confidence by the trained probability that the fact is right."""
    model = model if model is not None else shipped_model("confidence")
    if model is None:
        return facts
    return [f if f.kind == "reason" else evolve(f, confidence=round(min(max(model.prob(fact_features(f)), 0.001), 0.999), 3)) for f in facts]
