"""Numbered slogans and policy names are not counts; real counts beside them stay."""

import pytest

from extract.quantity import find_quantities
from extract.slogans import is_slogan


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("严格执行“八项规定”,严控公务接待。", "八项"),
        ("认真贯彻落实中央八项规定,严控“三公”经费支出。", "八项"),
        ("紧扣增强“八个本领”的要求。", "八个"),
        ("我们要紧紧围绕践行“五个坚持”、当好“坚强前哨”。", "五个"),
        ("坚决执行“三项机制”，充分调动干部职工积极性。", "三项"),
        ("重点督促社区卫生服务机构执行“三个统一”。", "三个"),
        ("严格落实省委省政府30条和市委市政府10条要求。", "30条"),
        ("严格落实省委省政府30条和市委市政府10条要求。", "10条"),
        ("主要是三个原因:一是体制调整。", "三个"),
        ("省委国家安全委员会办公室（下设省委国安办一处、二处、三处）、机关党委。", "一处"),
        ("省委国家安全委员会办公室（下设省委国安办一处、二处、三处）、机关党委。", "三处"),
        ("本工程为二类高层建筑。", "二类"),
        ("隶属海南省商务厅管理的公益一类事业单位,内设综合部。", "一类"),
    ],
)
def test_slogans_are_not_counts(text, surface):
    q = next(q for q in find_quantities(text) if q.surface == surface)
    assert is_slogan(text, q)


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("国内公务接待共15批次,105人次。", "15批次"),
        ("内设综合部、技术业务部、征管部3个科级机构。", "3个"),
        ("公务用车保有量8辆。", "8辆"),
        ("“三公”经费支出涉及2个单位。", "2个"),
        ("我单位内设科室9个,分别是党政办。", "9个"),
        ("下设三个处。", "三个"),
        ("共涉及三类人员。", "三类"),
    ],
)
def test_counts_stay_counts(text, surface):
    qs = [q for q in find_quantities(text) if q.surface == surface]
    assert qs
    assert not is_slogan(text, qs[0])


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("国内公务接待共8批次,160人次。", ["8批次", "160人次"]),
        ("国内公务接待221批次,1768人,共计支出9.95万元。", ["221批次", "1768人", "9.95万元"]),
        ("支出合计1,234.5万元。", ["1,234.5万元"]),
        ("项目支出,27.45%基本支出,59.07%", []),
    ],
)
def test_a_number_after_an_ascii_comma(text, surfaces):
    assert [q.surface for q in find_quantities(text)] == surfaces
