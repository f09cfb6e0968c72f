"""A synthetic Beijing unit budget whose identities hold, of any size (test support).

Records follow the text path's conventions: a 合计 row of a tabular table holds its
amounts only (its label is not a cell) and is flagged ``total``; in 01 and 06 the rows
whose label is a (current or grand) total are flagged.

``synthetic_document(seed=, projects=, indicators=)`` builds a ParsedDocument with all 13
tables of the template, amounts exact to six decimals, totals and cross-table identities
consistent by construction (sums are computed, never typed in). Names and codes are
invented; classification codes are real national ones. Used to print test PDFs and to
benchmark the PDF parse without holding a real Beijing PDF.
"""

from __future__ import annotations

import random
from collections import defaultdict
from decimal import Decimal

from loader.model.records import (
    DocumentIdentity,
    DocumentKind,
    ParsedDocument,
    Row,
    SourceRef,
    Table,
)
from loader.parse.pdf_template import beijing_template

Q = Decimal("0.000001")

FUNCTIONS = [("2240109", "应急管理"), ("2240106", "安全监管"), ("2240104", "灾害风险防治"),
             ("2060602", "社会科学研究"), ("2240199", "其他应急管理支出"), ("2240204", "消防应急救援")]
PROJECT_ECON = [("30227", "委托业务费"), ("30299", "其他商品和服务支出")]
BASIC_ITEMS = [  # (gov econ, dept econ, personnel?)
    ("50501-工资福利支出", "30101-基本工资", True), ("50501-工资福利支出", "30102-津贴补贴", True),
    ("50501-工资福利支出", "30107-绩效工资", True), ("50501-工资福利支出", "30113-住房公积金", True),
    ("50502-商品和服务支出", "30201-办公费", False), ("50502-商品和服务支出", "3021101-差旅费", False),
    ("50502-商品和服务支出", "30228-工会经费", False), ("50905-离退休费", "30302-退休费", True),
]
INCOME_ITEMS = ["一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算拨款收入",
                "财政专户管理资金收入", "事业收入", "上级补助收入", "附属单位上缴收入",
                "事业单位经营收入", "其他收入"]
CLASSES = [("201", "一般公共服务"), ("202", "外交"), ("203", "国防"), ("204", "公共安全"),
           ("205", "教育"), ("206", "科学技术"), ("207", "文化旅游体育与传媒"),
           ("208", "社会保障和就业"), ("209", "社会保险基金"), ("210", "卫生健康"),
           ("211", "节能环保"), ("212", "城乡社区"), ("213", "农林水"), ("214", "交通运输"),
           ("215", "资源勘探工业信息等"), ("216", "商业服务业等"), ("217", "金融"),
           ("219", "援助其他地区"), ("220", "自然资源海洋气象等"), ("221", "住房保障"),
           ("222", "粮油物资储备"), ("223", "国有资本经营预算"), ("224", "灾害防治及应急管理")]
NUMERALS = "一二三四五六七八九十"
WORDS = ["应急", "安全", "监测", "预警", "技术", "支撑", "宣传", "培训", "考试", "管理", "评估",
         "标准化", "体系", "建设", "服务", "研究", "平台", "运维", "数据", "保障"]
INDICATORS = [("产出指标", "数量指标", "＝", "次"), ("产出指标", "质量指标", "定性", ""),
              ("产出指标", "时效指标", "≥", "月"), ("产出指标", "成本指标", "≤", "万元"),
              ("效益指标", "社会效益指标", "定性", ""), ("满意度指标", "服务对象满意度指标", "≥", "%")]


def numeral(n: int) -> str:
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else NUMERALS[tens - 1]) + "十" + (NUMERALS[ones - 1] if ones else "")


def fmt(value: Decimal | None) -> str | None:
    """Print an amount the Beijing way: thousands separators, six decimals; zero is blank."""
    if value is None or value == 0:
        return None
    return f"{value.quantize(Q):,.6f}"


def _money(rng: random.Random, lo: int, hi: int) -> Decimal:
    return Decimal(rng.randint(lo * 10**6, hi * 10**6)) * Q


def _row(cells: dict, line: int, total: bool = False) -> Row:
    return Row(cells={k: v for k, v in cells.items() if v}, source=SourceRef(None, line), total=total)


def _text(rng: random.Random, n_words: int) -> str:
    return "".join(rng.choice(WORDS) for _ in range(n_words))


def synthetic_document(seed: int = 1, projects: int = 12, indicators: tuple[int, int] = (3, 12),
                       year: int = 2023, unit: tuple[str, str] = ("901001", "北京市示例应急技术研究院"),
                       department: tuple[str, str] = ("901", "北京市示例应急管理局"),
                       ) -> ParsedDocument:
    """A consistent 单位预算 of ``unit`` (code, name) under ``department`` for ``year``."""
    rng = random.Random(seed)
    tpl = beijing_template()
    unit_code, unit_name = unit
    dept_code, dept_name = department
    yy = f"{year % 100:02d}"

    projs = []
    for i in range(projects):
        fn = rng.choice(FUNCTIONS)
        econ = rng.choice(PROJECT_ECON)
        general = _money(rng, 3, 900)
        own = _money(rng, 1, 80) if rng.random() < 0.25 else Decimal(0)
        name = _text(rng, rng.randint(2, 6)) + ("项目" if rng.random() < 0.5 else "")
        code = f"110000{yy}T{rng.randint(10**11, 10**12 - 1):012d}"
        projs.append(dict(name=f"{name}{i + 1}", code=code, fn=fn, econ=econ, general=general, own=own))
    # Table 11's 三公 amounts first: this year's are spent under 30217 and 30231 of table 03.
    sangong = []
    for y in (year - 1, year):
        sangong.append((y, _money(rng, 0, 3), _money(rng, 0, 2), _money(rng, 0, 2)))
    _, reception_now, fuel_now, repair_now = sangong[-1]
    basics = [(g, d, p, _money(rng, 5, 1200)) for g, d, p in BASIC_ITEMS]
    basics += [("50502-商品和服务支出", "30217-公务接待费", False, reception_now + _money(rng, 0, 2)),
               ("50502-商品和服务支出", "30231-公务用车运行维护费", False,
                fuel_now + repair_now + _money(rng, 0, 2))]
    basic_total = sum(a for *_, a in basics)
    personnel = sum(a for _, _, p, a in basics if p)
    public = basic_total - personnel
    proj_general = sum(p["general"] for p in projs)
    proj_own = sum(p["own"] for p in projs)
    carry = (proj_own / 3).quantize(Q)
    G = basic_total + proj_general
    total = G + proj_own
    tables: dict[str, Table] = {}

    def table(tid: str, title: str, rows: list[Row]) -> None:
        spec = tpl.tables[tid]
        tables[tid] = Table(tid, title, "万元", spec.columns, tuple(rows), SourceRef(None, 1))

    # 03: function × gov × dept economic subject.
    by_subject: dict[tuple, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for g, d, _, a in basics:
        by_subject[("2240150-事业运行", g, d)][0] += a
    for p in projs:
        key = (f"{p['fn'][0]}-{p['fn'][1]}", "50502-商品和服务支出", f"{p['econ'][0]}-{p['econ'][1]}")
        by_subject[key][1] += p["general"] + p["own"]
    rows = [_row({"支出功能分类科目": k[0], "政府支出经济分类科目": k[1], "部门支出经济分类科目": k[2],
                  "合计": fmt(b + pr), "基本支出": fmt(b), "项目支出": fmt(pr)}, i)
            for i, (k, (b, pr)) in enumerate(sorted(by_subject.items()))]
    rows.append(_row({"合计": fmt(total), "基本支出": fmt(basic_total),
                      "项目支出": fmt(proj_general + proj_own)}, len(rows), True))
    table("03", "预算03表 支出预算总表", rows)

    per_class: dict[str, Decimal] = defaultdict(Decimal)
    per_class_general: dict[str, Decimal] = defaultdict(Decimal)
    for (fn, *_), (b, pr) in by_subject.items():
        per_class[fn[:3]] += b + pr
    per_class_general["224"] += basic_total
    for p in projs:
        per_class_general[p["fn"][0][:3]] += p["general"]

    # 01 and 06: two side-by-side lists.
    def two_lists(income: list[tuple[str, Decimal | None]], spend: list[tuple[str, Decimal | None]],
                  tail: list[tuple[str, Decimal | None, str, Decimal | None, bool]]) -> list[Row]:
        out = []
        for i in range(max(len(income), len(spend))):
            cells = {}
            if i < len(income):
                cells["收入/项目"], cells["收入/预算数"] = income[i][0], fmt(income[i][1])
            if i < len(spend):
                cells["支出/项目"], cells["支出/预算数"] = spend[i][0], fmt(spend[i][1])
            out.append(_row(cells, i))
        for a, av, b, bv, is_total in tail:
            out.append(_row({"收入/项目": a, "收入/预算数": fmt(av), "支出/项目": b,
                             "支出/预算数": fmt(bv)}, len(out), is_total))
        return out

    income_values = {"一般公共预算拨款收入": G, "事业收入": proj_own - carry}
    income = [(f"{numeral(i + 1)}、{name}", income_values.get(name))
              for i, name in enumerate(INCOME_ITEMS)]
    spend = [(f"{numeral(i + 1)}、{name}支出", per_class.get(code))
             for i, (code, name) in enumerate(CLASSES)]
    table("01", "预算01表 收支总表", two_lists(income, spend, [
        ("本年收入合计", total - carry, "本年支出合计", total, True),
        ("上年结转结余", carry, "年终结转结余", None, False),
        ("收入总计", total, "支出总计", total, True)]))
    spend6 = [(f"{numeral(i + 1)}、{name}支出", per_class_general.get(code))
              for i, (code, name) in enumerate(CLASSES)]
    income6 = [("一、本年收入", G), ("（一）一般公共预算资金", G), ("（二）政府性基金预算资金", None),
               ("（三）国有资本经营预算资金", None)]
    table("06", "预算06表 财政拨款收支预算总表", two_lists(
        income6, [("一、本年支出", G)] + spend6,
        [("二、上年结转", None, "二、年终结转结余", None, False), ("收入总计", G, "支出总计", G, True)]))

    # 02: department row, unit row, total.
    def income_row(code: str, name: str, line: int, is_total: bool = False) -> Row:
        return _row({"部门（单位）代码": code, "部门（单位）名称": name, "合计": fmt(total),
                     "本年收入/小计": fmt(total - carry), "本年收入/一般公共预算资金": fmt(G),
                     "本年收入/事业收入": fmt(proj_own - carry),
                     "上年结转结余/小计": fmt(carry), "上年结转结余/单位资金": fmt(carry)},
                    line, is_total)
    table("02", "预算02表 收入总表", [income_row(dept_code, dept_name, 0),
                                  income_row(unit_code, unit_name, 1),
                                  income_row("", "", 2, True)])

    # 04: one row per project.
    rows = []
    for i, p in enumerate(projs):
        rows.append(_row({"项目单位": f"{unit_code} -{unit_name}", "类型": "22-公益一类",
                          "项目名称": p["name"], "支出功能分类科目": f"{p['fn'][0]} -{p['fn'][1]}",
                          "政府支出经济分类科目": "50502-商品和服务支出",
                          "部门支出经济分类科目": f"{p['econ'][0]}-{p['econ'][1]}",
                          "合计": fmt(p["general"] + p["own"]),
                          "本年拨款/一般公共预算": fmt(p["general"]), "单位资金": fmt(p["own"])}, i))
    rows.append(_row({"合计": fmt(proj_general + proj_own),
                      "本年拨款/一般公共预算": fmt(proj_general), "单位资金": fmt(proj_own)},
                     len(rows), True))
    table("04", "预算04表 项目支出表", rows)

    goods = (proj_general / 50).quantize(Q)
    services = (proj_general / 7).quantize(Q)
    table("05", "预算05表 政府采购预算明细表", [
        _row({"采购类别": "A-货物", "金额": fmt(goods)}, 0),
        _row({"采购类别": "C-服务", "金额": fmt(services)}, 1),
        _row({"金额": fmt(goods + services)}, 2, True)])

    # 07: unit × function subject, general budget only.
    unit_label = f"{unit_code}-{unit_name}"
    rows = [_row({"单位名称": unit_label, "功能分类科目/科目编码": "2240150", "功能分类科目/科目名称": "事业运行",
                  "本年预算数/合计": fmt(basic_total), "本年预算数/基本支出/小计": fmt(basic_total),
                  "本年预算数/基本支出/人员经费": fmt(personnel),
                  "本年预算数/基本支出/公用经费": fmt(public)}, 0)]
    by_fn: dict[tuple, Decimal] = defaultdict(Decimal)
    for p in projs:
        by_fn[p["fn"]] += p["general"]
    for (code, name), a in sorted(by_fn.items()):
        rows.append(_row({"单位名称": unit_label, "功能分类科目/科目编码": code, "功能分类科目/科目名称": name,
                          "本年预算数/合计": fmt(a), "本年预算数/项目支出/项目支出总数": fmt(a),
                          "本年预算数/项目支出/扣除基建项目后预算数": fmt(a)}, len(rows)))
    rows.append(_row({"本年预算数/合计": fmt(G),
                      "本年预算数/基本支出/小计": fmt(basic_total),
                      "本年预算数/基本支出/人员经费": fmt(personnel),
                      "本年预算数/基本支出/公用经费": fmt(public),
                      "本年预算数/项目支出/项目支出总数": fmt(proj_general),
                      "本年预算数/项目支出/扣除基建项目后预算数": fmt(proj_general)}, len(rows), True))
    table("07", "预算07表 一般公共预算财政拨款支出表", rows)

    rows = [_row({"政府支出经济分类科目": g, "部门支出经济分类科目": d, "本年预算数/合计": fmt(a),
                  "本年预算数/人员经费" if p else "本年预算数/公用经费": fmt(a)}, i)
            for i, (g, d, p, a) in enumerate(basics)]
    rows.append(_row({"本年预算数/合计": fmt(basic_total),
                      "本年预算数/人员经费": fmt(personnel), "本年预算数/公用经费": fmt(public)},
                     len(rows), True))
    table("08", "预算08表 一般公共预算财政拨款基本支出表", rows)
    table("09", "预算09表 政府性基金预算财政拨款支出表",
          [_row({}, 0, True)])
    table("10", "预算10表 国有资本经营预算财政拨款支出表",
          [_row({}, 0, True)])

    rows = []
    for i, (y, reception, fuel, repair) in enumerate(sangong):
        car = fuel + repair
        rows.append(_row({"年度": str(y), "“三公”经费财政拨款预算总额": fmt(reception + car),
                          "公务接待费": fmt(reception), "公务用车购置及运行维护费/小计": fmt(car),
                          "公务用车购置及运行维护费/公务用车运行维护费/小计": fmt(car),
                          "公务用车购置及运行维护费/公务用车运行维护费/公务用车加油": fmt(fuel),
                          "公务用车购置及运行维护费/公务用车运行维护费/公务用车维修": fmt(repair)}, i))
    table("11", "预算11表 财政拨款（含一般公共预算和政府性基金预算）“三公”经费支出表", rows)
    table("12", "预算12表 政府购买服务预算财政拨款明细表", [_row({}, 0, True)])

    rows = []
    for p in projs:
        goal = "，".join(_text(rng, rng.randint(3, 8)) for _ in range(rng.randint(2, 9))) + "。"
        person = rng.choice("王李张刘陈杨") + rng.choice(["博", "鑫", "乃溪", "晓明"])
        phone = rng.choice(["010-", ""]) + str(rng.randint(55570000, 55579999))
        for _k in range(rng.randint(*indicators)):
            first, second, nature, unit = rng.choice(INDICATORS)
            value = "优良中低差" if nature == "定性" else str(rng.randint(1, 200))
            rows.append(_row({"单位名称": unit_label, "项目名称": f"{p['code']}-{p['name']}",
                              "项目类别": "31-部门项目", "项目责任人": person, "项目责任人电话": phone,
                              "项目总额": fmt(p["general"] + p["own"]), "其中/财政资金": fmt(p["general"]),
                              "其中/其他资金": fmt(p["own"]), "绩效目标": goal, "一级指标": first,
                              "二级指标": second, "三级指标": _text(rng, rng.randint(1, 7)),
                              "绩效指标性质": nature, "本年绩效指标值": value, "绩效度量单位": unit,
                              "指标方向性": "反向指标" if nature == "≤" else "正向指标"}, len(rows)))
    table("13", "预算表13 年度项目支出绩效表", rows)

    identity = DocumentIdentity(
        unit_code=unit_code, unit_name=unit_name, department_code=dept_code,
        department_name=dept_name, fiscal_year=year, kind=DocumentKind.UNIT_BUDGET,
        sha256="", file_name="synthetic", template=tpl.id)
    return ParsedDocument(identity=identity, tables=dict(sorted(tables.items())))
