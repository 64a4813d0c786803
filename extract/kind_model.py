"""The kind of a prose number (amount, change, percent, headcount, count — or no fact at all),
chosen by a trained ranker over the rules' candidate features.

`facts.features()` describes every quantity the rules find (unit category, change verb, share
marker, comparison words, what sits left and right of it); `facts.decide_kind()` turns that into a
kind by hand-written rules. The model sees the same signals plus the rules' answer and the text
around the number, and may also say "none": a number that is not a fact (an item number, a date
fragment, a bound the rules missed). Each kind the unit allows is a candidate; features are
crossed with the candidate kind so one binary linear model ranks them.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .model import N_FEATURES, LinearModel, bucket, sigmoid
from .ranker import Ranker

NONE = "none"
ALLOWED = {
    "money": ("amount", "change"),
    "percent": ("percent", "change"),
    "people": ("headcount", "change"),
    "count": ("count", "change"),
}


def base_tokens(f: dict[str, Any], left: str, right: str, value: float, section: str) -> list[str]:
    """What is known of one quantity before its kind is decided."""
    toks = [f"{k}={v}" for k, v in f.items() if k not in ("left_len", "left_tail", "right_head")]
    toks.append(f"left_len={bucket(f.get('left_len', 0), (1, 3, 6, 10, 20))}")
    toks += [f"l1={left[-1:] or '^'}", f"l2={left[-2:]}", f"l4={left[-4:]}", f"lb={left[-4:-2]}"]
    toks += [f"r1={right[:1] or '$'}", f"r2={right[:2]}"]
    toks.append(f"int={float(value).is_integer()}")
    toks.append(f"mag={bucket(abs(value), (1, 10, 100, 1000, 10000))}")
    head = section.rsplit("/", 1)[-1] if section else ""
    toks += [f"sec={head[:2]}", f"sec={head[2:4]}"]
    return toks


@dataclass(slots=True)
class KindInput:
    """What the kind ranker sees of one quantity: `base_tokens`, its unit category, the rules' kind."""

    base: list[str]
    category: str
    rule_kind: str


def candidates_for(category: str) -> tuple[str, ...]:
    """The kinds a unit category allows, and "none" (not a fact)."""
    return (*ALLOWED.get(category, ("count", "change")), NONE)


def kind_features(base: list[str], kind: str, rule_kind: str) -> list[str]:
    """The base tokens crossed with one candidate kind, so one binary model ranks all kinds."""
    return [f"k={kind}", f"rule={kind == rule_kind}", f"rule_k={rule_kind}>{kind}"] + [f"{kind}|{t}" for t in base]


@lru_cache(maxsize=16)
def _crc_state(kind: str) -> int:
    return zlib.crc32(f"{kind}|".encode())


def choose_kind(base: list[str], category: str, rule_kind: str, model: LinearModel) -> tuple[str, float]:
    """(kind or "none", the winner's probability). Scores `kind_features` without building its
    strings: the hash of "kind|token" continues the CRC of "kind|" over the token's bytes."""
    get, crc, n = model.weights.get, zlib.crc32, N_FEATURES
    best, best_z = NONE, -math.inf
    kinds = candidates_for(category)
    # token → its weight under every candidate kind, memoised with the model across documents (a
    # batch sees the same tokens over and over): one dict lookup per token instead of a hash per kind
    memo = model.weight_memo(category)
    rows = []
    for t in base:
        ws = memo.get(t)
        if ws is None:
            b = t.encode("utf-8")
            ws = memo[t] = tuple(get(crc(b, _crc_state(k)) % n, 0.0) for k in kinds)
        rows.append(ws)
    head = model.weight_memo("rule")  # (kind, rule kind) → the score of the three rule features
    for k, col in zip(kinds, zip(*rows, strict=True) if rows else [()] * len(kinds), strict=True):
        h = head.get(k + ">" + rule_kind)
        if h is None:
            h = head[k + ">" + rule_kind] = model.score([f"k={k}", f"rule={k == rule_kind}", f"rule_k={rule_kind}>{k}"])
        z = h + sum(col)
        if z > best_z:
            best, best_z = k, z
    return best, sigmoid(best_z)


class KindRanker(Ranker[KindInput, str]):
    """The kind of a quantity, or "none"; its `best` uses `choose_kind`'s fast hashing."""

    name = "kind"

    def candidates(self, x: KindInput) -> Sequence[str]:
        return candidates_for(x.category)

    def features(self, x: KindInput, cands: Sequence[str], i: int) -> list[str]:
        return kind_features(x.base, cands[i], x.rule_kind)

    def best(self, x: KindInput) -> tuple[str, float] | None:
        if self.model is None:
            return None
        return choose_kind(x.base, x.category, x.rule_kind, self.model)
