"""Load the data files under extract/data once, validating them so a bad edit fails loudly."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from .errors import DataFileError
from .scan import FirstChars


def _load_json(name: str) -> dict[str, Any]:
    path = resources.files("extract") / "data" / name
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:  # pragma: no cover - packaging error
        raise DataFileError(f"data file missing from the package: {name}") from exc

    def no_dupes(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for k, v in pairs:
            if k in seen:
                raise DataFileError(f"{name}: duplicate key {k!r}")
            seen[k] = v
        return seen

    try:
        return json.loads(raw, object_pairs_hook=no_dupes)
    except json.JSONDecodeError as exc:
        raise DataFileError(f"{name}: line {exc.lineno}: {exc.msg}") from exc


def alternation(words: list[str] | set[str]) -> str:
    """Regex alternation, longest first, so 万元 wins over 元."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@cache
def cue_pattern(key: str) -> re.Pattern[str]:
    """Any word of the cues.json list `key`, compiled once: the checks test texts for such lists
    (reason headings, austerity measures, average words …) in many places."""
    words = cues()[key]
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise DataFileError(f"cues.json: {key} must be a list of words")
    return re.compile(alternation(words))


@dataclass(frozen=True)
class Units:
    money: dict[str, float]
    percent: dict[str, str]
    people: dict[str, str]
    counters: dict[str, str]
    bare_wan_money_cues: tuple[str, ...]
    not_unit_after: dict[str, frozenset[str]]
    cn_not_unit_after: dict[str, frozenset[str]]

    def canonical(self, surface: str) -> tuple[str, str]:
        """(category, canonical unit) of a unit surface."""
        if surface in self.money:
            return "money", surface
        if surface in self.percent:
            return "percent", self.percent[surface]
        if surface in self.people:
            return "people", self.people[surface]
        if surface in self.counters:
            return "count", self.counters[surface]
        raise KeyError(surface)

    @property
    def surfaces(self) -> list[str]:
        return [*self.money, *self.percent, *self.people, *self.counters]


@cache
def units() -> Units:
    d = _load_json("units.json")
    try:
        return Units(
            money={k: float(v) for k, v in d["money"].items()},
            percent=dict(d["percent"]),
            people=dict(d["people"]),
            counters=dict(d["counters"]),
            bare_wan_money_cues=tuple(d["bare_wan_money_cues"]),
            not_unit_after={k: frozenset(v) for k, v in d["not_unit_after"].items() if not k.startswith("_")},
            cn_not_unit_after={k: frozenset(v) for k, v in d.get("cn_not_unit_after", {}).items() if not k.startswith("_")},
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DataFileError(f"units.json: bad or missing entry: {exc}") from exc


@cache
def cues() -> dict[str, Any]:
    d = _load_json("cues.json")
    required = ["reason_leads", "figure_words", "skip_sections"]
    missing = [k for k in required if k not in d]
    if missing:
        raise DataFileError(f"cues.json: missing keys {missing}")
    return d


@dataclass(frozen=True)
class ChangeVerbs:
    """The change-verb lexicon (change_verbs.json): one list per direction, shared by facts and checks
    so a verb added for one is never missing from the other."""

    increase: tuple[str, ...]
    decrease: tuple[str, ...]
    unchanged: tuple[str, ...]
    mixed: tuple[str, ...]
    lead: tuple[str, ...]  # may open a verb-first change (调减外事经费200万元)
    greater: tuple[str, ...]  # 决算数大于预算数
    less: tuple[str, ...]


@cache
def change_verbs() -> ChangeVerbs:
    d = _load_json("change_verbs.json")
    try:
        verbs = ChangeVerbs(*(tuple(str(w) for w in d[k]) for k in ("increase", "decrease", "unchanged", "mixed", "lead", "greater", "less")))
    except (KeyError, TypeError) as exc:
        raise DataFileError(f"change_verbs.json: bad or missing entry: {exc}") from exc
    if both := set(verbs.increase) & set(verbs.decrease):
        raise DataFileError(f"change_verbs.json: in both increase and decrease: {sorted(both)}")
    if signless := [w for w in verbs.lead if w not in verbs.increase and w not in verbs.decrease]:
        raise DataFileError(f"change_verbs.json: lead verbs without a direction: {signless}")
    return verbs


@dataclass(frozen=True)
class Synonyms:
    """synonyms.json: labels of one group name the same item; a related pair names an item prose
    calls by one name (公用经费) and tables show under another (商品和服务支出), one way only."""

    groups: tuple[tuple[str, ...], ...]
    related: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]  # (prose labels, table labels)


@cache
def synonyms() -> Synonyms:
    d = _load_json("synonyms.json")
    try:
        return Synonyms(
            tuple(tuple(str(x) for x in g) for g in d["groups"]),
            tuple((tuple(str(x) for x in r["prose"]), tuple(str(x) for x in r["table"])) for r in d.get("related", [])),
        )
    except (KeyError, TypeError) as exc:
        raise DataFileError(f"synonyms.json: bad or missing entry: {exc}") from exc


@dataclass(frozen=True)
class ResiduePattern:
    name: str
    label: str
    regex: re.Pattern[str]
    group: bool
    outside_tables: bool

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """`regex.finditer(text)`, jumping between the characters a match can start with."""
        return _residue_scan(self.regex).finditer(text)


@cache
def _residue_scan(regex: re.Pattern[str]) -> FirstChars:
    return FirstChars(regex)


@cache
def residue_patterns() -> tuple[ResiduePattern, ...]:
    """Template residue patterns from residue.json, compiled once."""
    d = _load_json("residue.json")
    try:
        return tuple(
            ResiduePattern(e["name"], e["label"], re.compile(e["pattern"]), bool(e.get("group")), bool(e.get("outside_tables")))
            for e in d["patterns"]
        )
    except (KeyError, TypeError, re.error) as exc:
        raise DataFileError(f"residue.json: bad or missing entry: {exc}") from exc


@dataclass(frozen=True)
class Metric:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]


@cache
def metrics() -> tuple[Metric, ...]:
    d = _load_json("metrics.json")
    out: list[Metric] = []
    ids: set[str] = set()
    for i, m in enumerate(d.get("metrics", [])):
        try:
            metric = Metric(m["id"], m["name"], m["kind"], tuple(m["aliases"]))
        except (KeyError, TypeError) as exc:
            raise DataFileError(f"metrics.json: entry {i}: missing {exc}") from exc
        if metric.id in ids:
            raise DataFileError(f"metrics.json: duplicate metric id {metric.id!r}")
        ids.add(metric.id)
        out.append(metric)
    return tuple(out)


@cache
def figure_suffixes() -> tuple[str, ...]:
    """metrics.json `figure_suffixes`: words naming which figure of an item a subject means (预算, 决算数 …), longest first."""
    words = _load_json("metrics.json").get("figure_suffixes", [])
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise DataFileError("metrics.json: figure_suffixes must be a list of words")
    return tuple(sorted(words, key=len, reverse=True))


def _metric_map(key: str) -> dict[str, str]:
    """A metrics.json map of metric ids to metric ids (`spending_side`, `subsets`), every id checked."""
    d = {k: str(v) for k, v in _load_json("metrics.json").get(key, {}).items() if not k.startswith("_")}
    known = {m.id for m in metrics()}
    if unknown := sorted(set(d) - known | set(d.values()) - known):
        raise DataFileError(f"metrics.json: {key} names unknown metric ids {unknown}")
    return d


@cache
def spending_side() -> dict[str, str]:
    """metrics.json `spending_side`: the 收入 id of a whole stated for both sides → its 支出 id."""
    return _metric_map("spending_side")


@cache
def metric_subsets() -> dict[str, str]:
    """metrics.json `subsets`: a scope's metric id → the id of the whole it lies inside."""
    return _metric_map("subsets")


@cache
def metric_partitions() -> dict[str, tuple[tuple[str, ...], ...]]:
    """metrics.json `partitions`: a whole's metric id → its complete splits into part metric ids."""
    d = _load_json("metrics.json").get("partitions", {})
    known = {m.id for m in metrics()}
    try:
        out = {whole: tuple(tuple(str(p) for p in split) for split in splits) for whole, splits in d.items()}
    except (AttributeError, TypeError) as exc:
        raise DataFileError(f"metrics.json: bad partitions: {exc}") from exc
    if unknown := sorted({i for whole, splits in out.items() for i in (whole, *(p for s in splits for p in s))} - known):
        raise DataFileError(f"metrics.json: partitions name unknown metric ids {unknown}")
    return out


@dataclass(frozen=True)
class TableHeaders:
    label_headers: frozenset[str]
    label_suffixes: tuple[str, ...]
    code_headers: frozenset[str]
    amount_headers: frozenset[str]
    attribute_values: frozenset[str]
    # (kind, parts): a column of that kind (支出) is the sum of these parts (基本支出, 项目支出)
    standard_splits: tuple[tuple[str, tuple[str, ...]], ...] = ()
    note_topics: tuple[str, ...] = ()  # what an empty-table note names (政府性基金, 三公 …)
    group_totals: frozenset[str] = frozenset()  # a group's own total column under a merged header (小计)

    def is_label(self, text: str) -> bool:
        """A header naming a label or code column (项目, 经济科目, 采购组织形式), never values."""
        return text in self.label_headers or text.endswith(self.label_suffixes)


@cache
def table_headers() -> TableHeaders:
    d = _load_json("table_headers.json")
    try:
        return TableHeaders(
            frozenset(d["label_headers"]), tuple(d["label_header_suffixes"]), frozenset(d["code_headers"]), frozenset(d["amount_headers"]),
            frozenset(d["attribute_values"]),
            tuple((str(x["kind"]), tuple(str(p) for p in x["parts"])) for x in d["standard_splits"]),
            tuple(str(t) for t in d["note_topics"]),
            frozenset(str(t) for t in d["group_totals"]),
        )
    except (KeyError, TypeError) as exc:
        raise DataFileError(f"table_headers.json: bad or missing entry: {exc}") from exc


@dataclass(frozen=True)
class FigureType:
    name: str
    header: re.Pattern[str]
    prose: re.Pattern[str]


@dataclass(frozen=True)
class FigureTypes:
    """The figure-type vocabulary (`extract/data/figure_types.json`)."""

    types: tuple[FigureType, ...]
    defaults: dict[str, str]
    compatible: frozenset[frozenset[str]]
    budget_types: frozenset[str] = frozenset()


@cache
def figure_types() -> FigureTypes:
    d = _load_json("figure_types.json")
    try:
        types = tuple(FigureType(t["name"], re.compile(t["header"]), re.compile(t["prose"])) for t in d["types"])
    except (KeyError, re.error) as exc:
        raise DataFileError(f"figure_types.json: {exc}") from exc
    return FigureTypes(types, dict(d.get("defaults", {})), frozenset(frozenset(p) for p in d.get("compatible", [])), frozenset(d.get("budget", ())))


@cache
def budget_words() -> tuple[str, ...]:
    """Words of the genre (genre.json): a file with none of them is not a budget disclosure."""
    words = _load_json("genre.json").get("budget_words")
    if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
        raise DataFileError("genre.json: budget_words must be a non-empty list of strings")
    return tuple(words)


@cache
def traditional_chars(use: str = "read") -> dict[str, str]:
    """Traditional → simplified characters, one to one (`extract/data/traditional.json`): `read`
    for the normaliser; `titles` adds the characters of the words titles are read from; `names`
    adds those of item and figure names, compared in simplified form by alignment; `full` puts all
    three over OpenCC's one-to-one characters (`traditional_full.json`), for the normaliser."""
    d = _load_json("traditional.json")
    groups = {"read": ["read"], "names": ["read", "titles", "names"], "full": ["read", "titles", "names"]}.get(use, ["read", "titles"])
    out: dict[str, str] = {}
    if use == "full":
        full = _load_json("traditional_full.json").get("chars")
        if not isinstance(full, dict) or not all(isinstance(k, str) and isinstance(v, str) and len(k) == len(v) == 1 for k, v in full.items()):
            raise DataFileError("traditional_full.json: chars must map single characters to single characters")
        out.update(full)
    for g in groups:
        chars = d.get(g)
        if not isinstance(chars, dict) or not all(isinstance(k, str) and isinstance(v, str) and len(k) == len(v) == 1 for k, v in chars.items()):
            raise DataFileError(f"traditional.json: {g} must map single characters to single characters")
        out.update(chars)
    return out


@cache
def item_names() -> dict[str, Any]:
    """Scope qualifiers and gazetteer limits (`extract/data/item_names.json`)."""
    d = _load_json("item_names.json")
    for key in ("scope_qualifiers", "scope_joiners", "scope_qualified_items"):
        if not isinstance(d.get(key), list) or not all(isinstance(w, str) and w for w in d[key]):
            raise DataFileError(f"item_names.json: {key} must be a list of strings")
    for key in ("gazetteer_min_chars", "gazetteer_max_chars", "gazetteer_extend_max"):
        if not isinstance(d.get(key), int):
            raise DataFileError(f"item_names.json: {key} must be an integer")
    return d


@cache
def slogan_cues() -> dict[str, Any]:
    """What makes a numbered phrase a slogan, not a count (`extract/data/slogans.json`)."""
    d = _load_json("slogans.json")
    for key in ("policy_nouns", "policy_issuers", "policy_units"):
        if not isinstance(d.get(key), list) or not all(isinstance(w, str) and w for w in d[key]):
            raise DataFileError(f"slogans.json: {key} must be a list of strings")
    if not isinstance(d.get("quoted_max"), int):
        raise DataFileError("slogans.json: quoted_max must be an integer")
    return d


class CharMap:
    """A one-to-one character map applied fast: the characters of the text that the map changes are
    found with one set intersection (≈ 20 ns a character), and only those are replaced — by a
    regex of just them, or `str.translate` when there are many (a traditional-character page). A
    regex of the whole map (4,000 characters) scanned ≈ 200 ns a character; `str.translate` with
    the whole map ≈ 60."""

    __slots__ = ("_get", "_keys", "_table")

    #: more distinct characters to replace than this, and `str.translate` beats a regex of them
    MAX_PATTERN_CHARS = 64

    def __init__(self, table: dict[int, str]) -> None:
        chars = {chr(k): v for k, v in table.items() if chr(k) != v}
        self._get = chars.__getitem__
        self._keys = frozenset(chars)
        self._table = {ord(k): v for k, v in chars.items()}

    def __call__(self, text: str) -> str:
        """`text.translate(table)`, the same result."""
        present = self._keys.intersection(text)
        if not present:
            return text  # most documents: nothing to map, one pass over the characters
        if len(present) > self.MAX_PATTERN_CHARS:
            return text.translate(self._table)
        get = self._get
        return _pattern_of(frozenset(present)).sub(lambda m: get(m.group()), text)


@lru_cache(maxsize=256)
def _pattern_of(chars: frozenset[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


@cache
def traditional_map(use: str = "read") -> CharMap:
    """`traditional_chars` as a `CharMap`, built once."""
    return CharMap({ord(t): s for t, s in traditional_chars(use).items()})
