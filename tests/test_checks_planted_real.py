"""Planted errors in copies of real documents, one 决算 (a 2021 town 决算 of the wide corpus) and one
预算 (a 2025 街道 预算 of the dev corpus): each plant of the checks added for issue 11's second pass is
found, and each clean variant of the same paragraph adds no finding. A plant is a paragraph appended
to the document under a heading of its own, written in the genre's words (not the documents')."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from extract import extract_document

ROOT = Path(__file__).parent.parent
DOCS = {
    "决算": (ROOT / "corpus" / "wide" / "a08_nankang_tangjiang_town_2021_final.txt", 2021),
    "预算": (ROOT / "tests" / "data" / "corpus" / "10_sh_putuo_wanli_street_2025_budget.txt", 2025),
}
FIGURE = {"决算": "支出决算", "预算": "预算"}

# (check the plant must raise, planted paragraph, the same paragraph without the error)
PLANTS = [
    ("template_residue",
     "{y}年度“三公”经费{f}为8.00万元，{f}数大（小）于年初预算数的主要原因是厉行节约。",
     "{y}年度“三公”经费{f}为8.00万元，{f}数小于年初预算数的主要原因是厉行节约。"),
    ("template_residue",
     "三、支出情况说明 PAGEREF _Toc31935 h 9",
     "三、支出情况说明 …… 9"),
    ("template_residue",
     "机构设置要求:本单位内设综合办公室、业务科等5个科室。",
     "机构设置:本单位内设综合办公室、业务科等5个科室。"),
    ("template_residue",
     "单位构成情况:行政单位1个:东湖镇人民政府(本级)。",
     "单位构成情况:行政单位1个:本级机关。"),
    ("change_arithmetic",
     "公务接待费年初预算为6.00万元。公务接待费{f}为5.00万元，比上年减少1.00万元，下降25.00%，主要原因是厉行节约。",
     "公务接待费年初预算为6.00万元。公务接待费{f}为5.00万元，比上年减少1.00万元，下降16.67%，主要原因是厉行节约。"),
    # a growth rate on last year's nothing (a rate on a budget of nothing is completion_arithmetic)
    ("change_arithmetic",
     "因公出国（境）费{f}3.00万元，比上年增加3.00万元，增长100%，主要原因是新增出访任务。",
     "因公出国（境）费{f}3.00万元，比上年增加1.00万元，增长50.00%，主要原因是新增出访任务。"),
    ("change_arithmetic",
     "公务用车运行维护费{f}2.40万元，比上年增加2.40万元，增长133.33%，主要原因是下乡调研任务增加。",
     "公务用车运行维护费{f}2.40万元，比上年增加0.60万元，增长33.33%，主要原因是下乡调研任务增加。"),
    ("claim_contradiction",
     "{y}年“三公”经费{f}为12.00万元，比{p}年减少2.00万元，主要原因是厉行节约。\n\n从汇总数据看，{y}年“三公”经费{f}数比{p}年增加1.00万元，主要原因是接待任务增加。",
     "{y}年“三公”经费{f}为12.00万元，比{p}年减少2.00万元，主要原因是厉行节约。\n\n从汇总数据看，{y}年“三公”经费{f}数比{p}年减少2.00万元，主要原因是厉行节约。"),
    ("list_sum",
     "编制人数30人，其中：行政编制人数20人、事业编制人数15人。",
     "编制人数35人，其中：行政编制人数20人、事业编制人数15人。"),
    ("share_sum",
     "{y}年“三公”经费{f}中，公务接待费{f}6.00万元，占50.00%；公务用车运行维护费{f}4.00万元，占40.00%。",
     "{y}年“三公”经费{f}中，公务接待费{f}6.00万元，占60.00%；公务用车运行维护费{f}4.00万元，占40.00%。"),
    ("template_residue",
     "公务接待费{f}5.00万元，占 %，比上年减少1.00万元，主要原因是厉行节约。",
     "公务接待费{f}5.00万元，占50.00%，比上年减少1.00万元，主要原因是厉行节约。"),
    ("template_residue",
     "项目支出较上年(减)6.00万元，主要原因是项目完成。",
     "项目支出较上年减少6.00万元，主要原因是项目完成。"),
    ("list_sum",
     "{y}年“三公”经费{f}合计20.00万元，其中：公务接待费{f}5.00万元，公务用车运行维护费{f}12.00万元，因公出国（境）费{f}0万元。",
     "{y}年“三公”经费{f}合计20.00万元，其中：公务接待费{f}5.00万元，公务用车运行维护费{f}15.00万元，因公出国（境）费{f}0万元。"),
    ("completion_arithmetic",
     "一般公共预算财政拨款支出{f}120.00万元，完成年初预算100%，决算数大于预算数20.00万元，主要原因是追加专项经费。",
     "一般公共预算财政拨款支出{f}120.00万元，完成年初预算120.00%，决算数大于预算数20.00万元，主要原因是追加专项经费。"),
    ("unit_suspect",
     "{y}年度“三公”经费{f}为13.07万元，完成预算的104.56%，主要原因是接待任务增加。其中：因公出国（境）费{f}为4.46元。",
     "{y}年度“三公”经费{f}为13.07万元，完成预算的104.56%，主要原因是接待任务增加。其中：因公出国（境）费{f}为4.46万元。"),
    ("item_exceeds_total",
     "{y}年度工会经费收入总计82.40万元，工会经费支出总计80.10万元。本年工会经费支出合计81.50万元，其中基本支出30.20万元。",
     "{y}年度工会经费收入总计82.40万元，工会经费支出总计82.40万元。本年工会经费支出合计81.50万元，其中基本支出30.20万元。"),
    ("unit_suspect",
     "{y}年度培训费收入总计61.04万元，比{p}年减少 4.02 元，减少 6.18 %，主要原因是培训减少。",
     "{y}年度培训费收入总计61.04万元，比{p}年减少 4.02 万元，减少 6.18 %，主要原因是培训减少。"),
    ("missing_explanation",
     "1、公务用车运行维护费{f}10.00万元，比上年减少2.00万元。\n\n2、公务接待费{f}5.00万元，比上年增加1.00万元，主要原因是接待任务增加。",
     "1、公务用车运行维护费{f}10.00万元，比上年减少2.00万元，主要原因是车辆减少。\n\n2、公务接待费{f}5.00万元，比上年增加1.00万元，主要原因是接待任务增加。"),
    # (the checks added at the 2026-12-07 stop)
    ("year_mismatch",
     "{p}年本单位“三公”经费支出同比下降的原因主要是：从严控制“三公”经费。",
     "{y}年本单位“三公”经费支出同比下降的原因主要是：从严控制“三公”经费。"),
    ("template_residue",
     "“三公”经费预算12.00万元，其中：公务接待费支出决算6.00万元；公务用车运行维护费支出决算6.00万元。",
     "“三公”经费预算12.00万元，其中：公务接待费支出预算6.00万元；公务用车运行维护费支出预算6.00万元。"),
    ("template_residue",
     "因公出国（境）费：{p}年预算数20.00万元，比{p}年决算数增长的主要原因是新增出访任务。",
     "因公出国（境）费：{p}年预算数20.00万元，比{p}年预算数增长的主要原因是新增出访任务。"),
    ("unit_suspect",
     "公务接待费{f}5.00万元，较上年6.00减少1.00万元，主要原因是厉行节约。",
     "公务接待费{f}5.00万元，较上年6.00万元减少1.00万元，主要原因是厉行节约。"),
    ("template_residue",
     "本单位现有在职人员30人，属级预算单位。",
     "本单位现有在职人员30人，属二级预算单位。"),
    ("template_residue",
     "按支出功能分类：文化体育与传媒支出5.00万元。",
     "按支出功能分类：文化旅游体育与传媒支出5.00万元。"),
    ("claim_contradiction",
     "培训费决算数小于预算数的主要原因是年初预算估算不足。",
     "培训费决算数小于预算数的主要原因是厉行节约。"),
]


def _base(kind: str) -> tuple[str, int]:
    path, year = DOCS[kind]
    return path.read_text(encoding="utf-8"), year


def _with(kind: str, paragraph: str) -> str:
    text, year = _base(kind)
    para = paragraph.format(y=year, p=year - 1, f=FIGURE[kind])
    return text.rstrip() + "\n\n十一、其他需要说明的情况\n\n" + para + "\n"


def _added(kind: str, text: str) -> Counter:
    """Findings (check, message) the text has beyond the unplanted copy's."""
    base = Counter((f.check, f.message) for f in extract_document(_base(kind)[0], is_text=True).findings)
    got = Counter((f.check, f.message) for f in extract_document(text, is_text=True).findings)
    return got - base


@pytest.mark.parametrize("kind", list(DOCS))
@pytest.mark.parametrize(("check", "planted", "clean"), PLANTS, ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(PLANTS)])
def test_plant_in_a_real_document_is_found_alone(kind, check, planted, clean):
    added = _added(kind, _with(kind, planted))
    assert {c for c, _ in added} == {check}, added
    assert not _added(kind, _with(kind, clean)), "the clean variant raised a finding"


def test_planted_precision_and_recall_on_real_documents():
    tp = fp = fn = 0
    for kind in DOCS:
        for check, planted, clean in PLANTS:
            added = [c for c, _ in _added(kind, _with(kind, planted)).elements()]
            tp += check in added
            fn += check not in added
            fp += sum(1 for c in added if c != check) + sum(_added(kind, _with(kind, clean)).values())
    assert tp == 2 * len(PLANTS)
    assert (tp / (tp + fp), tp / (tp + fn)) == (1.0, 1.0)


# a money unit cut to 万 once, in documents whose style is 万元 (a 决算 chunk of the wide corpus
# that writes 万元 15 times, and the 预算 above); the shorthand is the document's style only when
# it is used many times, so the same 万 repeated is no finding
UNIT_DOCS = [ROOT / "corpus" / "wide" / "b10_guangxi_wz_junxiu_final_2021_chunk.txt", DOCS["预算"][0]]
LONE_WAN = "事业收入 5.00 万,为本单位开展专业业务活动及其辅助活动取得的收入。"
STYLE_WAN = "事业收入 5.00 万,经营收入 1.00 万,其他收入 2.00 万,上级补助收入 3.00 万,附属单位上缴收入 4.00 万。"


@pytest.mark.parametrize("path", UNIT_DOCS, ids=["决算", "预算"])
def test_a_lone_cut_wan_in_a_wan_yuan_document_is_found(path):
    text = path.read_text(encoding="utf-8")
    base = Counter((f.check, f.message) for f in extract_document(text, is_text=True).findings)

    def added(para: str) -> Counter:
        got = Counter((f.check, f.message) for f in extract_document(text.rstrip() + "\n\n十一、其他需要说明的情况\n\n" + para + "\n", is_text=True).findings)
        return got - base

    assert [c for c, _ in added(LONE_WAN)] == ["unit_suspect"]
    assert not added(STYLE_WAN)


@pytest.mark.parametrize("kind", list(DOCS))
@pytest.mark.parametrize(
    "paragraph",
    [
        # 基本持平 beside a change of 2 %
        "公务用车运行维护费{f}2.94万元，较上年3.01万元少0.07万元，基本持平，主要原因是厉行节约。",
        # retirees listed after the staff are not part of the staff total
        "实有人数30人，其中：在职人员20人、聘用人员10人、退休人员12人。",
        # an earlier sentence's figure is the base of the rate (last year's 决算, then this year's change)
        "{p}年公务接待费决算12.39万元。\n\n{y}年公务接待费较上年减少0.58万元，下降4.68%，主要原因是厉行节约。",
        # the total's rise explained by its item's reason in the item's own numbered subsection
        "{y}年“三公”经费{f}合计30.00万元，较上年增加15.00万元。\n\n1、公务用车运行维护费\n\n公务用车运行维护费{f}28.00万元，较上年增加14.00万元，原因为油价上涨。",
    ],
)
def test_genre_phrasings_that_are_no_error(kind, paragraph):
    assert not _added(kind, _with(kind, paragraph))


FLAT_TABLE = "“三公”经费财政拨款情况表 | |||||||\n| | | | 单位:万元 | ||\n合 计 | 因公出国(境)费 | 公务用车费 | 公务接待费 | ||||\n1.7 | 0 | 0 | 1.7 | ||\n"


@pytest.mark.parametrize("kind", list(DOCS))
def test_a_flattened_table_with_figure_rows_is_not_empty(kind):
    """A flattened web table whose figure rows follow its title is read (its cells exist) and is no
    empty table. Once the excerpt holds a table, the 目录's tables it lacks are reported each (no
    longer as one "no table at all"): those are the only findings it may add."""
    text = _with(kind, FLAT_TABLE)
    result = extract_document(text, is_text=True)
    assert any(c.table_title.startswith("“三公”经费财政拨款情况表") and c.value == 1.7 for c in result.cells)
    added = _added(kind, text)
    assert all(c == "missing_table" and m.startswith("目录列出的") for c, m in added), added


SANGONG_TABLE = "一般公共预算财政拨款“三公”经费支出决算表\n\n单位：万元\n\n项目\t年初预算数\t决算数\n合计\t{b}\t5.00\n公务接待费\t{b}\t5.00\n"


@pytest.mark.parametrize(("budget", "found"), [("8.00", True), ("5.00", False)])
def test_no_change_against_a_budget_the_table_contradicts(budget, found):
    """决算 only: `与预算相比无增减` beside a 决算 figure that the document's own 三公 table sets against
    another 预算数 (a 预算 states no 决算 figure to compare). Compared with the copy holding the table
    alone: a table in this excerpt also makes its 目录's other tables missing, which is no plant."""
    year = DOCS["决算"][1]
    table = _with("决算", SANGONG_TABLE.format(b=budget))
    para = f"1.公务接待费支出决算5.00万元，与{year}年度预算相比无增减，主要原因是厉行节约。\n\n"
    base = Counter((f.check, f.message) for f in extract_document(table, is_text=True).findings)
    got = Counter((f.check, f.message) for f in extract_document(table.replace("一般公共预算财政拨款“三公”经费支出决算表", para + "一般公共预算财政拨款“三公”经费支出决算表"), is_text=True).findings)
    assert [c for c, _ in (got - base).elements()] == (["claim_contradiction"] if found else [])


@pytest.mark.parametrize("wording", ["与{y}年度预算相比无增减", "與{y}年度預算相比無變化"], ids=["simplified", "traditional"])
def test_no_change_against_the_budget_in_either_script(wording):
    """A mirror page prints 與…預算相比無變化: the same claim, found the same way."""
    year = DOCS["决算"][1]
    table = _with("决算", SANGONG_TABLE.format(b="8.00"))
    para = f"1.公务接待费支出决算5.00万元，{wording.format(y=year)}，主要原因是厉行节约。\n\n"
    base = Counter((f.check, f.message) for f in extract_document(table, is_text=True).findings)
    got = Counter((f.check, f.message) for f in extract_document(table.replace("一般公共预算财政拨款“三公”经费支出决算表", para + "一般公共预算财政拨款“三公”经费支出决算表"), is_text=True).findings)
    assert [c for c, _ in (got - base).elements()] == ["claim_contradiction"]


# two items whose figures the prose and the table exchange (a flattened 三公 header 小计 | 购置费 |
# 运行费 over 75 | 50 | 25, the prose 运行费 50、购置费 25): one prose_table_mismatch for the pair.
# 决算: the excerpt holds no 三公 table, so one is appended with the paragraph (compared with the copy
# holding the table alone); 预算: the document's own sentence on its own 三公 table, figures exchanged.
SWAP_TABLE = "公务用车购置及运行费决算表\n\n单位：万元\n\n项目\t决算数\n合计\t75.00\n公务用车购置费\t50.00\n公务用车运行费\t25.00\n"
SWAP_PARA = "公务用车购置及运行费支出决算75.00万元，其中：公务用车运行费支出决算{a}万元，主要用于车辆燃料费；公务用车购置费支出决算{b}万元，主要用于购置执法用车。\n\n"
OWN_SENTENCE = ("公务用车购置费15万元，比2024年预算减少10万元，主要原因是购置车辆类型不同；公务用车运行费21.56万元，",
                "公务用车购置费{b}万元，比2024年预算减少10万元，主要原因是购置车辆类型不同；公务用车运行费{a}万元，")


def _swap_added(kind: str, a: str, b: str) -> list[str]:
    """Findings the exchanged (or other) figures add: 运行费 `a`, 购置费 `b`."""
    if kind == "预算":
        text = _base(kind)[0]
        base = Counter((f.check, f.message) for f in extract_document(text, is_text=True).findings)
        assert OWN_SENTENCE[0] in text
        planted = text.replace(OWN_SENTENCE[0], OWN_SENTENCE[1].format(a=a, b=b))
    else:
        table = _with(kind, SWAP_TABLE)
        head = "公务用车购置及运行费决算表"
        base = Counter((f.check, f.message) for f in extract_document(table, is_text=True).findings)
        planted = table.replace(head, SWAP_PARA.format(a=a, b=b) + head, 1)
    got = Counter((f.check, f.message) for f in extract_document(planted, is_text=True).findings)
    return [c for c, _ in (got - base).elements()]


# (运行费, 购置费) as the table states them, and exchanged
SWAP_VALUES = {"决算": ("25.00", "50.00"), "预算": ("21.56", "15")}


@pytest.mark.parametrize("kind", list(DOCS))
def test_two_items_exchanged_against_their_table_are_one_mismatch(kind):
    run, buy = SWAP_VALUES[kind]
    assert _swap_added(kind, buy, run) == ["prose_table_mismatch"]
    assert _swap_added(kind, run, buy) == []


@pytest.mark.parametrize("kind", list(DOCS))
def test_one_item_far_from_its_cell_is_no_swap(kind):
    """Only a symmetric exchange is claimed: figures far from their cells (another scope, another
    entry) stay abstentions, as before."""
    run, buy = SWAP_VALUES[kind]
    assert "prose_table_mismatch" not in _swap_added(kind, buy, buy)
    assert "prose_table_mismatch" not in _swap_added(kind, "40.00", "35.00")
