"""Narrative facts from prose: every quantity becomes a candidate, gets features, and a
decision (kind, subject, baseline, sign) with a confidence.

The rules decide first; when a trained kind ranker is given (`kind_model.KindRanker`), it sees
the same `features()` plus the rules' kind and makes the call, so keep every signal the rules use
in the feature dict. The subject ranker (`subjects.SubjectRanker`) gets the rules' subject as one
of its candidates. Both run here, number by number, because what they decide becomes the context
later numbers inherit; with a `Trace`, their inputs are recorded for training.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from .itemnames import (
    EMPTY,
    Gazetteer,
    build_gazetteer,
    counted_item,
    drop_scope,
    measure_stem,
    mirror_chars,
    mirror_match_end,
    without_readings,
)
from .kind_model import NONE as KIND_NONE
from .kind_model import KindInput, KindRanker, base_tokens
from .normalize import MappedText
from .paired import Pair, apply_pairs, paired_quantities
from .quantity import Quantity, find_quantities
from .reason_model import ORDINALS, unquote
from .records import Block, Fact, Layout, Trace
from .resources import alternation, cues, slogan_cues, units
from .segment import Sentence, clause_bounds, sentences
from .slogans import is_slogan
from .subjects import SubjectContext, SubjectRanker
from .taxonomy import metric_for
from .tokens import tokenizer
from .verbs import direction_of, lead_verb
from .verbs import patterns as verb_patterns

_LIST_MARKER = re.compile(
    r"^(?:第[一二三四五六七八九十\d]+部分|[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]"
    r"|\d{1,2}、|\d{1,2}[.．](?!\d)|[①-⑳]|[一二三四五六七八九十]是)+"
)
_YEAR = re.compile(r"(?:截至|截止)?(?:19|20)\d{2}年(?:度|底|末|初)?(?:\d{1,2}月(?:\d{1,2}日)?)?")
# a year inside a subject's prefix: what precedes it (a department, a heading) names no item;
# a year after a comparison word (较2024年) is a baseline, kept for the comparison rule
_ORG_TAIL = re.compile(r"(?:局|厅|院|办事处|办公室|委员会|委|会|中心|政府|部|所|站|队|馆|处|校|园|镇|乡|街道|单位|部门|本级)$")
_YEAR_INSIDE = re.compile(r"(?<![较比与至到\-—~）)])(?:19|20)\d{2}年(?:度|底|末|初)?(?:\d{1,2}月(?:\d{1,2}日)?)?(?=[\u4e00-\u9fff“\"（(])")
_QUOTES = re.compile(r"[“”\"‘’「」『』]")
# template residue (MERGEFIELD ${page…}) is never part of what a number is about
_RESIDUE = re.compile(r"MERGEFIELD|\$\{[^}]*\}?|\{\{[^}]*\}\}|[A-Za-z0-9_.$]{12,}")
# the name starts at the sentence start or right after a bracket (the lookbehind): the same
# leftmost matches as an unanchored name, without rescanning a long bracket-free run from every position;
# a code may stand inside the level's bracket (普通教育（02款）)
_CHAIN = re.compile(r"(?<![^（()）])(?P<name>[^（()）]+)[（(](?:\d{1,9})?(?P<lvl>类|款|项)[）)]")


def _last_match(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    m = None
    for m in pattern.finditer(text):  # noqa: B007 - we want the last one
        pass
    return m


@cache
def _c() -> dict[str, Any]:
    return cues()


@cache
def _lead_ins() -> frozenset[str]:
    return frozenset(_c()["subject_strip_prefix"])


def _inner_verb() -> re.Pattern[str]:
    """A two-character change verb anywhere in the clause (not only right before the number)."""
    return verb_patterns().inner


def _verb_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    p = verb_patterns()
    return p.mixed, p.increase, p.decrease, p.unchanged


@cache
def _reason_re() -> re.Pattern[str]:
    # strong leads anywhere; 主要是/主要 right after a clause break before 一是/由于/因为/受, or
    # opening a sentence of its own (…下降6.89%。主要是严格落实…) — not 主要是指/主要用于 (a definition, a use)
    weak = alternation(_c()["reason_weak_leads"])
    return re.compile(
        rf"(?:{alternation(_c()['reason_strong_leads'])})(?:是|为|主要是|主要为|主要系|在于)?[:：]?(?![。；;，,\n])"
        rf"|(?<=[，,])(?:{weak})(?=一是|由于|因为|受)"
        rf"|^(?:主要是|主要系)(?!指|用于|用来|包括|负责|对|在)"
    )


@dataclass(slots=True)
class _Context:
    """What later numbers inherit: the item being talked about and its last figures."""

    item: str = ""
    item_source: str = "inherited"  # "item heading" when the item was named in a sentence of its own
    item_metric: str | None = None
    item_named_by_heading: bool = False  # the item is still the heading's own, no amount has renamed it
    last_amount: Fact | None = None
    last_change: Fact | None = None
    last_fact: Fact | None = None
    section: str = ""
    changes: list[Fact] = field(default_factory=list)


@dataclass(slots=True)
class Candidate:
    """One quantity in its sentence: the text around it that the kind and subject decisions read."""
    q: Quantity
    sentence: Sentence
    left: str  # sentence-local text from the left limit to the number
    right: str  # text after the unit up to the next boundary
    before: str  # the whole sentence before the number
    left_limit: int  # sentence-local
    prev_q: Quantity | None
    change_window: int = 0  # a baseline is looked for only after the previous change
    features: dict[str, Any] = field(default_factory=dict)


_CLOSED_BRACKET = re.compile(r"[（(](?P<inner>[^（()）]{0,200})[）)]\s*[，,]?\s*(?:占|所占|比重|占比)[^（()）\d]{0,16}$")
_AMOUNT_IN = re.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:亿元|万元|元)")


def _closed_bracket_amounts(before: str) -> int:
    """How many money amounts a bracket closed just before a share (…)，占…) holds."""
    m = _CLOSED_BRACKET.search(before)
    return len(_AMOUNT_IN.findall(m.group("inner"))) if m else 0


#: A、B、C等X: a list of examples (with at least one 、) and the class X they belong to, which names the item
_LISTED_THEN_CLASS = re.compile(r"、[^、等]{1,12}等(?!级|次|额)(?P<cls>[^、等]{2,20}(?:费|经费|支出|收入|资金))(?:支出|预算|决算)?$")


def _strip_left_blank(s: str) -> str:
    return s.rstrip("_")


_TAIL_PARTICLE = re.compile(r"(?:的|为|了)$")
_SHARE_TAIL = re.compile(r"(?:占|占比|比重为?|比例为?)[^，,；;]{0,16}$")
_BRACKETED_VERB = re.compile(r"[（(]([\u4e00-\u9fff]{1,3})[）)](?=幅?$)")
_RATE_IN_BRACKET = re.compile(r"\d[\d,.]*\s*(?:亿元|万元|元|万)\s*[（(]\s*$")
_COMPARISON_CUE = re.compile(r"较|比(?!重|例|率)|同比|相比")


def features(cand: Candidate) -> dict[str, Any]:
    """Signals for the kind decision; the same dict feeds a trained classifier later."""
    mixed, inc, dec, unch = _verb_res()
    left = _strip_left_blank(cand.left)
    f: dict[str, Any] = {
        "category": cand.q.category,
        "unit": cand.q.unit,
        "chinese": cand.q.chinese,
        "blank": cand.q.blank,
        "comparator": cand.q.comparator or "",
        "verb": "",
        "share": False,
        "comparison_marker": False,
        "left_len": len(left),
        "left_tail": left[-4:],
        "right_head": cand.right[:3],
        "has_prev_in_sentence": cand.prev_q is not None,
    }
    # 较上年(减少)16.23万元, (减)幅23%: one template alternative left in its brackets is still the verb
    plain = left if mixed.search(left) else _BRACKETED_VERB.sub(r"\1", left)
    if mixed.search(left):
        f["verb"] = "mixed"
    elif dec.search(plain):
        f["verb"] = "decrease"
    elif inc.search(plain):
        f["verb"] = "increase"
    elif unch.search(left[-6:]):
        f["verb"] = "unchanged"
    elif left.rstrip().endswith("等") and "、" in left and (im := _inner_verb().search(left)) is not None:
        f["verb"] = direction_of(im.group()) or ""  # 基本支出增加人员工资、…、提租补贴等3397.18万元
    if not f["verb"] and cand.q.category == "percent" and (rb := _RATE_IN_BRACKET.search(cand.before)):
        head = cand.before[: rb.start()][-10:]  # 较上年减少1.5万元(42.86%): the bracket holds the change's rate
        f["verb"] = "mixed" if mixed.search(head) else "decrease" if dec.search(head) else "increase" if inc.search(head) else ""
    tail = _TAIL_PARTICLE.sub("", left)
    f["share"] = bool(_SHARE_TAIL.search(tail)) and f["verb"] == ""
    f["comparison_marker"] = bool(_COMPARISON_CUE.search(cand.before[-30:]))
    return f


def decide_kind(f: dict[str, Any]) -> tuple[str, float]:
    """Rules: (kind, confidence) — the baseline and a feature of the trained kind ranker."""
    cat, verb = f["category"], f["verb"]
    if verb in ("increase", "decrease", "mixed"):
        if cat in ("money", "percent"):
            return "change", 0.95 if f["comparison_marker"] else 0.8
        if f["comparison_marker"]:
            return "change", 0.75
    if cat == "money":
        return "amount", 0.9
    if cat == "percent":
        return "percent", 0.9 if f["share"] else 0.8
    if cat == "people":
        return "headcount", 0.85
    return "count", 0.8 if not f["chinese"] else 0.65


# ---------------------------------------------------------------- subjects


@cache
def _affix_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    c = _c()
    prefix = re.compile(rf"^(?:{alternation(c['subject_strip_prefix'] + c['org_pronouns'])})(?=.)")
    suffix = re.compile(rf"(?<=.)(?:{alternation(c['subject_strip_suffix'])})$")
    # an organisation name before the figure it owns (县医保局2023年…, 南昌市西湖区医疗保障局支出预算总额)
    org = (
        r"^[\u4e00-\u9fff]{1,20}?(?:局|厅|院|办事处|办公室|委员会|联合会|(?<=[\u4e00-\u9fff]{2})联(?![络系动网通])|(?:政府|政协|人大|党委|纪委)办|(?<=[\u4e00-\u9fff]{2})政府(?!采购|性|购买|投资|债|工作|信息|部门|预算|机关))"
        r"(?=(?:19|20)\d{2}年|本级|机关|安排|共有|现有|下属|所属|编制|三公|因公|决算|[\u4e00-\u9fff]{2,}(?:收入|支出|预算|经费|车辆))"
    )
    org_year = re.compile("|".join([org, *c.get("lead_in_patterns", [])]))
    return prefix, suffix, org_year


_TRAILING_GONG = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:(?<![公中])共|(?<![人平车户])均)$")  # 国内公务接待共15批次, 收、支总计均为
_EDGE_PUNCT = " ，,、：:；;。"
_BARE_MONEY = re.compile(r"(?:涉及|共涉及|涉及的)?(预算|资金|金额)")
_CODE_OR_HASH = re.compile(r"^(?:#+|\d{3,9}(?![\d年月日])(?=[\u4e00-\u9fff]))")
_CODE_PAREN = re.compile(r"^[^（(]*[（(]\d{3,9}(?P<inner>[^（()）]+)[）)]$")


def _unbalanced(s: str) -> str:
    """Cut a parenthesis the clause boundary split: 事业单位不填报）机关运行经费, （上年含其他预算收入."""
    close = min([i for i in (s.find("）"), s.find(")")) if i >= 0], default=-1)
    opens_before = s[: close].count("（") + s[: close].count("(") if close >= 0 else 0
    if close >= 0 and opens_before == 0:
        s = s[close + 1 :]
    last_open = max(s.rfind("（"), s.rfind("("))
    if last_open >= 0 and s.find("）", last_open) < 0 and s.find(")", last_open) < 0:
        inner = s[last_open + 1 :]
        # 105人次（其中外事接待0人次: the bracket names its own item
        # 其中(工资福利支出54831.83万元: a lead-in alone before the bracket leaves the bracket's item
        head = s[:last_open].strip(_EDGE_PUNCT)
        # (but 减少30.25万元（上年含其他预算收入20万元: a note on another year is no item of its own)
        lead_only = (not head and not inner.startswith(tuple(_c()["bracket_note_leads"]))) or head in _c()["subject_strip_prefix"]
        s = inner if inner.startswith(tuple(_c()["bracket_lead_ins"])) or lead_only else s[:last_open]
    return s
# （部门）共有车辆; (含公办幼儿园、小学、初中)、高中: an aside closed before the next listed item
_SCOPE_NOTE = re.compile(r"(?<=.)[（(](?:不)?(?:含|包括|包含)[^（()）]{1,20}[）)]")
_LEADING_PAREN = re.compile(r"^[（(][^（()）]{1,6}[）)]|^[（(][^（()）]*[）)][、，,]")


_ORDINAL_OPEN = re.compile(r"^\s*一是")
_ORDINAL_ANY = re.compile(rf"[{ORDINALS}]是")
_COMPARED_ITEM = re.compile(r"^([^比较与同]{2,40}?)(?:比|较|与|同)")
_YEAR_DIGITS_END = re.compile(r"(?<=[\u4e00-\u9fff])(?:19|20)\d{2}$")
#: at most this many distinct counts per document are looked up as recurring names
PLACE_NAME_KEYS = 200
#: the longest listed heading (（一）收入预算，) read as the label of the figure after its comma
LISTED_LABEL_MAX = 16


def _strip_affixes(s: str, dept_names: tuple[str, ...]) -> str:
    prefix, suffix, org_year = _affix_res()
    for _ in range(8):
        before = s
        s = _LIST_MARKER.sub("", s.strip(_EDGE_PUNCT)).strip(_EDGE_PUNCT)
        s = _LEADING_PAREN.sub("", s)  # （部门）共有车辆
        # 财政拨款收入(含政府性基金拨款): what the item includes is no part of its name (but a template row's is)
        s = _SCOPE_NOTE.sub(lambda m: m.group() if m.group()[1:-1] in _c()["template_row_notes"] else "", s)
        s = _CODE_OR_HASH.sub("", s)  # 2101501行政运行, ####（一）
        s = _unbalanced(s)
        if _YEAR.match(s):
            s = _YEAR.sub("", s, count=1)
        elif (ym := _last_match(_YEAR_INSIDE, s)) is not None and len(s) - ym.end() >= 2:
            head, rest = s[: ym.start()], s[ym.end() :]
            if _is_figure_word(_affix_res()[1].sub("", rest)) and len(head) >= 2 and not _ORG_TAIL.search(head):
                # 公务接待费2016年预算 → 公务接待费预算: the year sits between the item and its figure
                # (支出预算2025年预算数 names its figure once: 支出预算)
                s = head if head.endswith(("预算", "决算")) and rest.startswith(head[-2:]) else head + rest
            else:
                s = rest  # 六安市工商业联合会2021年度一般公共预算… → 一般公共预算…
        for d in dept_names:
            if d and s.startswith(d):
                s = s[len(d) :]
            elif d and s and s[0] in mirror_chars(d[0]) and (end := mirror_match_end(d, s)) is not None:
                s = s[end:]  # 九華山風(fēng)景區(qū)…局, 杜集區政府辦: a converted page's characters and readings
        s = org_year.sub("", s, count=1)
        stripped = prefix.sub("", s, count=1)
        if s in _c()["this_year_sides"]:
            stripped = s  # 本年收入 beside 收入总计: the year's own income, not 收入
        if not _is_figure_word(stripped) or _is_figure_word(s):
            s = stripped  # but 年度预算安排 stays whole: 预算安排 alone names no item
        s = suffix.sub("", s, count=1)
        if len(s) >= 6 and _YEAR_DIGITS_END.search(s):
            s = s[:-4]  # 收入2024增加2157.73万元: the comparison's 较 dropped before last year
        if s == before:
            break
    return s


_DASH_CHAIN = re.compile(r"^[\u4e00-\u9fff（）()]{2,30}(?:-[\u4e00-\u9fff（）()]{2,30}){1,3}")


def _chain_item(s: str) -> str:
    """社会保障和就业（类）…（款）机关事业单位基本养老保险缴费支出（项）预算数 → item + figure;
    一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行 → 行政运行;
    卫生健康支出（21015医疗保障管理事务）→ 医疗保障管理事务."""
    cp = _CODE_PAREN.match(s)
    if cp:
        s = cp.group("inner")
    dm = _DASH_CHAIN.match(s)
    if dm:
        s = dm.group().rsplit("-", 1)[1] + s[dm.end() :]
    parts = list(_CHAIN.finditer(s))
    if not parts:
        return s
    last = parts[-1]
    name = last.group("name").strip("“”\" ")
    rest = s[last.end() :]
    if last.group("lvl") == "类" and (rest.startswith("支出") or not rest):
        return name + ("支出" if not name.endswith("支出") else "")
    rest = re.sub(r"(?:19|20)\d{2}年度?", "", rest).strip("：:为是，, ")
    rest = re.sub(r"^(?:当年|本年|全年)", "", rest)
    if rest in ("支出", "科目", "预算数", "预算", "", "安排", "金额"):
        return name
    return name + rest


def _drop_leading_verbs(s: str) -> str:
    verbs = _leading_verbs()
    if len(s) <= 3 or not any(s.startswith(v) for v in verbs):
        return s
    toks = tokenizer().lcut(s)
    while len(toks) > 1 and toks[0] in verbs:
        toks = toks[1:]
    return "".join(toks)


@cache
def _leading_verbs() -> frozenset[str]:
    return frozenset(_c()["subject_leading_verbs"])


@lru_cache(maxsize=65536)
def clean_subject(raw: str, dept_names: tuple[str, ...] = ()) -> str:
    """The words before a number → the item it is about: lead-ins, years, the department, list
    markers and figure words stripped, 类/款/项 chains resolved. Cached: the same clause recurs."""
    s = _RESIDUE.sub("", _QUOTES.sub("", raw))
    rm = _last_match(_reason_re(), s)
    if rm is not None:  # a number inside a reason is about what follows the lead-in
        s = s[rm.end() :]
    # everything up to the last colon is a lead-in (其中：, 按支出功能科目划分：)
    if re.search(r"[:：]", s):
        tail = re.split(r"[:：]", s)[-1]
        if _strip_affixes(tail, dept_names):
            s = tail
    nm = _last_match(_NONE_ITEM, s)
    if nm is not None and len(s) - nm.end() >= 2:
        s = s[nm.end() :]  # 其中：购置经费无、运行维护费34万元: the item listed as having none is another item
    fm = _last_match(_funding_re(), s)
    if fm is not None and len(s) - fm.end() >= 4:
        s = s[fm.end() :]  # 各单位使用财政拨款安排三公经费预算总额: the source of funds names no item
    dated = len(s) > 16 and _YEAR_INSIDE.search(s) is not None  # 纳入2024年汇总预算编制范围的预算单位
    s = drop_scope(_strip_affixes(s, dept_names))
    s = _chain_item(s)
    s = _strip_affixes(s, dept_names)
    if "为" in s:  # template echo: 支出预算总额为支出预算总额
        a, _, b = s.partition("为")
        if a == b or not b:
            s = a
        elif (im := _last_match(_IS_ITEM, s)) is not None and len(s) - im.end() >= 2 and not _is_figure_word(s[im.end() :]):
            s = s[im.end() :]  # 部门预算收入为一般公共预算收入596.09万元: the number is the item after 为
    s = _after_last(_possession_re(), s)  # 街道共有工作人员73人: what the holder has is counted
    s = _after_last(_cut_after_re(), s)  # …导致事业人员较上年增加9人, 在职人数中行政55人: the subject starts over
    if not _starts_with_alias(s):  # 预留给小型和微型企业的…预算 is a taxonomy name, not a verb phrase
        s = _drop_leading_verbs(s)
        s = _strip_affixes(s, dept_names)
    if "的" in s and (len(s) > 16 or dated or (s.rsplit("的", 1)[0].endswith(("单位", "部门", "机关")) and _starts_with_alias(s.rsplit("的", 1)[1]))):
        tail = s.rsplit("的", 1)[1]  # 行政单位的机关运行经费预算: the owner's known item is the item
        if len(tail) >= 3 and not any("的" in a and a in s for a in _aliases_with_de()):
            s = _drop_leading_verbs(tail)  # 主要追加的是专项…欠款: 是 is no part of the item
    if "等" in s and (em := _LISTED_THEN_CLASS.search(s)) is not None:
        s = em.group("cls")  # 住宿费、交通费、伙食补助费等因公出国(境)经费: the examples name no item, the class does
    if _comparison_only().match(s):
        return ""  # 较2024年的: a comparison names no item; the caller inherits it
    if s.endswith("预算数") and len(s) > 4:
        s = s[: -len("数")]  # 基本支出预算数 → 基本支出预算 (the default figure of a 预算 document)
        if s.endswith("支出预算") or s.endswith("资金预算"):
            s = s[: -len("预算")]
    # 特种作业车(洒水车、垃圾车), 绩效服务费（根据查处金额预估）: a bracket of examples or a note is no part of
    # the name (but 使用非财政拨款结余(含专用结余) and 因公出国(境)费 keep theirs)
    s = _NOTE_BRACKET.sub("", s)
    # 相比2016年的总收入6871.82减少…: a figure printed without its unit is no part of the name
    s = _TRAILING_NUMBER.sub("", s)
    # 基本支出中医疗业务支出: the part named inside its whole
    if (pm := _PART_OF.match(s)) is not None:
        s = pm.group(1)
    return s.strip()


# X为Y before a number: Y is what the number measures (not 作为, 行为, 认为, 因为, 成为, 更名为)
_IS_ITEM = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?<![作行认因成名改称])为(?![民主准止])")
# an item of a 、-list stated to have none (购置经费无、, 购置费未安排、): the number after it is the next item's
_NONE_ITEM = re.compile(r"(?<=[\u4e00-\u9fff])(?:无|为零|未安排)、")
_TRAILING_NUMBER = re.compile(r"(?<=[\u4e00-\u9fff]{2})\d+\.\d+$")
_PART_OF = re.compile(r"^[\u4e00-\u9fff]{0,12}(?:支出|收入|经费|预算|决算)中([\u4e00-\u9fff]{2,16})$")
_NOTE_BRACKET = re.compile(r"(?<=[\u4e00-\u9fff])[（(](?:[^（()）]*[、等][^（()）]*|(?:根据|按照|按|如|包括|主要)[^（()）]*)[）)]$")


@cache
def _funding_re() -> re.Pattern[str]:
    return re.compile(alternation(_c()["funding_lead_ins"]))


@cache
def _comparison_only() -> re.Pattern[str]:
    return re.compile(_c()["comparison_only"])


@cache
def _alias_heads() -> dict[str, tuple[str, ...]]:
    """Aliases of at least 6 characters by their first two characters."""
    from .resources import metrics

    out: dict[str, list[str]] = {}
    for m in metrics():
        for a in m.aliases:
            if len(a) >= 6:
                out.setdefault(a[:2], []).append(a)
    return {k: tuple(v) for k, v in out.items()}


def _starts_with_alias(s: str) -> bool:
    return any(s.startswith(a) for a in _alias_heads().get(s[:2], ()))


@cache
def _aliases_with_de() -> tuple[str, ...]:
    from .resources import metrics

    return tuple(a for m in metrics() for a in m.aliases if "的" in a)


@cache
def _figure_words() -> frozenset[str]:
    return frozenset(_c()["figure_words"]) | {"", "支出", "金额", "资金"}


def _is_figure_word(s: str) -> bool:
    return s in _figure_words()


def _right_noun(right: str) -> str:
    c = _c()
    m = re.match(r"[^，,。；;、：:（()）和及与的]{1,16}", right)
    if not m:
        return ""
    toks = tokenizer().lcut(m.group())
    stop = set(c["right_noun_stop"])
    out: list[str] = []
    for t in toks:
        if t in stop or any(t.startswith(w) for w in stop if len(w) > 1) or not re.match(r"[\u4e00-\u9fff]", t):
            break
        out.append(t)
    return "".join(out)


def _baseline(before: str) -> tuple[str | None, int | None, str]:
    """The comparison baseline before the change verb: (baseline, marker position, text between
    与上年相比 and the verb, which names the subject when the sentence puts it there)."""
    mixed, inc, dec, _ = _verb_res()
    m = mixed.search(before) or dec.search(before) or inc.search(before) or _BRACKETED_VERB.search(before)
    head = before[: m.start()] if m else before
    bm = _last_match(_MARKER, head)
    if bm is None:
        return None, None, ""
    rest = head[bm.end() :]
    em = re.search(r"相比|相较|比较|对比", rest)
    if em:
        base, after = rest[: em.start()], rest[em.end() :]
    else:
        base, after = rest, ""
    base = re.sub(r"\s+", "", base).strip("，, ")
    if len(base) > 24 or re.search(r"\d+(?:\.\d+)?(?:万元|元|%)", base):
        return None, None, ""
    base = _COUNTED_FIGURE.sub("", base)  # 比上年同期4378件减少3.33%: the figure compared with is no baseline name
    if bm.group() == "同比" and not base:
        base = "上年同期"
    for a, b in _c()["baseline_rewrites"]:
        if base.endswith(a):
            base = base[: -len(a)] + b
    return (base or None), bm.start(), after.strip("，, ")


_COUNTED_FIGURE = re.compile(r"(?<=[\u4e00-\u9fff])\d[\d,]*(?:\.\d+)?(?![年月日])[\u4e00-\u9fff]{1,2}$")
_MARKER = re.compile(r"同(?=(?:上年|去年|上一年|(?:19|20)\d{2}年)[^，,；;。]{0,8}(?:相比|相较|比较|对比))|同比|相较于|相对于|较(?!大|小|高|低|多|少|好|快)|(?<![占对相好])比(?!重|例|率|较)|与(?=(?:上年|去年|上一年|(?:19|20)\d{2}年)[^，,；;。]{0,10}?(?:增加|增长|减少|下降|上升|降低|$))|与(?=[^，,；;。]{0,16}(?:相比|相较|比较|对比|保持|持平|一致|相同|不变))")


# ---------------------------------------------------------------- extraction


def _direction(value: float, verb: str) -> tuple[float, str | None]:
    if value == 0:
        return 0.0, "unchanged"
    if verb == "decrease":
        return -abs(value), "decrease"
    if value < 0:
        return value, "decrease"
    return abs(value), "increase"


def _join(a: str, b: str) -> str:
    """Item + figure word without doubling the overlap (…缴费支出 + 支出决算 → …缴费支出决算)."""
    if a.endswith(b):
        return a
    for k in range(min(len(a), len(b)) - 1, 1, -1):
        if a.endswith(b[:k]):
            return a + b[k:]
    return a + b


@dataclass(slots=True)
class _Decision:
    """What `_decide` settles for one quantity, step by step (kind first, then the rest)."""

    kind: str
    conf: float
    value: float | None
    subject: str = ""
    direction: str | None = None
    baseline: str | None = None
    share_of: str | None = None
    inherited: bool = False  # the subject came from the item: it must not become the new item
    source: str = "sentence"  # Fact.subject_source: sentence, item heading, inherited or none


@dataclass(slots=True)
class FactExtractor:
    """Turns a document layout into facts; one instance per document (holds no global state)."""

    doc_id: str
    dept_names: tuple[str, ...] = ()
    facts: list[Fact] = field(default_factory=list)
    kind_ranker: KindRanker | None = None  # None, or one without a model: the rules' kinds stand
    subject_ranker: SubjectRanker | None = None  # None, or one without a model: the rules' subjects stand
    trace: Trace | None = None  # training: what the rankers saw (`Doc.trace`)
    bracketed: set[str] = field(default_factory=set)  # facts stated inside brackets (（其中外事接待0批次）)
    pair_items: list[str] | None = None  # the items of the last 各/分别 list (`extract/paired.py`)
    gazetteer: Gazetteer = EMPTY  # the document's own item names (`extract/itemnames.py`)
    budget_doc: bool = False  # a 预算 document: its 年初预算 is its own figure
    full_text: str = ""  # the document's blocks, for counts that recur as a name (六座中心校)
    place_names: dict[str, bool] = field(default_factory=dict)  # numeral + counter + 2 characters → recurs as a name

    def run(self, layout: Layout) -> list[Fact]:
        """Facts of every prose block; the inherited context resets at each new section."""
        ctx = _Context()
        self.gazetteer = build_gazetteer(layout)
        self.full_text = "\n".join(b.text.text for b in layout.blocks)
        # a 预算 document that never speaks of 决算 (a 决算 item paragraph sets 年初预算 beside its 决算数)
        self.budget_doc = layout.doc_kind == "预算" and "决算" not in self.full_text
        for block in layout.blocks:
            if block.kind == "table" or block.skipped:
                continue
            if block.section != ctx.section:
                ctx = _Context(section=block.section)
                heading = _heading_item(block.section, self.dept_names)
                if _CODE_HEADING.search(block.section.rsplit(" > ", 1)[-1]) or _names_money_item(heading):
                    # （三）事业运行（2080104） heads a 决算 item paragraph, （二）公务接待费 a 三公 item's: a bare
                    # figure under it (2016年预算安排8万元) is the item's
                    ctx.item = heading
                    ctx.item_source = "item heading"
                    ctx.item_named_by_heading = True
            if block.kind == "heading":
                self._block(block, _Context(section=block.section))
                continue
            self._block(block, ctx)
        return self.facts

    # one paragraph or heading
    def _block(self, block: Block, ctx: _Context) -> None:
        text = block.text
        for sent in _merge_enumerations(list(sentences(text))):
            self._sentence(block, text, sent, ctx)

    def _sentence(self, block: Block, text: MappedText, sent: Sentence, ctx: _Context) -> None:
        s = sent.text
        # a bound (单价20万元（含）以上的设备) is not a fact; it stays part of the subject's wording
        qs = [q for q in find_quantities(s) if not q.threshold and not is_slogan(s, q) and not self._place_name(s, q)]
        qs, pairs = paired_quantities(s, qs) if ("各" in s or "分别" in s) else (qs, [])
        facts_at: dict[int, Fact] = {}
        if not qs and (_CHAIN.search(s) or _LIST_MARKER.match(s)):
            # 行政运行（项）。年初预算为… / 1、因公出国(境)费用。2012年预算数…: an item named in a sentence of
            # its own (a 决算 item, or a listed money item) is the context
            item = clean_subject(_LIST_MARKER.sub("", s, count=1).rstrip("。；;：: "), self.dept_names)
            if item and len(item) <= 30 and (_CHAIN.search(s) or _names_money_item(item)):
                ctx.item, ctx.item_source = _item_of(item), "item heading"
        bounds = clause_bounds(s) if qs else []
        sent_facts: list[Fact] = []
        prev: Quantity | None = None
        reason = _reason_re().search(s) or _reason_after_change(s)
        change_window = 0
        for q in qs:
            num_start = q.start - (len(s[: q.start]) - len(s[: q.start].rstrip("_")))
            limit = max([b for b in bounds if b <= num_start] + [prev.unit_end if prev else 0])
            if s[limit:num_start].rstrip().endswith("等") and s[limit - 1 : limit] == "、":
                # 基本支出增加人员工资、住房公积金、提租补贴等3397.18万元: 等 closes a list, the clause starts before it
                limit = max([i + 1 for i, ch in enumerate(s[:limit]) if ch in "，,；;：:"] + [prev.unit_end if prev else 0])
            cand = Candidate(
                q=q,
                sentence=sent,
                left=s[limit:num_start],
                right=s[q.unit_end :],
                before=s[:num_start],
                left_limit=limit,
                prev_q=prev,
                change_window=change_window,
            )
            cand.features = features(cand)
            fact = self._decide(block, text, cand, ctx, sent_facts)
            prev = q
            if fact is None:
                continue
            sent_facts.append(fact)
            self.facts.append(fact)
            facts_at[q.start] = fact
            ctx.last_fact = fact
            if fact.kind == "change":
                ctx.last_change = fact
                ctx.changes.append(fact)
                change_window = q.unit_end
            elif fact.kind == "amount":
                ctx.last_amount = fact
        if pairs:
            self._pairs(s, pairs, facts_at, sent_facts)
        whole = _listed_whole(s, facts_at)
        if whole is not None:
            # 基本支出3736.92万元，其中人员经费…，公用经费…。比上年增加654万元: after a 其中 list the text
            # goes on about the whole, not its last part
            ctx.item = _item_of(whole.subject)
        self._unchanged(block, text, sent, ctx, sent_facts, qs)
        if reason:
            self._reason(block, text, sent, reason, ctx, sent_facts)
        elif (cm := _cause_first_re().search(s)) is not None:
            self._cause_first(block, text, sent, cm, sent_facts)
        elif _ORDINAL_OPEN.match(s) and "原因" in block.section.rsplit(" > ", 1)[-1]:
            self._listed_reasons(block, text, sent)

    def _reason_of(self, block: Block, sent: Sentence, span: tuple[int, int], body: str, target: Fact, lead: str, confidence: float) -> None:
        """A reason found by its shape (a cause told first, a listed cause) and the change it explains."""
        self.facts.append(Fact(
            doc_id=self.doc_id, fact_id=f"reason-{span[0]}", kind="reason", subject=target.subject, metric=target.metric,
            value=None, unit=None, yuan=None, direction=None, baseline=None, text=body, explains=target.fact_id,
            sentence=sent.text, span=span, section=block.section, confidence=confidence, surface=lead,
            subject_source=target.subject_source,
        ))

    def _cause_first(self, block: Block, text: MappedText, sent: Sentence, cm: re.Match[str], sent_facts: list[Fact]) -> None:
        """本年度因机构改革畜牧站并入我镇政府管理导致事业人员较上年增加9人: the cause told before the change
        it brings, in the same clause run — a reason of the first change after it."""
        after = text.orig_span(sent.start + cm.end(), sent.start + cm.end())[0]
        target = next((x for x in sent_facts if x.kind == "change" and x.span[0] >= after), None)
        cause = cm.group("cause").strip()
        if target is None or len(cause) < 2:
            return
        span = text.orig_span(sent.start + cm.start("cause"), sent.start + cm.start("cause") + len(cause))
        self._reason_of(block, sent, span, cause, target, cm.group("lead"), 0.8)

    def _listed_reasons(self, block: Block, text: MappedText, sent: Sentence) -> None:
        """三、“三公”经费变动原因 / 一是…，因公出国(境)费用增加；二是…，公务用车运行维护费减少: under a heading
        of reasons, each listed cause explains the change of the item it names (stated earlier)."""
        s = sent.text
        cuts = [m.start() for m in _ORDINAL_ANY.finditer(s)] + [len(s)]
        changes = [x for x in self.facts[-RECENT_FACTS:] if x.kind == "change"]
        for a, b in zip(cuts, cuts[1:], strict=False):
            body = s[a + 2 : b].rstrip("。；;，, ")
            # the item is looked for in the whole clause: the effect at its end (…费用增加) names it best
            named = [x for x in changes if len(_item_of(x.subject)) >= 4 and _item_of(x.subject)[:4] in body]
            if (effect := _effect_at_end().search(body)) is not None and effect.start() >= 4:
                body = body[: effect.start()]  # …，公务用车运行维护费减少: the effect restates the change
            if len(body) < 4 or not named:
                continue
            item = _item_of(named[-1].subject)[:4]
            target = [x for x in named if _item_of(x.subject)[:4] == item][-1]  # its last change: the rate, when one is stated
            span = text.orig_span(sent.start + a + 2, sent.start + a + 2 + len(body))
            self._reason_of(block, sent, span, body, target, s[a : a + 2], 0.75)

    def _pairs(self, s: str, pairs: list[Pair], facts_at: dict[int, Fact], sent_facts: list[Fact]) -> None:
        """各/分别 lists: one fact per item named before the marker (`extract/paired.py`)."""
        changed, self.pair_items = apply_pairs(
            s, pairs, facts_at, lambda x: clean_subject(x, self.dept_names), lambda item, kind: metric_for(_item_of(item), kind=kind), self.pair_items
        )
        swap = {id(facts_at[k]): f for k, f in changed.items()}
        if swap:
            self.facts[:] = [swap.get(id(f), f) for f in self.facts]
            sent_facts[:] = [swap.get(id(f), f) for f in sent_facts]

    def _unchanged(self, block: Block, text: MappedText, sent: Sentence, ctx: _Context, sent_facts: list[Fact], qs: list[Quantity]) -> None:
        """比2023年预算持平: a change of zero stated without a number."""
        s = sent.text
        _, _, _, unch = _verb_res()
        for m in unch.finditer(s):
            # 报刊征订120000元，同上年: the word names its baseline (not 同上年相比…, a comparison's opening)
            marked = m.group() in _c()["same_as_baseline"]
            if marked and s[m.end() : m.end() + 1] not in ("", "，", ",", "；", ";", "。", "）", ")"):
                continue
            if not marked and any(q.start <= m.start() < q.unit_end + 2 for q in qs):
                continue
            if _REASON_AFTER.match(s, m.end()):
                continue  # 持平的原因是…: the word restates the change just stated, it is not one
            before = s[: m.start()]
            if _restated_flat_re().search(before):
                continue  # 比去年少0.07万元，基本持平: a word on the change just stated, not a change of its own
            # search the whole sentence: 与上年持平 needs its lookahead to see the 持平
            mk = next((x for x in reversed(list(_MARKER.finditer(s))) if x.start() < m.start()), None)
            if marked:
                mk_start, base = m.start(), _c()["same_as_baseline"][m.group()]
            elif mk is None or m.start() - mk.end() > 24 or _reason_re().search(s[: m.start()]):
                continue
            else:
                mk_start, base = mk.start(), before[mk.end() :]
            base = re.split(r"相比|相较|比较|对比", base)[0].strip("，, ") or None
            if base:
                for a, b in _c()["baseline_rewrites"]:
                    if base.endswith(a):
                        base = base[: -len(a)] + b
            lead = before[:mk_start]
            bnd = max([b for b in clause_bounds(lead) if b <= len(lead)] + [0])
            subject = clean_subject(lead[bnd:], self.dept_names)
            anchor = next((x for x in reversed(sent_facts) if x.kind == "amount"), None) or ctx.last_amount
            source = "sentence"
            if (not subject or _is_figure_word(subject)) and (compared := self._item_compared_before(s, mk_start)) is not None:
                subject = compared  # X比预算无增减变化，比去年无增减变化: the item compared in the clause before
            elif not subject or _is_figure_word(subject):
                subject = ctx.item or (_item_of(anchor.subject) if anchor else "")
                source = ctx.item_source if ctx.item else "inherited"
            if not subject:
                subject = _heading_item(block.section, self.dept_names)
                source = "item heading" if subject else "none"
            span = text.orig_span(sent.start + m.start(), sent.start + m.end())
            fact = Fact(
                doc_id=self.doc_id,
                fact_id=f"change-{span[0]}",
                kind="change",
                subject=subject,
                metric=metric_for(_item_of(subject), kind="change"),
                value=0.0,
                unit=anchor.unit if anchor else None,
                yuan=0.0 if anchor and anchor.yuan is not None else None,
                direction="unchanged",
                baseline=base,
                text=None,
                explains=None,
                sentence=s.strip(),
                span=span,
                section=block.section,
                confidence=0.7 if source == "sentence" else 0.6,
                surface=m.group(),
                subject_source=source,
            )
            sent_facts.append(fact)
            self.facts.append(fact)
            ctx.last_change = fact

    def _decide(self, block: Block, text: MappedText, cand: Candidate, ctx: _Context, sent_facts: list[Fact]) -> Fact | None:
        """One quantity → one fact (or None): kind, then subject, sign and baseline, then the fact."""
        q = cand.q
        rule_kind, conf = decide_kind(cand.features)
        kind = self._rank_kind(block, text, cand, rule_kind)
        if kind is None:
            return None
        d = _Decision(kind=kind, conf=conf, value=q.value)
        if kind == "change":
            self._change(cand, ctx, sent_facts, d)
        elif kind == "percent" and (cm := _COMPLETION.search(_strip_left_blank(cand.left)) or _COMPLETION_OF.search(cand.before)):
            self._completion(cand, cm, ctx, sent_facts, d)
        elif kind == "percent" and cand.features["share"]:
            self._share(cand, ctx, sent_facts, d)
        else:
            self._named(cand, ctx, sent_facts, d)
        span = text.orig_span(cand.sentence.start + q.start, cand.sentence.start + q.end)
        if d.subject and d.source == "sentence" and not d.inherited:
            whole = self.gazetteer.complete(d.subject, cand.before)  # 收入 written 本年收入, a row of its tables
            if clean_subject(whole, self.dept_names) != d.subject:  # but 包括文物 is 文物 after its lead-in
                d.subject = whole
        self._rank_subject(cand, d, span)
        if not d.subject:
            # never an unmarked empty subject: the section's own heading names the item, or nothing does
            d.subject = _heading_item(block.section, self.dept_names)
            d.source = "item heading" if d.subject else "none"
            d.conf -= 0.1 if d.subject else 0.2
        fact = Fact(
            doc_id=self.doc_id,
            fact_id=f"{d.kind}-{span[0]}",
            kind=d.kind,  # type: ignore[arg-type]
            subject=d.subject,
            metric=metric_for(_item_of(d.subject), kind=d.kind),
            value=d.value,
            unit=q.unit,
            yuan=(round(d.value * q.factor, 4) if q.factor is not None and d.value is not None else None),
            direction=d.direction,  # type: ignore[arg-type]
            baseline=d.baseline,
            text=None,
            explains=None,
            sentence=_fact_sentence(cand.sentence.text, cand),
            span=span,
            section=block.section,
            confidence=round(max(0.05, min(d.conf, 0.99)), 3),
            surface=q.surface,
            comparator=q.comparator,
            share_of=d.share_of,
            subject_source=d.source,
        )
        head = cand.sentence.text[: q.start]
        if head.count("（") + head.count("(") > head.count("）") + head.count(")"):
            self.bracketed.add(fact.fact_id)
        if d.kind == "amount" and d.subject and not d.inherited and not _is_figure_word(d.subject):
            ctx.item = _item_of(d.subject)
            ctx.item_named_by_heading = False
        return fact

    def _rank_kind(self, block: Block, text: MappedText, cand: Candidate, rule_kind: str) -> str | None:
        """The kind ranker's call on the rules' kind (None: not a fact); the trace records its input."""
        ranker = self.kind_ranker
        if self.trace is None and (ranker is None or ranker.model is None):
            return rule_kind
        q = cand.q
        x = KindInput(base_tokens(cand.features, _strip_left_blank(cand.left), cand.right, q.value, block.section), q.category, rule_kind)
        if self.trace is not None:
            self.trace.record("kind", text.orig_span(cand.sentence.start + q.start, cand.sentence.start + q.end)[0], x)
        chosen = ranker.best(x) if ranker is not None else None
        if chosen is None:
            return rule_kind
        return None if chosen[0] == KIND_NONE else chosen[0]

    def _rank_subject(self, cand: Candidate, d: _Decision, span: tuple[int, int]) -> None:
        """The subject ranker's call among spans around the rules' subject; the trace records its input."""
        ranker = self.subject_ranker
        if self.trace is None and (ranker is None or ranker.model is None):
            return
        x = SubjectContext(sentence=cand.sentence.text, number_at=cand.q.start, kind=d.kind, rule_subject=d.subject or "", gazetteer=self.gazetteer.names)
        if self.trace is not None:
            self.trace.record("subject", f"{d.kind}-{span[0]}", x)
        chosen = ranker.best(x) if ranker is not None else None
        if chosen is not None and chosen[0].text != d.subject:
            d.subject = clean_subject(chosen[0].text, self.dept_names) or d.subject

    def _change(self, cand: Candidate, ctx: _Context, sent_facts: list[Fact], d: _Decision) -> None:
        """A change: its subject before the verb (or after 与上年相比), its baseline, its sign."""
        s, left = cand.sentence.text, _strip_left_blank(cand.left)
        mixed, inc, dec, _ = _verb_res()
        vm = mixed.search(left) or dec.search(left) or inc.search(left) or _BRACKETED_VERB.search(left)
        inner = None
        if vm is None:
            # 基本支出增加人员工资、住房公积金等3397.18万元: the verb comes before what was added
            vm = inner = _inner_verb().search(left)
        subj_text = left[: vm.start()] if vm else left
        if inner is not None and not clean_subject(subj_text, self.dept_names):
            subj_text = left[inner.end() :]  # 增加外事经费200万元: the thing named after the verb
        window = cand.change_window
        if inner is not None:
            # 比上年减少了外事经费200万元: the comparison stands before the verb, the item after it
            at = cand.left_limit + inner.start()
            baseline = _baseline(s[window:at])[0] if at > window else None
            if baseline is not None or not clean_subject(left[: inner.start()], self.dept_names):
                subj_text = left[inner.end() :].lstrip("了")
        else:
            baseline, mpos, after = _baseline(cand.before[window:])
            mpos = mpos + window if mpos is not None else None
            if after and clean_subject(after, self.dept_names).strip("各均"):
                subj_text = after  # 与上年相比，财政拨款支出增加…
            elif mpos is not None and mpos >= cand.left_limit:
                subj_text = s[cand.left_limit : mpos]
        if baseline is None:
            prev_change = next((x for x in reversed(sent_facts) if x.kind == "change"), None)
            baseline = prev_change.baseline if prev_change else None
        d.baseline = baseline
        # 减少外事经费200万元 chosen as a change by the kind ranker: the sign is the inner verb's
        d.value, d.direction = _direction(cand.q.value, cand.features["verb"] or (direction_of(inner.group()) or "" if inner else ""))
        subject = clean_subject(subj_text, self.dept_names)
        if subject in ("各", "均", "分别", "都"):
            # 收入总计…，支出总计…，与2020年度相比，各增加29.6万元: the change of each figure just stated —
            # of both, when the last two are one figure told for two wholes
            stated = [x for x in sent_facts if x.kind == "amount" and x.subject]
            last = stated[-1] if stated else None
            subject = last.subject if last is not None else ""
            if len(stated) >= 2 and stated[-2].value == last.value and stated[-2].unit == last.unit and stated[-2].subject != last.subject:  # type: ignore[union-attr]
                subject = f"{stated[-2].subject}、{last.subject}"  # type: ignore[union-attr]
            if last is not None:
                d.source = "inherited"
        if subject in _lead_ins():
            subject = ""  # 增减相抵后增加123.67万元: the lead-in names nothing; the item is inherited
        whole_opens = subject in _c()["whole_sides"] and not any(x.kind == "amount" for x in sent_facts) and s.lstrip().startswith(subject)
        # …住房保障支出10.66万元。支出较去年增加314.09万元: a sentence opened by the whole's own word is
        # the whole's change, not the last listed part's
        if not whole_opens and (not subject or _is_figure_word(subject)):
            counted = next((x for x in reversed(sent_facts) if x.kind in ("headcount", "count") and x.unit == cand.q.unit and x.subject), None)
            if counted is not None and cand.q.category in ("people", "count"):
                # 2017年末在职职工246人，比上年减少10人: a change in people is of the people just counted
                subject, d.source = counted.subject, "inherited"
            elif sent_facts and sent_facts[-1].kind == "change" and sent_facts[-1].subject and cand.q.unit == "%" != sent_facts[-1].unit:
                # 运行维护费支出决算减少40217.50元，下降54.19%: the percent restates the change just made
                subject, d.source = sent_facts[-1].subject, "inherited"
            elif (other := _other_baseline(sent_facts, baseline, _last_change_of_item(ctx) if _COMPARISON_FIRST.match(s) else None)) is not None:
                # 三公经费较上年减少0.03万元，下降0.6%；较年初预算数减少6.3万元: the same item against another figure
                subject, d.source = other.subject, "inherited"
            elif (named := _item_of_baseline(baseline, self.dept_names)) is not None:
                # 其中一般公共预算收入1370.18万元。比2017年部门收入预算增加了12.8%: the baseline names the item
                subject, d.source = named, "sentence"  # named in this sentence, in its comparison
            elif (compared := self._item_compared_before(s, cand.left_limit)) is not None:
                # 公务用车运行维护费支出决算比预算无增减变化，比去年增加1.05万元: the item compared in the clause before
                subject, d.source = compared, "sentence"
            else:
                if ctx.item:
                    d.source = ctx.item_source
                subject = ctx.item or subject
                # (…支出决算为0.53万元；较上年减少0.47万元: a sentence that opens on the comparison continues the last)
                anchor = next((x for x in reversed(sent_facts) if x.kind == "amount"), None) or (ctx.last_amount if _COMPARISON_FIRST.match(s) else None)
                if anchor is not None and ctx.item and _same_item(anchor.subject, ctx.item) and "决算" in anchor.subject[len(figure_stem(anchor.subject)) :]:
                    # 三公经费决算数为…，比上年减少…; 公务接待费预算为1万元，支出决算为0.53万元，…较上年减少…:
                    # the change is of the 决算 figure just stated
                    subject = anchor.subject
                counted = next((x for x in reversed(sent_facts) if x.kind in ("count", "headcount") and x.subject), None)
                if not subject and counted is not None:
                    subject, d.source = counted.subject, "inherited"  # 受理案件4232件，比上年同期4378件减少3.33%
                elif not subject and anchor is not None and anchor.subject:
                    # 支出6821.10万元2020年度增加1276.13万: no comparison word, the figure just stated is the item
                    subject, d.source = _item_of(anchor.subject), "inherited"
            d.conf -= 0.05
        d.subject = subject

    def _place_name(self, s: str, q: Quantity) -> bool:
        """柳州市阳和工业新区六座中心校, written in every heading: a count that recurs word for word
        (numeral, counter, the next two characters) is a name (slogans.json `repeated_place_names_min`)."""
        c = slogan_cues()
        if not (q.chinese and q.category == "count") or q.unit in c["everyday_counters"]:
            return False
        key = s[q.start : q.unit_end + 2]
        if len(key) < q.unit_end - q.start + 2 or not all("\u4e00" <= ch <= "\u9fff" for ch in key[-2:]):
            return False
        if key not in self.place_names:
            if len(self.place_names) >= PLACE_NAME_KEYS:
                return False  # a bound on the document scans, whatever the document holds
            self.place_names[key] = self.full_text.count(key) >= c["repeated_place_names_min"]
        return self.place_names[key]

    def _item_compared_before(self, s: str, end: int) -> str | None:
        """The item of the nearest clause before `end` that compares it without a number (X比预算无增减变化);
        None when a clause with a number of its own comes first — that clause's figure is the anchor."""
        clauses = _CLAUSE_SPLIT.split(s[:end])[:-1]
        for c in reversed(clauses):
            if re.search(r"\d", c):
                return None
            m = _COMPARED_ITEM.match(c.strip())
            if m is not None:
                item = clean_subject(m.group(1), self.dept_names)
                return item if item and not _is_figure_word(item) else None
        return None

    def _completion(self, cand: Candidate, cm: re.Match[str], ctx: _Context, sent_facts: list[Fact], d: _Decision) -> None:
        """完成年初预算的120.5%: the completion rate of the item, against that figure."""
        left = _strip_left_blank(cand.left)
        d.share_of = cm.group("of") or None
        # 完成全年预算56.10万元的81.4%: the figure completed is the amount just before, the item the context's
        own = clean_subject(left[: cm.start()], self.dept_names) if cm.re is _COMPLETION else ""
        anchor = next((x for x in reversed(sent_facts) if x.kind == "amount"), None)
        if own and not _is_figure_word(own):
            d.subject = own
        else:
            d.subject, d.source = bare_item(ctx.item or (anchor.subject if anchor else "")), ctx.item_source if ctx.item else "inherited"

    def _share(self, cand: Candidate, ctx: _Context, sent_facts: list[Fact], d: _Decision) -> None:
        """占“三公”经费的25.96%: a share, its whole in `share_of`, its subject the part."""
        left = _strip_left_blank(cand.left)
        sm = re.search(r"(?:占|占比|比重为?|比例为?)(?P<of>[^，,；;]{0,16})$", re.sub(r"(?:的|为)$", "", left))
        d.share_of = clean_subject(sm.group("of"), self.dept_names) if sm and sm.group("of") else None
        own = clean_subject(left[: sm.start()] if sm else "", self.dept_names)
        amounts = [x for x in sent_facts if x.kind == "amount"]
        # 财政拨款收入1077.36万元(其中，一般公共预算1077.36万元，…0万元)，占收入合计93.57%: the share is of
        # the item before the bracket, not of the bracket's last figure
        inside = _closed_bracket_amounts(cand.before)
        anchor = amounts[-1 - inside] if len(amounts) > inside else None
        if not inside and sent_facts and sent_facts[-1].kind in ("count", "headcount") and sent_facts[-1].subject:
            anchor = sent_facts[-1]  # 其中:行政单位0个,占机构总数的0.00%: the share of the things just counted
        d.subject = own if own and not _is_figure_word(own) else (anchor.subject if anchor else ctx.item)

    def _named(self, cand: Candidate, ctx: _Context, sent_facts: list[Fact], d: _Decision) -> None:
        """Amounts, counts, headcounts and plain percents: the subject named before the number
        (or after a counter, or before a colon), else inherited from the item or the sentence."""
        s, left, q, kind = cand.sentence.text, _strip_left_blank(cand.left), cand.q, d.kind
        subject = clean_subject(left, self.dept_names)
        pre = s[: cand.left_limit].rstrip()
        # (一)收入预算，2018年年初预算数…: a listed heading run into its sentence labels it as a colon would
        lm = _LIST_MARKER.match(pre) if pre.endswith(("，", ",")) and len(pre) <= LISTED_LABEL_MAX else None
        labelled = pre.endswith(("：", ":")) or lm is not None and not re.search(r"\d", pre[lm.end() :])
        if (not subject or _is_figure_word(subject) and kind == "amount") and labelled:
            # 年度预算安排：20.0万元 — the label sits before the colon; (一)收入预算：2026年年初预算数… —
            # the label names the item, the words after the colon only its figure (kept in figure_type)
            head = pre[:-1]
            cut = max([b for b in clause_bounds(head)] + [0])
            label = clean_subject(head[cut:], self.dept_names)
            if not subject:
                subject = label
            elif label and not _is_figure_word(label):
                # …缴费支出(项)：支出决算为… → …缴费支出决算; a label that names its figure (收入预算) is whole
                fw = "预算" if self.budget_doc and subject in _c()["budget_doc_figures"] else subject
                subject = label if label.endswith(("预算", "决算")) else clean_subject(_join(figure_stem(label), fw), self.dept_names)
        if kind in ("count", "headcount") and (lead := lead_verb(subject)) is not None and lead.end == len(subject) and (rn := _right_noun(cand.right)):
            # 新增1名政府聘员: the verb alone before the number — a change in what follows the counter
            d.kind, d.subject, d.source = "change", rn, "sentence"
            d.value, d.direction = _direction(q.value, lead.direction)
            d.baseline = None
            d.conf -= 0.05
            return
        if kind in ("count", "headcount"):
            # 4个专门委员会, 12件法规: the counted thing follows the counter
            rn = _right_noun(cand.right)
            left_raw = left.rstrip("约共计有为")
            compared = not subject and _COMPARISON_CUE.search(left) is not None  # 比上年同期4378件减少3.33%
            if rn and len(rn) >= 2 and not compared and (
                kind == "count" or not subject or left_raw.endswith(("的", "和", "及", "与", "、")) or subject in _c()["subject_leading_verbs"]
            ):
                # 学校内设4个机构: a term of art takes its verb (cues.json counted_terms)
                subject = next((v + rn for v, nouns in _c()["counted_terms"].items() if rn in nouns and left_raw.endswith(v)), rn)
                d.conf -= 0.05
        if kind in ("amount", "percent"):
            lead = lead_verb(subject)
            if lead and len(subject) > lead.end + 1:
                # 调减外事经费200万元, 比上年减少了外事经费200万元: a change stated verb-first
                kind, subject = "change", subject[lead.end :]
                if subject in _c()["whole_sides"] and (stated := next((x for x in reversed(sent_facts) if x.kind == "amount" and x.subject.endswith(subject)), None)):
                    subject = stated.subject  # 三公经费支出1360.13万元，比上年减少支出613.80万元: the figure just stated
                d.value, d.direction = _direction(q.value, lead.direction)
                at = cand.left_limit + max(left.rfind(lead.verb), 0)  # the comparison, if any, is before the verb
                d.baseline = _baseline(s[cand.change_window : at])[0] or next((x.baseline for x in reversed(sent_facts) if x.kind == "change"), None)
                d.conf = 0.7
        if kind == "count" and q.unit == "个" and subject.endswith(tuple(_c()["posts_counted_in_ge"])) and not subject.endswith(tuple(_c()["not_posts"])):
            kind = "headcount"  # 共有行政编制4个, 设有3个领导岗位: posts are people's places (车辆编制 is a car's)
        d.kind = kind
        subject = _TRAILING_GONG.sub("", subject)
        if kind in ("count", "headcount") and (subject in _lead_ins() or subject.lstrip("约") in _c()["sum_words"]):
            subject = ""  # 累计0人次, 共376批次: a lead-in or a sum word alone names nothing
        bare = _BARE_MONEY.fullmatch(subject) if kind == "amount" else None
        counted = next((x for x in reversed(sent_facts) if x.kind == "count"), None)
        if kind == "amount" and counted is not None and subject in ("分别", "各", "共"):
            subject = counted.subject  # 洛门第三小学项目1个，分别是：1872万元: the money of the counted thing
        elif kind == "amount" and subject in _c()["sum_words"] and (
            sum(x.kind == "amount" for x in sent_facts) <= 1  # not a list's 共计, which names the list
            and (whole := counted if counted is not None and counted.subject and not any(x.kind == "amount" for x in sent_facts) else self._last_item_amount(ctx))
            is not None
        ):
            # 预算费用3.5万元/人，共计7万元: the sum is the item's; 共有车辆5辆，合计122.62万元: the counted things'
            subject, d.source = whole.subject, "inherited"
        elif bare and counted is not None:
            # 特定目标类项目4个，涉及预算3155.83万元: the money of the counted things
            subject = counted.subject + bare.group(1)
        elif _is_figure_word(subject) and kind == "amount":
            if ctx.item and not (subject in _c()["whole_sides"] and _c()["whole_sides"][subject] in ctx.item):
                # (but 收入737615447元，支出743452949.21元: 支出 is the other whole, not the 收入's figure)
                # a 预算 document's own figure (预算安排, 本年预算数) joins as 预算: 公务接待费预算
                own = _c()["default_budget_figures"] + (_c()["budget_doc_figures"] if self.budget_doc else [])
                fw = "预算" if subject in own else subject
                # (一)收入预算，2018年年初预算数…: an item that names its own figure is whole
                own_figure = ctx.item_named_by_heading and ctx.item.endswith(("预算", "决算"))
                subject = _join(figure_stem(ctx.item), fw) if subject and not own_figure else ctx.item
                d.inherited = True
                d.source = ctx.item_source
                d.conf -= 0.05
        elif not subject:
            # 15批次（其中外事接待0批次），105人次: an aside in brackets is not what the next number continues
            same = next((x for x in reversed(sent_facts) if x.kind == kind and x.fact_id not in self.bracketed), None)
            if same is None and kind == "headcount" and sent_facts and sent_facts[-1].kind == "count":
                same = sent_facts[-1]  # 国内公务接待221批次,1768人: the people of the visits just counted
            subject = same.subject if same else ctx.item
            if same is not None and same.unit != q.unit:
                subject = measure_stem(subject)  # 因公出国(境)团组2个,5人次: the trips of 因公出国(境), not of its 团组
            d.source = "inherited" if same else ctx.item_source
            d.conf -= 0.15
        elif kind in ("count", "headcount") and sent_facts and sent_facts[-1].kind in ("count", "headcount"):
            subject = counted_item(subject, sent_facts[-1].subject, sent_facts[-1].unit)  # 团组0个,人数0人 → 因公出国(境)人数
        d.subject = subject

    def _last_item_amount(self, ctx: _Context) -> Fact | None:
        """The last amount of this section that names an item of the taxonomy (因公出国(境)经费)."""
        for f in reversed(self.facts[-RECENT_FACTS:]):
            if f.section != ctx.section:
                return None
            if f.kind == "amount" and f.metric is not None:
                return f
        return None

    def _reason(self, block: Block, text: MappedText, sent: Sentence, m: re.Match[str], ctx: _Context, sent_facts: list[Fact]) -> None:
        s = sent.text
        body = s[m.end() :]
        body_stripped = body.rstrip("。；;！!？?，, _")
        if body_stripped.endswith(("）", ")")) and body_stripped.count("（") + body_stripped.count("(") < body_stripped.count("）") + body_stripped.count(")"):
            body_stripped = body_stripped[:-1]
        lead = len(body) - len(body.lstrip("：:， _"))
        while (again := _reason_re().match(body_stripped, lead)) is not None and again.end() > lead:
            lead = again.end() + len(body_stripped[again.end() :]) - len(body_stripped[again.end() :].lstrip("：:， _"))  # 主要原因是主要是由于…: a lead doubled
        body_stripped = _cut_reason(body_stripped[lead:])
        if len(body_stripped) < 2:
            return
        start = m.end() + lead
        end = start + len(body_stripped)
        span = text.orig_span(sent.start + start, sent.start + end)
        # in text order: a numberless 持平 is appended after the sentence's numbers but may stand before them
        before = sorted((x for x in sent_facts if x.span[0] < span[0]), key=lambda x: x.span[0])
        same_item = ctx.last_change if ctx.last_change and ctx.item and (
            ctx.last_change.subject.startswith(ctx.item) or _same_item(ctx.last_change.subject, ctx.item) or ctx.item in ctx.last_change.subject.split("、")
        ) else None
        named = None
        lead_text = unquote(s[: m.start()])
        if not before and len(lead_text) >= 2:
            # 财政拨款收入支出减少的主要原因是…: the sentence names the item it explains
            # the item named in full first (财政拨款收入 of 财政拨款收入支出减少), then by its first words
            named = next((x for x in reversed(ctx.changes) if len(unquote(x.subject)) >= 2 and unquote(x.subject) in lead_text), None)
            if named is None and _BUDGET_COMPARED.search(lead_text):
                # 支出决算数小于年初预算数的主要原因: the completion percent of the item it names
                recent = [x for x in reversed(self.facts[-RECENT_FACTS:]) if x.kind == "percent" and x.section == block.section]
                named = next((x for x in recent if len(unquote(x.subject)) >= 2 and unquote(x.subject) in lead_text), None)
                if named is None and _FIGURES_ONLY.match(lead_text):
                    # 决算数小于预算数的主要原因是…: no item named — the completion rate just stated (完成预算的47%)
                    named = next((x for x in recent if x.share_of and "预算" in x.share_of), None)
            for x in reversed(ctx.changes) if named is None else ():
                subj = unquote(x.subject)
                if subj and (subj in lead_text or unquote(_item_of(x.subject))[:4] in lead_text):
                    named = x
                    break
            if named is None:
                # a closing reason in the last item's section that names the whole (2020年“三公”经费决算支出总额
                # 较年初预算减少的主要原因是…): the whole's change, stated sections before
                earlier = [x for x in self.facts[-RECENT_FACTS:] if x.kind == "change" and x.section != block.section]
                named = next((x for x in reversed(earlier) if len(unquote(x.subject)) >= 4 and unquote(_item_of(x.subject))[:4] in lead_text), None)
        target = named or (
            next((x for x in reversed(before) if x.kind == "change"), None)
            or next((x for x in reversed(before) if x.kind == "amount"), None)
            or same_item
            or ctx.last_amount
            or ctx.last_change
        )
        if target is None:
            return  # a reason explains a stated fact; an excerpt that opens with one has lost it
        fact = Fact(
            doc_id=self.doc_id,
            fact_id=f"reason-{span[0]}",
            kind="reason",
            subject=target.subject if target else ctx.item,
            metric=target.metric if target else None,
            value=None,
            unit=None,
            yuan=None,
            direction=None,
            baseline=None,
            text=body_stripped,
            explains=target.fact_id if target else None,
            sentence=s,
            span=span,
            section=block.section,
            confidence=0.9 if target else 0.6,
            surface=m.group(),
            subject_source=target.subject_source if target else ("inherited" if ctx.item else "none"),
        )
        self.facts.append(fact)


_COMPLETION = re.compile(r"(?:完成|执行|达到)(?:了)?(?P<of>[^，,；;]{0,10}?)的?$")
_COMPLETION_OF = re.compile(r"(?:完成|执行|达到)(?:了)?(?P<of>[^，,；;\d]{0,10}?)[\d.,]+(?:万元|亿元|千元|元)的$")


_COMPARISON_FIRST = re.compile(r"^\s*(?:较|比|与|同比)")
#: a 其中 list of a sentence's whole (…万元，其中：A…万元、B…万元)
_LIST_OPEN = re.compile(r"[，,：:]?\s*其中\s*[：:，,]?")


def _listed_whole(s: str, facts_at: dict[int, Fact]) -> Fact | None:
    """The money amount a sentence lists two or more parts of after 其中 (and states no change of), or
    None; `facts_at` maps each fact's number position in `s` to the fact."""
    if any(f.kind == "change" for f in facts_at.values()):
        return None
    amounts = sorted((at, f) for at, f in facts_at.items() if f.kind == "amount" and f.unit in units().money)
    m = _LIST_OPEN.search(s)
    if m is None or len(amounts) < 3 or not amounts[0][1].subject or amounts[0][0] > m.start():
        return None
    whole = [f for at, f in amounts if at < m.start()]
    parts = [f for at, f in amounts if at >= m.end()]
    return whole[0] if len(whole) == 1 and len(parts) >= 2 else None


def _item_of_baseline(baseline: str | None, dept_names: tuple[str, ...]) -> str | None:
    """The item a baseline names (2017年部门收入预算 → 收入预算), when it is one the taxonomy knows."""
    if not baseline:
        return None
    item = re.sub(r"^(?:上年度?|去年|上一年度?)", "", clean_subject(baseline, dept_names))
    return item if item and not _is_figure_word(item) and metric_for(item) is not None else None


def _last_change_of_item(ctx: _Context) -> Fact | None:
    """The last change, unless an amount of another item was stated after it (上级补助收入…没有变化。
    事业收入93.16万元。较上年度决算数增加…: the 较… sentence is about 事业收入)."""
    last, amount = ctx.last_change, ctx.last_amount
    if last is not None and amount is not None and amount.span[0] > last.span[0] and _item_of(amount.subject) != _item_of(last.subject):
        return None
    return last


def _other_baseline(sent_facts: list[Fact], baseline: str | None, last: Fact | None) -> Fact | None:
    """The last change (of this sentence, or the one before when this one opens with 较…), when this
    change compares the same item with another figure."""
    prev = next((x for x in reversed(sent_facts) if x.kind == "change"), None) or last
    if prev is None or not prev.subject or baseline is None or prev.baseline in (None, baseline):
        return None
    return prev


@cache
def _restated_flat_re() -> re.Pattern[str]:
    return re.compile(r"\d\s*(?:亿元|万元|元|%)\s*[，,]\s*(?:" + alternation(_c()["flat_qualifiers"]) + ")$")
_REASON_AFTER = re.compile(r"[的]?(?:主要)?原因")
#: 决算数小于年初预算数 / 高于预算数: a reason of the actual against the budget, i.e. of its completion
#: a lead-in that names only the two figures it compares (决算数小于预算数的, 决算大于年初预算)
_FIGURES_ONLY = re.compile(r"^[\s，,。]*(?:本年)?(?:支出)?决算数?(?:大于|小于|高于|低于|超过|超出|未达到?)(?:年初|全年|调整)?预算数?的?$")
_BUDGET_COMPARED = re.compile(r"(?:大于|小于|高于|低于|超过|超出|未达到?)(?:年初|全年|调整)?预算")
#: how many facts back a reason may find the completion percent its sentence names
RECENT_FACTS = 40
#: …减少133.66万元，主要是一般公共预算拨款减少…: 主要是 right after a change clause says why (after an
#: amount it lists what the money is: …0.00万元，主要是所属事业单位…); so do 由于/因为 (…增加0.7万元，由于…所致)
_WEAK_AFTER_CLAUSE = re.compile(r"(?<=[，,])\s*(?:(?:主要是|主要系)(?!指|用于|用来|包括|负责|对|在|原因)|(?:主要)?(?:由于|因为)(?=[^，,；;。]{2,}))")
_CLAUSE_SPLIT = re.compile(r"[，,；;。]")


def _reason_after_change(s: str) -> re.Match[str] | None:
    """A weak lead-in (主要是) opening the clause after a change: a verb of change with a number after it."""
    for m in _WEAK_AFTER_CLAUSE.finditer(s):
        clause = _CLAUSE_SPLIT.split(s[: m.start()].rstrip("，, "))[-1]
        v = _inner_verb().search(clause)
        if v is not None and re.search(r"\d", clause[v.end() :]):
            return m
    return None


def _after_last(pattern: re.Pattern[str], s: str) -> str:
    """What follows the last match of `pattern` inside `s`, when that is a name (two characters or more,
    not a bare figure word); `s` otherwise."""
    m = _last_match(pattern, s)
    if m is not None and m.start() > 0 and len(s) - m.end() >= 2 and not _is_figure_word(s[m.end() :]):
        return s[m.end() :]
    return s


@cache
def _cause_first_re() -> re.Pattern[str]:
    """A cause told first, then the change it brings (因…导致…较上年增加9人; cues.json `cause_first_*`)."""
    leads, links = alternation(_c()["cause_first_leads"]), alternation(_c()["cause_first_links"])
    return re.compile(rf"(?:^|[，,。；;])\s*(?:本年度|今年|本年|(?:19|20)\d{{2}}年度?)?\s*(?P<lead>{leads})(?P<cause>[^，,。；;]{{2,40}}?)(?:{links})")


@cache
def _effect_at_end() -> re.Pattern[str]:
    """…，公务用车运行维护费减少 closing a listed cause: the effect, which restates the change."""
    return re.compile(rf"[，,][^，,]{{2,20}}(?:{_inner_verb().pattern})$")


@cache
def _cut_after_re() -> re.Pattern[str]:
    return re.compile(alternation(_c()["subject_cut_after"]))


@cache
def _possession_re() -> re.Pattern[str]:
    return re.compile(alternation(_c()["possession_verbs"]))


@cache
def _reason_stop() -> re.Pattern[str]:
    after_noun = alternation(_c()["reason_stop_after_noun"])
    consequence = alternation(_c()["reason_consequence"])
    return re.compile(rf"[，,；;](?:{alternation(_c()['reason_stop_clauses'])}|[\u4e00-\u9fff]{{1,8}}?(?:{after_noun}))|[，,]?(?={consequence})")


def _cut_reason(body: str) -> str:
    """…减少公务用车支出，该项经费主要用于车辆燃料费…: a clause saying what the money is for ends the reason."""
    m = _reason_stop().search(body)
    return body[: m.start()] if m else body


_ORDINAL_IS = re.compile(rf"^([{ORDINALS[1:]}])是")
_NEXT_ITEM = re.compile(r"^[二三四五六七八九十]是|^[（(][2-9二三四五六七八九][）)]")


def _reason_goes_on(prev: str, nxt: str) -> bool:
    """…主要是基本支出增加76.05万元；项目支出增加1.86万元。: after a reason, a clause that tells another
    change without comparing it to anything (and without a reason of its own) is the reason's next cause."""
    return (
        (_reason_re().search(prev) or _reason_after_change(prev)) is not None
        and _inner_verb().search(nxt) is not None
        and _COMPARISON_CUE.search(nxt) is None
        and _reason_re().search(nxt) is None
        and not _LIST_MARKER.match(nxt.lstrip())
    )


def _merge_enumerations(sents: list[Sentence]) -> list[Sentence]:
    """一是…；二是…；三是…。 is one statement (a reason often spans it): keep it one sentence; so is a
    reason and the causes it goes on to list after a semicolon."""
    out: list[Sentence] = []
    for st in sents:
        # (一是…。二是…，三是…: a full stop inside the enumeration, when the ordinal before it was stated)
        ordinal = _ORDINAL_IS.match(st.text)
        after_stop = ordinal is not None and f"{ORDINALS[ORDINALS.index(ordinal.group(1)) - 1]}是" in (out[-1].text if out else "")
        if out and (after_stop or out[-1].text.rstrip().endswith(("；", ";")) and (_NEXT_ITEM.match(st.text) or _reason_goes_on(out[-1].text, st.text))):
            prev = out[-1]
            out[-1] = Sentence(prev.start, st.end, prev.text + st.text)
        else:
            out.append(st)
    return out


def _same_item(a: str, b: str) -> bool:
    """三公经费支出决算 and 三公经费支出预算 are figures of one item (支出 or not)."""
    return figure_stem(a).removesuffix("支出") == figure_stem(b).removesuffix("支出")


@lru_cache(maxsize=8192)  # a pure function of the subject, asked for every fact and context
def _item_of(subject: str) -> str:
    """Subject without a trailing figure word: 专项普查活动预算执行数 → 专项普查活动."""
    if "(" in subject:
        return _on_plain(subject, _item_of)
    for w in sorted(_c()["figure_words"], key=len, reverse=True):
        if subject.endswith(w) and len(subject) > len(w) + 1 and w not in ("预算",):
            return subject[: -len(w)]
    return subject


def _on_plain(subject: str, cut: Callable[[str], str]) -> str:
    """A cut that drops a trailing word, made on the text without the pinyin readings of mirror
    pages (三公經(jīng)費支出预(yù)算 → 三公經(jīng)費支出) and mapped back to the subject as written."""
    plain, at = without_readings(subject)
    if plain == subject:
        return cut(plain) if "(" not in plain else _cut_as_is(plain, cut)
    kept = cut(plain)
    return subject[: at[len(kept)]] if plain.startswith(kept) else subject


def _cut_as_is(subject: str, cut: Callable[[str], str]) -> str:
    return cut(subject.replace("(", "\0")).replace("\0", "(")


_CODE_HEADING = re.compile(r"[（(]\d{3,9}[）)]\s*$|[（(]\d{0,9}(?:类|款|项)[）)]\s*$")


def _heading_item(section: str, dept_names: tuple[str, ...]) -> str:
    """The item the innermost heading names (（三）事业运行（2080104） → 事业运行), or ''."""
    head = section.rsplit(" > ", 1)[-1] if section else ""
    head = re.sub(r"[（(]\d{3,9}[）)]$", "", head.strip())
    item = clean_subject(re.sub(r"情况(?:说明)?$|说明$", "", head), dept_names)
    return item if item and len(item) <= 20 and not _is_figure_word(item) else ""


def _names_money_item(item: str) -> bool:
    """A short heading or listed name of a money item with a metric (公务接待费, 基本支出), not a
    sentence or a figure word, so the bare figures under it can be the item's."""
    return bool(item) and len(item) <= 16 and not _is_figure_word(item) and metric_for(_item_of(item), kind="amount") is not None


def figure_stem(item: str) -> str:
    """The item without its figure word, 预算 included after a spending noun: 三公经费支出预算 →
    三公经费支出 (so 支出决算 replaces the figure instead of following it), but 一般公共预算 stays."""
    if "(" in item:
        return _on_plain(item, figure_stem)
    stem = _item_of(item)
    if stem == item and item.endswith("预算") and item[: -len("预算")].endswith(tuple(_c()["spending_nouns"])) and len(item) > 4:
        stem = item[: -len("预算")]
    return stem


def bare_item(item: str) -> str:
    """What a completion rate is of: the item without figure word or 经费's 支出 (三公经费支出预算 → 三公经费)."""
    if "(" in item:
        return _on_plain(item, bare_item)
    stem = figure_stem(item)
    if stem.endswith("经费支出"):  # but 基本养老保险缴费支出 is the item's own name
        stem = stem[: -len("支出")]
    return stem


def _fact_sentence(s: str, cand: Candidate) -> str:
    """The sentence, or for long 其中 lists just the clause group the number belongs to."""
    clean = s.strip()
    if len(clean) <= 90:
        return clean
    nb = re.search(r"[，,；;。]", s[cand.q.unit_end :])
    end = cand.q.unit_end + (nb.end() if nb else len(s) - cand.q.unit_end)
    start = cand.left_limit
    if cand.features.get("verb") or cand.features.get("share"):
        # a change or share reads with the amount clause before it
        prev = re.search(r"[，,；;][^，,；;]*$", s[:start].rstrip("，,；;"))
        start = prev.start() + 1 if prev else 0
    return s[start:end].strip("，,；; ")


def extract_facts(
    layout: Layout,
    *,
    doc_id: str,
    dept_names: tuple[str, ...] = (),
    kind_ranker: KindRanker | None = None,
    subject_ranker: SubjectRanker | None = None,
    trace: Trace | None = None,
) -> list[Fact]:
    """The prose facts of one layout, in document order (the facts stage of the pipeline)."""
    return FactExtractor(doc_id, dept_names, kind_ranker=kind_ranker, subject_ranker=subject_ranker, trace=trace).run(layout)
