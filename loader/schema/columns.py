"""Published column paths -> warehouse column names: one entry per column of every table.

This is the contract between the template (``loader/parse/templates/beijing.toml``, whose
column paths are published headings joined with ``/``) and the warehouse: the fact tables,
the ``published`` views, the round-trip proof and ``show --format csv`` all use it. A view
column carries the published heading in its COMMENT; its name (below) is what a BI tool shows.

Each entry is ``column path -> (sql name, English meaning)``. Every column of the template
must appear here; ``tests/schema`` fails when one is missing, so a template change cannot
silently drop a column.
"""

from __future__ import annotations

from types import MappingProxyType

_SPEC: dict[str, dict[str, tuple[str, str]]] = {
    "01": {
        "收入/项目": ("income_item", "income item as printed"),
        "收入/预算数": ("income_amount", "income budget amount"),
        "支出/项目": ("expenditure_item", "expenditure item (function class) as printed"),
        "支出/预算数": ("expenditure_amount", "expenditure budget amount"),
    },
    "02": {
        "部门（单位）代码": ("unit_code_printed", "department or unit code as printed"),
        "部门（单位）名称": ("unit_name_printed", "department or unit name as printed"),
        "合计": ("total", "total income (derived)"),
        "本年收入/小计": ("current_subtotal", "current-year income subtotal (derived)"),
        "本年收入/一般公共预算资金": ("current_general_budget", "current-year general public budget funds"),
        "本年收入/政府性基金预算资金": ("current_government_fund", "current-year government fund budget funds"),
        "本年收入/国有资本经营预算资金": ("current_state_capital", "current-year state capital operation budget funds"),
        "本年收入/财政专户管理资金": ("current_fiscal_special_account", "current-year funds managed in fiscal special accounts"),
        "本年收入/事业收入": ("current_public_institution_income", "current-year public institution (service) income"),
        "本年收入/事业单位经营收入": ("current_business_income", "current-year business income of public institutions"),
        "本年收入/上级补助收入": ("current_superior_subsidy", "current-year subsidy from the superior body"),
        "本年收入/附属单位上缴收入": ("current_subordinate_remittance", "current-year remittances from subordinate units"),
        "本年收入/其他收入": ("current_other_income", "current-year other income"),
        "上年结转结余/小计": ("carryover_subtotal", "carry-over from previous years, subtotal (derived)"),
        "上年结转结余/一般公共预算资金": ("carryover_general_budget", "carry-over of general public budget funds"),
        "上年结转结余/政府性基金预算资金": ("carryover_government_fund", "carry-over of government fund budget funds"),
        "上年结转结余/国有资本经营预算资金": ("carryover_state_capital", "carry-over of state capital operation budget funds"),
        "上年结转结余/财政专户管理资金": ("carryover_fiscal_special_account", "carry-over of fiscal special account funds"),
        "上年结转结余/单位资金": ("carryover_unit_funds", "carry-over of the unit's own funds"),
    },
    "03": {
        "支出功能分类科目": ("function_subject", "function classification subject as printed (code-name)"),
        "政府支出经济分类科目": ("gov_economic_subject", "government economic classification subject as printed"),
        "部门支出经济分类科目": ("dept_economic_subject", "department economic classification subject as printed"),
        "合计": ("total", "total expenditure (derived)"),
        "基本支出": ("basic_expenditure", "basic expenditure"),
        "项目支出": ("project_expenditure", "project expenditure"),
        "其中/事业单位经营支出": ("of_which_business_expenditure", "of which: business expenditure of public institutions"),
        "其中/上缴上级支出": ("of_which_remittance_to_superior", "of which: remittance to the superior body"),
        "其中/对附属单位补助支出": ("of_which_subsidy_to_subordinate", "of which: subsidies to subordinate units"),
    },
    "04": {
        "项目单位": ("project_unit", "project unit as printed (code-name)"),
        "类型": ("unit_type", "unit type as printed (code-name)"),
        "项目名称": ("project_name", "project name"),
        "支出功能分类科目": ("function_subject", "function classification subject as printed"),
        "政府支出经济分类科目": ("gov_economic_subject", "government economic classification subject as printed"),
        "部门支出经济分类科目": ("dept_economic_subject", "department economic classification subject as printed"),
        "合计": ("total", "total (derived)"),
        "本年拨款/一般公共预算": ("current_general_budget", "current-year appropriation, general public budget"),
        "本年拨款/政府性基金预算": ("current_government_fund", "current-year appropriation, government fund budget"),
        "本年拨款/国有资本经营预算": ("current_state_capital", "current-year appropriation, state capital operation budget"),
        "财政拨款结转结余/一般公共预算": ("carryover_general_budget", "appropriation carry-over, general public budget"),
        "财政拨款结转结余/政府性基金预算": ("carryover_government_fund", "appropriation carry-over, government fund budget"),
        "财政拨款结转结余/国有资本经营预算": ("carryover_state_capital", "appropriation carry-over, state capital operation budget"),
        "财政专户管理资金": ("fiscal_special_account", "funds managed in fiscal special accounts"),
        "单位资金": ("unit_funds", "the unit's own funds"),
    },
    "05": {
        "采购类别": ("procurement_category", "procurement category as printed (code-name)"),
        "金额": ("amount", "procurement budget amount"),
    },
    "06": {
        "收入/项目": ("income_item", "income item as printed"),
        "收入/预算数": ("income_amount", "income budget amount"),
        "支出/项目": ("expenditure_item", "expenditure item (function class) as printed"),
        "支出/预算数": ("expenditure_amount", "expenditure budget amount"),
    },
    "07": {
        "单位名称": ("unit", "unit as printed (code-name)"),
        "功能分类科目/科目编码": ("function_code", "function classification subject code"),
        "功能分类科目/科目名称": ("function_name", "function classification subject name"),
        "本年预算数/合计": ("total", "current-year budget, total (derived)"),
        "本年预算数/基本支出/小计": ("basic_subtotal", "basic expenditure, subtotal (derived)"),
        "本年预算数/基本支出/人员经费": ("basic_personnel", "basic expenditure, personnel costs"),
        "本年预算数/基本支出/公用经费": ("basic_public", "basic expenditure, public (operating) costs"),
        "本年预算数/项目支出/项目支出总数": ("project_total", "project expenditure, total"),
        "本年预算数/项目支出/扣除基建项目后预算数": ("project_excluding_capital", "project expenditure excluding capital construction projects"),
    },
    "08": {
        "政府支出经济分类科目": ("gov_economic_subject", "government economic classification subject as printed"),
        "部门支出经济分类科目": ("dept_economic_subject", "department economic classification subject as printed"),
        "本年预算数/合计": ("total", "current-year budget, total (derived)"),
        "本年预算数/人员经费": ("personnel", "personnel costs"),
        "本年预算数/公用经费": ("public", "public (operating) costs"),
    },
    "09": {
        "支出功能分类科目": ("function_subject", "function classification subject as printed"),
        "政府支出经济分类科目": ("gov_economic_subject", "government economic classification subject as printed"),
        "部门支出经济分类科目": ("dept_economic_subject", "department economic classification subject as printed"),
        "本年预算数/合计": ("total", "current-year budget, total (derived)"),
        "本年预算数/基本支出": ("basic_expenditure", "basic expenditure"),
        "本年预算数/项目支出": ("project_expenditure", "project expenditure"),
    },
    "10": {
        "支出功能分类科目": ("function_subject", "function classification subject as printed"),
        "政府支出经济分类科目": ("gov_economic_subject", "government economic classification subject as printed"),
        "部门支出经济分类科目": ("dept_economic_subject", "department economic classification subject as printed"),
        "本年国有资本经营预算支出/合计": ("total", "current-year state capital expenditure, total (derived)"),
        "本年国有资本经营预算支出/基本支出": ("basic_expenditure", "basic expenditure"),
        "本年国有资本经营预算支出/项目支出": ("project_expenditure", "project expenditure"),
    },
    "11": {
        "年度": ("budget_year", "year the row budgets (previous or current)"),
        "“三公”经费财政拨款预算总额": ("total", "'three public' expenses appropriation total (derived)"),
        "因公出国（境）费用": ("outbound_travel", "official travel abroad"),
        "公务接待费": ("official_reception", "official reception"),
        "公务用车购置及运行维护费/小计": ("vehicle_subtotal", "official vehicles, subtotal (derived)"),
        "公务用车购置及运行维护费/公务用车购置费": ("vehicle_purchase", "official vehicle purchase"),
        "公务用车购置及运行维护费/公务用车运行维护费/小计": ("vehicle_operation_subtotal", "official vehicle operation, subtotal (derived)"),
        "公务用车购置及运行维护费/公务用车运行维护费/公务用车加油": ("vehicle_fuel", "official vehicle fuel"),
        "公务用车购置及运行维护费/公务用车运行维护费/公务用车维修": ("vehicle_repair", "official vehicle repair"),
        "公务用车购置及运行维护费/公务用车运行维护费/公务用车保险": ("vehicle_insurance", "official vehicle insurance"),
        "公务用车购置及运行维护费/公务用车运行维护费/其他": ("vehicle_other", "official vehicle, other operation costs"),
    },
    "12": {
        "项目名称": ("item_name", "purchased service item name"),
        "指导性目录/一级": ("catalog_level1", "guiding catalogue, level 1"),
        "指导性目录/二级": ("catalog_level2", "guiding catalogue, level 2"),
        "指导性目录/三级": ("catalog_level3", "guiding catalogue, level 3"),
        "服务领域": ("service_area", "service area"),
        "预算金额": ("budget_amount", "budget amount"),
    },
    "13": {
        "单位名称": ("unit", "unit as printed (code-name)"),
        "项目名称": ("project", "project as printed (code-name)"),
        "项目类别": ("project_category", "project category as printed (code-name)"),
        "项目责任人": ("project_owner", "person responsible for the project"),
        "项目责任人电话": ("owner_phone", "phone of the person responsible, as printed"),
        "项目总额": ("project_total", "project total (derived)"),
        "其中/财政资金": ("fiscal_funds", "of which: fiscal appropriation funds"),
        "其中/其他资金": ("other_funds", "of which: other funds"),
        "绩效目标": ("performance_goal", "performance goal"),
        "一级指标": ("indicator_level1", "indicator, level 1"),
        "二级指标": ("indicator_level2", "indicator, level 2"),
        "三级指标": ("indicator_level3", "indicator, level 3"),
        "绩效指标性质": ("indicator_nature", "indicator comparison (＝ ≥ ≤ 定性)"),
        "本年绩效指标值": ("indicator_value", "indicator target value this year"),
        "绩效度量单位": ("indicator_unit", "unit of measure of the indicator"),
        "指标方向性": ("indicator_direction", "indicator direction (正向/反向)"),
    },
}

COLUMNS = MappingProxyType({t: MappingProxyType(cols) for t, cols in _SPEC.items()})


def sql_name(table_id: str, column_path: str) -> str:
    """The warehouse name of one published column; KeyError if the template grew a column."""
    return COLUMNS[table_id][column_path][0]


def english(table_id: str, column_path: str) -> str:
    return COLUMNS[table_id][column_path][1]
