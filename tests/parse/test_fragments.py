"""One hand-made fragment per template quirk; each asserts the parser's outcome."""

from __future__ import annotations

import pytest
from fragment_docs import make_document

from loader.errors import InputError, ParseError
from loader.model.records import DecidedBy, Severity
from loader.parse import parse_document


def rules(doc, severity=None):
    return [f.rule for f in doc.findings if severity is None or f.severity is severity]


def test_empty_table_is_data_not_error(tmp_path):
    doc = parse_document(make_document(tmp_path))
    for tid in ("09", "10", "12"):
        (row,) = doc.tables[tid].rows
        assert row.total and not row.cells
    assert len(doc.tables) == 13
    assert Severity.ERROR not in {f.severity for f in doc.findings}


def test_wrapped_cell_is_joined(tmp_path):
    t04 = ("042001 -测试单位 22-公益一类\n很长的项目名称分成\n\n两行\n"
           "2240109 -应急管理 50502-商品和服务支出 30227-委托业务费 155.000000 155.000000")
    doc = parse_document(make_document(tmp_path, t04=t04))
    row = doc.tables["04"].rows[0]
    assert row.cells["项目名称"] == "很长的项目名称分成两行"
    assert row.cells["部门支出经济分类科目"] == "30227-委托业务费"
    assert row.source.line > 1


def test_header_repeated_by_page_break_is_dropped(tmp_path):
    header = "支出功能分类科目 政府支出经济分类科目 部门支出经济分类科目 合计 基本支出 项目支出"
    t03 = ("2240150-事业运行 50501-工资福利支出 30101-基本工资 1.000000 1.000000\n\n\n\n"
           f"{header}\n\n其中\n\n"
           "2240150-事业运行 50501-工资福利支出 30102-津贴补贴 2.000000 2.000000")
    doc = parse_document(make_document(tmp_path, t03=t03))
    rows = [r for r in doc.tables["03"].rows if not r.total]
    assert [r.cells["部门支出经济分类科目"] for r in rows] == ["30101-基本工资", "30102-津贴补贴"]
    assert "parse.unrecognized_row" not in rules(doc)


def test_repeated_numbering_nests_the_expenditure_list(tmp_path):
    """06 prints 一、本年支出 and then 一、一般公共服务支出 …: the classes nest under it."""
    t06 = ("一、本年收入 5.000000 一、本年支出 5.000000\n\n"
           "（一）一般公共预算资金 5.000000 一、一般公共服务支出 2.000000\n\n"
           "二、外交支出 4.000000\n\n二、上年结转 二、年终结转结余")
    doc = parse_document(make_document(tmp_path, t06=t06))
    found = [f for f in doc.findings if f.rule == "t06.expenditure_parent_eq_children"]
    assert len(found) == 1 and found[0].expected == "6.000000" and found[0].found == "5.000000"
    assert "t06.income_parent_eq_children" not in rules(doc)


def test_lone_function_class_without_zhichu_goes_to_the_expenditure_side(tmp_path):
    """06 lists 预备费 (class 227), whose name has no 支出: a lone item that names a function
    class of the template is an expenditure item, not an income one."""
    t06 = ("一、本年收入 一、本年支出\n\n"
           "（一）一般公共预算资金 一、一般公共服务支出\n\n"
           "二十四、预备费\n\n（二）政府性基金预算资金\n\n二、上年结转 二、年终结转结余")
    doc = parse_document(make_document(tmp_path, t06=t06))
    rows = doc.tables["06"].rows
    assert any(r.cells.get("支出/项目") == "二十四、预备费" for r in rows)
    assert not any("预备费" in r.cells.get("收入/项目", "") for r in rows)
    assert any(r.cells.get("收入/项目") == "（二）政府性基金预算资金" for r in rows)


def test_identities_decide_a_column(tmp_path):
    """03 prints 合计 and one more number; 04 has no project on these subjects, so the
    number cannot be 项目支出: it is 基本支出, on the row and on the 合计 row."""
    t03 = ("2240150-事业运行 50501-工资福利支出 30101-基本工资 1.000000 1.000000\n\n"
           "2240150-事业运行 50501-工资福利支出 30102-津贴补贴 2.000000 2.000000\n\n"
           "合    计 3.000000 3.000000")
    doc = parse_document(make_document(tmp_path, t03=t03))
    rows = doc.tables["03"].rows
    for row in rows:
        assert set(row.cells) >= {"合计", "基本支出"} and "项目支出" not in row.cells
        assert set(row.decided_by.values()) == {DecidedBy.IDENTITY}
    assert not [f for f in doc.findings if f.rule.startswith(("t03", "attribution"))]


def test_ambiguous_row_comes_out_prior_with_alternatives(tmp_path):
    doc = parse_document(make_document(tmp_path, t11="2021 0.250000 0.250000\n\n2022"))
    (row, _current) = doc.tables["11"].rows
    assert set(row.decided_by.values()) == {DecidedBy.PRIOR}
    assert row.alternatives
    placed = set(row.cells) - {"年度"}
    for alt in row.alternatives:
        assert set(alt.cells) != placed and set(alt.cells.values()) == {"0.250000"}
    assert "attribution.prior" in rules(doc, Severity.INFO)


def test_impossible_row_is_an_error_not_a_guess(tmp_path):
    t07 = "042001-测试单位 2240150 事业运行 100.000000 30.000000 20.000000"
    doc = parse_document(make_document(tmp_path, t07=t07))
    (err,) = [f for f in doc.findings if f.rule == "attribution.no_assignment"]
    assert err.severity is Severity.ERROR and err.table == "07" and err.row == 0
    assert "100.000000" not in doc.tables["07"].rows[0].cells.values()


PROJECT = """042001-测试单
位

11000022T0000001000
{tail}-{name}

31-部门项目 张三 55573065 {money} {money}

{goal}

产出指标 数量指标 {what} ＝ 3 期 正向指标
"""


def project(tail, name, money="1.000000", goal="目标文字", what="指标"):
    return PROJECT.format(tail=tail, name=name, money=money, goal=goal, what=what)


def test_page_break_continuation_is_merged(tmp_path):
    t13 = (project("01", "项目甲", goal="第一行\n第二行", what="甲一") + "\n\n\n"
           + project("01", "项目甲", goal="第一行\n第二行", what="甲二")
           + " 01-项目甲\n\n31-部门项目 张三 55573065 1.000000 1.000000\n\n第一行\n第二行 满意度指标\n"
           "服务对象满意度\n指标\n\n满意 ≥ 90 % 正向指标\n")
    doc = parse_document(make_document(tmp_path, t13=t13))
    rows = doc.tables["13"].rows
    assert [r.cells["三级指标"] for r in rows] == ["甲一", "甲二", "满意"]
    assert {r.cells["绩效目标"] for r in rows} == {"第一行第二行"}
    assert rows[2].cells["二级指标"] == "服务对象满意度指标"
    assert {r.cells["项目名称"] for r in rows} == {"11000022T000000100001-项目甲"}


def test_lost_code_prefix_recovered_from_code_order(tmp_path):
    t13 = (project("10", "项目甲") + " 20-项目乙\n\n31-部门项目 李四 55573066 2.000000 2.000000\n\n目标\n\n"
           "产出指标 数量指标 乙 ＝ 1 个 正向指标\n\n11000022T0000001001\n05-项目丙\n\n"
           "31-部门项目 王五 55573067 3.000000 3.000000\n\n目标\n\n产出指标 数量指标 丙 ＝ 1 个 正向指标\n")
    doc = parse_document(make_document(tmp_path, t13=t13))
    names = [r.cells["项目名称"] for r in doc.tables["13"].rows]
    assert names[1] == "11000022T000000100020-项目乙"
    (info,) = [f for f in doc.findings if f.rule == "parse.project_code_recovered"]
    assert info.severity is Severity.INFO and info.found == "20"
    assert any(k.startswith("table13.project_code.") for k in doc.identity.inferred)


def test_lost_code_prefix_without_evidence_is_kept(tmp_path):
    t13 = project("10", "项目甲") + " 20-项目乙\n\n31-部门项目 李四 55573066 2.000000 2.000000\n\n目标\n"
    doc = parse_document(make_document(tmp_path, t13=t13))
    names = [r.cells["项目名称"] for r in doc.tables["13"].rows]
    assert names[-1] == "20-项目乙"
    assert "parse.project_code_fragment" in rules(doc, Severity.WARNING)


def test_year_from_project_codes_and_override(tmp_path):
    path = make_document(tmp_path, with_year=False, t13=project("10", "项目甲"))
    doc = parse_document(path)
    assert doc.identity.fiscal_year == 2022 and doc.identity.inferred["fiscal_year"].certain
    doc = parse_document(path, year=2022)  # agreeing with the document: recorded as the option
    assert doc.identity.inferred["fiscal_year"].how.startswith("--year option, as printed")
    assert doc.identity.inferred["fiscal_year"].certain and "doc.fiscal_year_conflict" not in rules(doc)


def test_year_override_contradicting_the_document_is_refused(tmp_path):
    """--year is for a document that does not say its year, not for rewriting the one it prints."""
    path = make_document(tmp_path, with_year=False, t13=project("10", "项目甲"))
    with pytest.raises(ParseError, match=r"--year 2023 contradicts the document, which prints 2022"):
        parse_document(path, year=2023)


def test_year_override_where_the_document_prints_none(tmp_path):
    doc = parse_document(make_document(tmp_path, with_year=False), year=2024)
    inf = doc.identity.inferred["fiscal_year"]
    assert (doc.identity.fiscal_year, inf.certain) == (2024, True)
    assert "prints no year" in inf.how and "doc.fiscal_year_conflict" not in rules(doc)


def test_conflicting_year_evidence_needs_the_year_option(tmp_path):
    """13's codes say 2022, 11 lists 2023 last: no majority vote, the user must say."""
    path = make_document(tmp_path, t11="2022\n\n2023", t13=project("10", "项目甲"))
    with pytest.raises(ParseError, match=r"conflicting fiscal years 2022, 2023: table 13 .*table 11 .*--year"):
        parse_document(path)
    with pytest.raises(ParseError, match="--year 2021 contradicts"):
        parse_document(path, year=2021)
    doc = parse_document(path, year=2022)
    inf = doc.identity.inferred["fiscal_year"]
    assert doc.identity.fiscal_year == 2022 and not inf.certain and "conflicting" in inf.how
    assert "doc.fiscal_year_conflict" in rules(doc, Severity.WARNING)


def test_a_continuing_project_with_an_older_code_does_not_move_the_year(tmp_path):
    """Most codes and table 11 agree; one project begun a year earlier keeps its 21 code."""
    t13 = project("10", "项目甲") + "\n\n" + project("11", "项目乙") + "\n\n" + \
        project("12", "项目丙").replace("11000022", "11000021")
    path = make_document(tmp_path, t11="2021\n\n2022", t13=t13)
    doc = parse_document(path)
    inf = doc.identity.inferred["fiscal_year"]
    assert doc.identity.fiscal_year == 2022 and inf.certain
    assert "begun in other years" in inf.how


def test_unit_override_contradicting_the_document_is_refused(tmp_path):
    path = make_document(tmp_path)
    with pytest.raises(ParseError, match=r"--unit 999999 contradicts the document, which prints 042001"):
        parse_document(path, unit="999999")
    doc = parse_document(path, unit="042001")
    inf = doc.identity.inferred["unit_code"]
    assert doc.identity.unit_name == "测试单位" and inf.certain and inf.how.startswith("--unit option, as printed")


def test_unit_override_where_the_document_prints_no_code(tmp_path):
    path = make_document(tmp_path, t02="")
    with pytest.raises(ParseError, match="cannot tell the unit"):
        parse_document(path)
    doc = parse_document(path, unit="042001")
    assert doc.identity.unit_code == "042001" and "prints no unit code" in doc.identity.inferred["unit_code"].how
    assert doc.identity.unit_name == "" and not doc.identity.inferred["unit_name"].certain


def test_no_year_is_a_parse_error(tmp_path):
    with pytest.raises(ParseError, match="fiscal year"):
        parse_document(make_document(tmp_path, with_year=False))


def test_bad_inputs_name_file_and_reason(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty.txt: empty file"):
        parse_document(empty)
    prose = tmp_path / "prose.txt"
    prose.write_text("nothing budget-like here\n", "utf-8")
    with pytest.raises(ParseError, match="no budget table titles found"):
        parse_document(prose)
    partial = make_document(tmp_path, "partial.txt")
    partial.write_text(partial.read_text("utf-8").split("预算09表")[0], "utf-8")
    with pytest.raises(ParseError, match="missing tables 09, 10, 11, 12, 13"):
        parse_document(partial)


def test_gb18030_text_is_read_and_the_fallback_recorded(tmp_path):
    path = make_document(tmp_path)
    inf = parse_document(path).identity.inferred["source.encoding"]
    assert (inf.value, inf.certain) == ("utf-8", True)
    path.write_bytes(path.read_text("utf-8").encode("gb18030"))
    doc = parse_document(path)
    assert doc.identity.unit_code == "042001"
    inf = doc.identity.inferred["source.encoding"]
    assert (inf.value, inf.certain) == ("gb18030", False) and "fallback" in inf.how


def test_form_feeds_are_page_breaks_not_line_ends(tmp_path):
    """pdftotext prints \\f before a page's first line: that line is on the next page, and
    line numbers stay the file's own (an editor does not end a line at \\f)."""
    t03 = "2240150-事业运行 50501-工资福利支出 30101-基本工资 1.000000 1.000000"
    path = make_document(tmp_path, t03=t03)
    text = path.read_text("utf-8")
    assert "\f" not in text
    plain = parse_document(path)
    assert {r.source.page for t in plain.tables.values() for r in t.rows} == {None}
    paged = text.replace("\n预算03表", "\n\f预算03表").replace("\n预算08表", "\n\f预算08表")
    path.write_text(paged, "utf-8")
    doc = parse_document(path)
    lines = paged.split("\n")
    pages = {tid: t.source.page for tid, t in doc.tables.items()}
    assert pages["01"] == pages["02"] == 1 and pages["03"] == pages["07"] == 2 and pages["08"] == pages["13"] == 3
    row = doc.tables["03"].rows[0]
    assert (row.source.page, row.source.line) == (2, plain.tables["03"].rows[0].source.line)
    assert "30101-基本工资" in lines[row.source.line - 1]
    assert lines[doc.tables["08"].source.line - 1] == "\f预算08表 一般公共预算财政拨款基本支出表"


def test_cut_code_completed_by_the_projects_own_continuation(tmp_path):
    """A project starting on a new page lost its code's first line (` 33-项目乙`); after a
    later page break it prints the whole code: one project, with the whole code."""
    t13 = (project("10", "项目甲") + " 33-项目乙\n\n31-部门项目 李四 55573066 2.000000 2.000000\n\n目标\n\n"
           "产出指标 数量指标 乙一 ＝ 1 个 正向指标\n"
           " 11000022T0000001000\n33-项目乙\n\n31-部门项目 李四 55573066 2.000000 2.000000\n\n目标\n\n"
           "产出指标 数量指标 乙二 ＝ 2 个 正向指标\n")
    doc = parse_document(make_document(tmp_path, t13=t13))
    rows = doc.tables["13"].rows
    assert [r.cells["项目名称"] for r in rows] == ["11000022T000000100010-项目甲"] + [
        "11000022T000000100033-项目乙"] * 2
    assert [r.cells["三级指标"] for r in rows[1:]] == ["乙一", "乙二"]
    (info,) = [f for f in doc.findings if f.rule == "parse.project_code_recovered"]
    assert info.found == "33" and info.expected == "11000022T000000100033"
    assert "parse.project_code_fragment" not in rules(doc)
    assert "table13.project_code.11000022T000000100033" in doc.identity.inferred


def test_unit_cell_where_the_unit_changes_mid_page(tmp_path):
    """A 部门预算 prints the next unit's cell before its first project, not only at a page top."""
    second = project("20", "项目乙").replace("042001-测试单\n位", "042002-第二单\n位")
    t02 = "042 测试局\n\n042001 测试单位\n\n042002 第二单位\n"
    doc = parse_document(make_document(tmp_path, t02=t02, t13=project("10", "项目甲") + "\n" + second))
    rows = doc.tables["13"].rows
    assert [(r.cells["单位名称"], r.cells["三级指标"]) for r in rows] == [
        ("042001-测试单位", "指标"), ("042002-第二单位", "指标")]
    assert "parse.indicator_incomplete" not in rules(doc)
    assert doc.identity.unit_code == "042" and doc.identity.kind.value == "部门预算"


SUBJECTS = "2240106-安全监管 50502-商品和服务支出 30227-委托业务费"


def fund_document(tmp_path, *, income: str, t03: str, t04: str, t09: str):
    """A document whose government-fund money is ``income`` (万元), spent on SUBJECTS.

    Every table that states the money agrees (01/06 income and 类 224, 02 by funding source),
    so the only open question is where each fragment's numbers go. The skeleton prints 01's
    and 06's 收入总计/支出总计 blank; they are given the amount here.
    """
    x = income
    t01 = (f"二、政府性基金预算拨款收入 {x} 二十三、灾害防治及应急管理支出 {x}\n\n"
           f"本年收入合计 {x} 本年支出合计 {x}")
    t02 = f"042 测试局 {x} {x} {x}\n\n042001 测试单位 {x} {x} {x}\n\n合    计 {x} {x} {x}"
    t06 = (f"一、本年收入 {x} 二十三、灾害防治及应急管理支出 {x}\n\n（一）一般公共预算资金\n\n"
           f"（二）政府性基金预算资金 {x}")
    path = make_document(tmp_path, t01=t01, t02=t02, t03=t03, t04=t04, t06=t06, t09=t09)
    text = path.read_text("utf-8").replace("收入总计 支出总计", f"收入总计 {x} 支出总计 {x}")
    path.write_text(text, "utf-8")
    return parse_document(path)


def amounts(row, prefix: str) -> dict[str, str]:
    return {c: v for c, v in row.cells.items() if c.startswith(prefix)}


def test_fund_row_is_project_money_when_04_funds_a_project_on_its_subjects(tmp_path):
    """09 prints `合计 x` (基本 or 项目?). 04 spends 5 of government-fund appropriations on the
    same three subjects (02 receives fund money only, so 04's number can only be that), so
    x09_04.project_by_subjects makes 09's 5 项目支出 — on the row and on 合计."""
    doc = fund_document(
        tmp_path, income="5.000000",
        t03=f"{SUBJECTS} 5.000000 5.000000\n\n合    计 5.000000 5.000000",
        t04=f"042001 -测试单位 22-公益一类 基金项目 {SUBJECTS.replace('-', ' -', 1)} 5.000000 5.000000"
            "\n\n合  计 5.000000 5.000000",
        t09=f"{SUBJECTS} 5.000000 5.000000\n\n合    计 5.000000 5.000000")
    assert amounts(doc.tables["04"].rows[0], "本年拨款/") == {"本年拨款/政府性基金预算": "5.000000"}
    for row in doc.tables["09"].rows:
        assert amounts(row, "本年预算数/") == {"本年预算数/合计": "5.000000", "本年预算数/项目支出": "5.000000"}
        assert set(row.decided_by.values()) == {DecidedBy.IDENTITY} and not row.alternatives
    assert [f.message for f in doc.findings if f.severity is Severity.ERROR] == []
    assert not [f for f in doc.findings if f.rule.startswith(("t", "x", "attribution"))
                and f.rule != "x04_13.project_sets"]  # 13 lists no project: a warning, not ours


def test_fund_row_is_basic_money_when_04_has_no_such_project_money(tmp_path):
    """The same 09 row with no government-fund project in 04: 项目支出 must be 0, so it is
    基本支出, decided by identity (not by the prior's leftmost pick)."""
    doc = fund_document(
        tmp_path, income="5.000000",
        t03=f"{SUBJECTS} 5.000000 5.000000\n\n合    计 5.000000 5.000000",
        t04="", t09=f"{SUBJECTS} 5.000000 5.000000\n\n合    计 5.000000 5.000000")
    for row in doc.tables["09"].rows:
        assert amounts(row, "本年预算数/") == {"本年预算数/合计": "5.000000", "本年预算数/基本支出": "5.000000"}
        assert set(row.decided_by.values()) == {DecidedBy.IDENTITY} and not row.alternatives
    assert [f.message for f in doc.findings if f.severity is Severity.ERROR] == []
    assert not [f for f in doc.findings if f.rule.startswith(("t", "x", "attribution"))]


def test_prior_row_tied_to_an_earlier_pick_still_lists_its_alternatives(tmp_path):
    """09 prints `x x` twice on the same subjects and 04 funds 5 of project money there: one
    row is 基本, the other 项目, nothing says which. Once the first row is picked the second
    has one placement left, but it is as open: both list the other placement."""
    doc = fund_document(
        tmp_path, income="10.000000",
        t03=f"{SUBJECTS} 10.000000 5.000000 5.000000\n\n合    计 10.000000 5.000000 5.000000",
        t04=f"042001 -测试单位 22-公益一类 基金项目 {SUBJECTS.replace('-', ' -', 1)} 5.000000 5.000000"
            "\n\n合  计 5.000000 5.000000",
        t09=f"{SUBJECTS} 5.000000 5.000000\n\n{SUBJECTS} 5.000000 5.000000\n\n"
            "合    计 10.000000 5.000000 5.000000")
    rows = [r for r in doc.tables["09"].rows if not r.total]
    assert len(rows) == 2
    assert {tuple(sorted(amounts(r, "本年预算数/"))) for r in rows} == {
        ("本年预算数/合计", "本年预算数/基本支出"), ("本年预算数/合计", "本年预算数/项目支出")}
    for row in rows:
        assert set(row.decided_by.values()) == {DecidedBy.PRIOR}
        (alt,) = row.alternatives
        placed = amounts(row, "本年预算数/")
        assert set(alt.cells) | set(placed) == {"本年预算数/合计", "本年预算数/基本支出", "本年预算数/项目支出"}
        assert set(alt.cells) != set(placed)
    assert [f.message for f in doc.findings if f.severity is Severity.ERROR] == []


def test_cross_table_identity_with_an_empty_side_is_a_warning_not_lost_money(tmp_path):
    """04 books a project on subjects 03 does not print (30227 vs 30226). x03_04's relation for
    that triple has only 04's row on one side, so all its cells sit in one row — but it is an
    identity across tables: it must not filter the row's placements (which would force the
    row's 合计 to 0 and drop its money). The amounts are placed; the identity is a warning."""
    other = SUBJECTS.replace("30227-委托业务费", "30226-会议费")
    doc = fund_document(
        tmp_path, income="5.000000",
        t03=f"{other} 5.000000 5.000000\n\n合    计 5.000000 5.000000",
        t04=f"042001 -测试单位 22-公益一类 基金项目 {SUBJECTS.replace('-', ' -', 1)} 5.000000 5.000000"
            "\n\n合  计 5.000000 5.000000",
        t09=f"{SUBJECTS} 5.000000 5.000000\n\n合    计 5.000000 5.000000")
    assert "attribution.no_assignment" not in rules(doc)
    assert [f.message for f in doc.findings if f.severity is Severity.ERROR] == []
    row = doc.tables["04"].rows[0]
    assert {c: v for c, v in row.cells.items() if v == "5.000000"} == {
        "合计": "5.000000", "本年拨款/政府性基金预算": "5.000000"}
    broken = [f for f in doc.findings if f.rule == "x03_04.project_by_subjects"]
    assert broken and all(f.severity is Severity.WARNING for f in broken)
    assert any("30227" in f.message for f in broken)


def test_table_printed_in_another_unit_is_an_error(tmp_path):
    """05 prints 金额单位：元: its amounts would load 10 000 times too large as 万元."""
    path = make_document(tmp_path, t05="A-货物 1.000000\n\n合  计 1.000000")
    text = path.read_text("utf-8")
    head, tail = text.split("预算05表", 1)
    path.write_text(head + "预算05表" + tail.replace("金额单位：万元", "金额单位：元", 1), "utf-8")
    doc = parse_document(path)
    (err,) = [f for f in doc.findings if f.rule == "parse.amount_unit"]
    assert err.severity is Severity.ERROR and err.table == "05"
    assert (err.expected, err.found) == ("万元", "元") and "元" in err.message
    assert doc.tables["05"].unit == "元"
    assert "parse.amount_unit_missing" not in rules(doc)


def test_table_printing_no_unit_is_a_warning(tmp_path):
    path = make_document(tmp_path)
    text = path.read_text("utf-8")
    head, tail = text.split("预算08表", 1)
    path.write_text(head + "预算08表" + tail.replace("金额单位：万元\n", "", 1), "utf-8")
    doc = parse_document(path)
    (warn,) = [f for f in doc.findings if f.rule.startswith("parse.amount_unit")]
    assert (warn.rule, warn.severity, warn.table) == ("parse.amount_unit_missing", Severity.WARNING, "08")
    assert doc.tables["08"].unit is None


def test_pdf_table_printed_in_another_unit_is_an_error(tmp_path):
    """The PDF path reads each table's unit line too and reports it the same way."""
    import sys
    from dataclasses import replace
    from pathlib import Path

    root = str(Path(__file__).resolve().parents[2])
    if root not in sys.path:
        sys.path.insert(0, root)
    from tests.support.pdfgen import render_pdf
    from tests.support.synthetic import synthetic_document

    doc = synthetic_document(seed=3, projects=2, indicators=(2, 3))
    tables = {**doc.tables, "05": replace(doc.tables["05"], unit="元")}
    pdf = render_pdf(replace(doc, tables=tables), tmp_path / "yuan.pdf")
    parsed = parse_document(pdf)
    found = [(f.rule, f.severity, f.table, f.found) for f in parsed.findings if f.rule.startswith("parse.amount_unit")]
    assert found == [("parse.amount_unit", Severity.ERROR, "05", "元")]
