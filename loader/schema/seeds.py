"""Reference data the warehouse needs before any document: funding sources and the 01/06 lines.

Tables 01 and 06 print income items and function classes (类) by *name*, without codes. They
are mapped to dimensions through this data (seeded into ``core.dim_summary_line`` by the
migration), never through special cases in code: a new label is a new entry here (and a new
migration that upserts it). Labels are stored normalised by ``normalise_label``: without the
ordinal prefix (一、 （一）) and without spaces.

Nothing here comes from one sample's figures: the funding sources follow the national
budget structure (domain.md "Funding sources"), the function classes the national
classification's 类 codes.
"""

from __future__ import annotations

import re

# code, Chinese, English, parent, is_appropriation
FUNDING_SOURCES: tuple[tuple[str, str, str, str | None, bool | None], ...] = (
    ("all", "全部资金", "all funds", None, None),
    ("appropriation", "财政拨款", "fiscal appropriations", "all", True),
    ("general_budget", "一般公共预算", "general public budget", "appropriation", True),
    ("government_fund", "政府性基金预算", "government fund budget", "appropriation", True),
    ("state_capital", "国有资本经营预算", "state capital operation budget", "appropriation", True),
    ("non_appropriation", "其他资金", "funds other than appropriations", "all", False),
    ("fiscal_special_account", "财政专户管理资金", "funds managed in fiscal special accounts",
     "non_appropriation", False),
    ("unit_funds", "单位资金", "the unit's own funds", "non_appropriation", False),
    ("public_institution_income", "事业收入", "public institution (service) income", "unit_funds", False),
    ("business_income", "事业单位经营收入", "business income of public institutions", "unit_funds", False),
    ("superior_subsidy", "上级补助收入", "subsidy from the superior body", "unit_funds", False),
    ("subordinate_remittance", "附属单位上缴收入", "remittances from subordinate units", "unit_funds", False),
    ("other_income", "其他收入", "other income", "unit_funds", False),
)

# (table, column path) -> (funding source, budget period, expenditure kind); absent = None.
COLUMN_MEANING: dict[tuple[str, str], tuple[str | None, str | None, str | None]] = {
    ("02", "本年收入/一般公共预算资金"): ("general_budget", "current", None),
    ("02", "本年收入/政府性基金预算资金"): ("government_fund", "current", None),
    ("02", "本年收入/国有资本经营预算资金"): ("state_capital", "current", None),
    ("02", "本年收入/财政专户管理资金"): ("fiscal_special_account", "current", None),
    ("02", "本年收入/事业收入"): ("public_institution_income", "current", None),
    ("02", "本年收入/事业单位经营收入"): ("business_income", "current", None),
    ("02", "本年收入/上级补助收入"): ("superior_subsidy", "current", None),
    ("02", "本年收入/附属单位上缴收入"): ("subordinate_remittance", "current", None),
    ("02", "本年收入/其他收入"): ("other_income", "current", None),
    ("02", "上年结转结余/一般公共预算资金"): ("general_budget", "carryover", None),
    ("02", "上年结转结余/政府性基金预算资金"): ("government_fund", "carryover", None),
    ("02", "上年结转结余/国有资本经营预算资金"): ("state_capital", "carryover", None),
    ("02", "上年结转结余/财政专户管理资金"): ("fiscal_special_account", "carryover", None),
    ("02", "上年结转结余/单位资金"): ("unit_funds", "carryover", None),
    ("03", "基本支出"): ("all", None, "basic"),
    ("03", "项目支出"): ("all", None, "project"),
    ("04", "本年拨款/一般公共预算"): ("general_budget", "current", "project"),
    ("04", "本年拨款/政府性基金预算"): ("government_fund", "current", "project"),
    ("04", "本年拨款/国有资本经营预算"): ("state_capital", "current", "project"),
    ("04", "财政拨款结转结余/一般公共预算"): ("general_budget", "carryover", "project"),
    ("04", "财政拨款结转结余/政府性基金预算"): ("government_fund", "carryover", "project"),
    ("04", "财政拨款结转结余/国有资本经营预算"): ("state_capital", "carryover", "project"),
    ("04", "财政专户管理资金"): ("fiscal_special_account", None, "project"),
    ("04", "单位资金"): ("unit_funds", None, "project"),
    ("07", "本年预算数/基本支出/人员经费"): ("general_budget", "current", "basic_personnel"),
    ("07", "本年预算数/基本支出/公用经费"): ("general_budget", "current", "basic_public"),
    ("07", "本年预算数/项目支出/项目支出总数"): ("general_budget", "current", "project"),
    ("08", "本年预算数/人员经费"): ("general_budget", "current", "basic_personnel"),
    ("08", "本年预算数/公用经费"): ("general_budget", "current", "basic_public"),
    ("09", "本年预算数/基本支出"): ("government_fund", "current", "basic"),
    ("09", "本年预算数/项目支出"): ("government_fund", "current", "project"),
    ("10", "本年国有资本经营预算支出/基本支出"): ("state_capital", "current", "basic"),
    ("10", "本年国有资本经营预算支出/项目支出"): ("state_capital", "current", "project"),
    ("13", "其中/财政资金"): ("appropriation", None, "project"),
    ("13", "其中/其他资金"): ("non_appropriation", None, "project"),
}

# Function classes (类) as tables 01 and 06 print them: printed label -> 类 code.
FUNCTION_CLASS_LABELS: dict[str, str] = {
    "一般公共服务支出": "201", "外交支出": "202", "国防支出": "203", "公共安全支出": "204",
    "教育支出": "205", "科学技术支出": "206", "文化旅游体育与传媒支出": "207",
    "社会保障和就业支出": "208", "社会保险基金支出": "209", "卫生健康支出": "210",
    "节能环保支出": "211", "城乡社区支出": "212", "农林水支出": "213", "交通运输支出": "214",
    "资源勘探工业信息等支出": "215", "商业服务业等支出": "216", "金融支出": "217",
    "援助其他地区支出": "219", "自然资源海洋气象等支出": "220", "住房保障支出": "221",
    "粮油物资储备支出": "222", "国有资本经营预算支出": "223", "灾害防治及应急管理支出": "224",
    "预备费": "227", "其他支出": "229", "转移性支出": "230", "债务还本支出": "231",
    "债务付息支出": "232", "债务发行费用支出": "233", "抗疫特别国债安排的支出": "234",
}

CUR, CARRY = "current", "carryover"

# (table, side, label, line kind, item group, summed groups, funding source)
_LINES: tuple[tuple[str, str, str, str, str | None, tuple[str, ...] | None, str | None], ...] = (
    # 01 收支总表, income side
    ("01", "income", "一般公共预算拨款收入", "item", CUR, None, "general_budget"),
    ("01", "income", "政府性基金预算拨款收入", "item", CUR, None, "government_fund"),
    ("01", "income", "国有资本经营预算拨款收入", "item", CUR, None, "state_capital"),
    ("01", "income", "财政专户管理资金收入", "item", CUR, None, "fiscal_special_account"),
    ("01", "income", "事业收入", "item", CUR, None, "public_institution_income"),
    ("01", "income", "上级补助收入", "item", CUR, None, "superior_subsidy"),
    ("01", "income", "附属单位上缴收入", "item", CUR, None, "subordinate_remittance"),
    ("01", "income", "事业单位经营收入", "item", CUR, None, "business_income"),
    ("01", "income", "其他收入", "item", CUR, None, "other_income"),
    ("01", "income", "本年收入合计", "aggregate", None, (CUR,), None),
    ("01", "income", "上年结转结余", "item", CARRY, None, "all"),
    ("01", "income", "收入总计", "aggregate", None, (CUR, CARRY), None),
    ("01", "expenditure", "本年支出合计", "aggregate", None, (CUR,), None),
    ("01", "expenditure", "年终结转结余", "item", CARRY, None, None),
    ("01", "expenditure", "支出总计", "aggregate", None, (CUR, CARRY), None),
    # 06 财政拨款收支预算总表
    ("06", "income", "本年收入", "aggregate", None, (CUR,), None),
    ("06", "income", "一般公共预算资金", "item", CUR, None, "general_budget"),
    ("06", "income", "政府性基金预算资金", "item", CUR, None, "government_fund"),
    ("06", "income", "国有资本经营预算资金", "item", CUR, None, "state_capital"),
    ("06", "income", "上年结转", "aggregate", None, (CARRY,), None),
    ("06", "income", "一般公共预算拨款", "item", CARRY, None, "general_budget"),
    ("06", "income", "政府性基金预算拨款", "item", CARRY, None, "government_fund"),
    ("06", "income", "国有资本经营预算拨款", "item", CARRY, None, "state_capital"),
    ("06", "income", "收入总计", "aggregate", None, (CUR, CARRY), None),
    ("06", "expenditure", "本年支出", "aggregate", None, (CUR,), None),
    ("06", "expenditure", "年终结转结余", "item", CARRY, None, None),
    ("06", "expenditure", "支出总计", "aggregate", None, (CUR, CARRY), None),
)


def summary_lines(template: str = "beijing") -> list[dict]:
    """Rows of ``core.dim_summary_line``: the lines above plus every function class, both tables."""
    rows = [
        dict(template=template, table_id=t, side=side, label=label, line_kind=kind,
             item_group=group, sums_groups=list(sums) if sums else None,
             funding_source_code=source, function_class_code=None)
        for t, side, label, kind, group, sums, source in _LINES
    ]
    for table_id in ("01", "06"):
        for label, code in FUNCTION_CLASS_LABELS.items():
            fund = "all" if table_id == "01" else "appropriation"
            rows.append(dict(template=template, table_id=table_id, side="expenditure", label=label,
                             line_kind="item", item_group=CUR, sums_groups=None,
                             funding_source_code=fund, function_class_code=code))
    return rows


def funding_sources() -> list[dict]:
    return [dict(code=c, name_zh=zh, name_en=en, parent_code=p, is_appropriation=a)
            for c, zh, en, p, a in FUNDING_SOURCES]


# Either "（一）" or "一、": a bare leading 一 is part of words such as 一般公共预算.
_ORDINAL = re.compile(r"^\s*(?:[（(][一二三四五六七八九十百]+[)）]|[一二三四五六七八九十百]+\s*[、.．])")


def normalise_label(printed: str) -> str:
    """``"二十三、灾害防治及应急管理支出"`` -> ``"灾害防治及应急管理支出"``; spaces removed."""
    return re.sub(r"\s+", "", _ORDINAL.sub("", printed))
