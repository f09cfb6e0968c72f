"""``core.dim_*``: the dimensions of the star schema.

Every dimension has a natural key (codes as published, keyed by fiscal year where the
national standard is revised yearly), so facts reference dimensions by those keys and the
load can stage facts and dimensions alike with COPY, without looking up surrogate ids.

Subjects carry their parent code and level (类/款/项); a code's ancestors are inserted too
(with a NULL name when no table printed it), so a roll-up never loses a row.
"""

from __future__ import annotations

from sqlalchemy import (
    ARRAY,
    Boolean,
    CheckConstraint,
    ForeignKey,
    ForeignKeyConstraint,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
)

from loader.schema._build import col, comment


def _subject(metadata: MetaData, name: str, zh: str, en: str, levels: str) -> None:
    Table(
        name, metadata,
        col("fiscal_year", Integer, "预算年度", "fiscal year of the classification",
            ForeignKey("core.dim_fiscal_year.fiscal_year"), nullable=False),
        col("code", Text, "科目编码", "subject code", nullable=False),
        col("name", Text, "科目名称", "subject name as printed (NULL if no table printed it)"),
        col("level", Text, "级次", f"level: {levels}", nullable=False),
        col("parent_code", Text, "上级科目编码", "parent subject code (NULL at the top level)"),
        PrimaryKeyConstraint("fiscal_year", "code"),
        ForeignKeyConstraint(["fiscal_year", "parent_code"],
                             [f"core.{name}.fiscal_year", f"core.{name}.code"]),
        schema="core",
        comment=comment(zh, en),
    )


def define(metadata: MetaData) -> None:
    Table(
        "dim_fiscal_year", metadata,
        col("fiscal_year", Integer, "预算年度", "fiscal year", primary_key=True, autoincrement=False),
        schema="core",
        comment=comment("预算年度维度", "fiscal year dimension"),
    )
    Table(
        "dim_unit", metadata,
        col("unit_code", Text, "单位代码", "department (3 digits) or unit (6 digits) code",
            primary_key=True),
        col("unit_name", Text, "单位名称", "name as last printed"),
        col("level", Text, "级别", "department | unit", nullable=False),
        col("department_code", Text, "所属部门代码", "parent department code (itself for a department)",
            nullable=False),
        col("unit_type_code", Text, "单位类型代码", "unit type code, e.g. 22"),
        col("unit_type_name", Text, "单位类型", "unit type name, e.g. 公益一类"),
        CheckConstraint("level IN ('department','unit')", name="level"),
        schema="core",
        comment=comment("预算单位维度：部门及其所属单位", "budget unit dimension: departments and their units"),
    )
    _subject(metadata, "dim_function_subject", "支出功能分类科目维度",
             "expenditure function classification (类 3 / 款 5 / 项 7 digits)", "类 | 款 | 项")
    _subject(metadata, "dim_gov_economic_subject", "政府支出经济分类科目维度",
             "government economic classification (类 3 / 款 5 digits)", "类 | 款")
    _subject(metadata, "dim_dept_economic_subject", "部门支出经济分类科目维度",
             "department economic classification (类 3 / 款 5 / 项 7 digits)", "类 | 款 | 项")
    Table(
        "dim_project", metadata,
        col("fiscal_year", Integer, "预算年度", "fiscal year",
            ForeignKey("core.dim_fiscal_year.fiscal_year"), nullable=False),
        col("unit_code", Text, "项目单位代码", "unit that owns the project",
            ForeignKey("core.dim_unit.unit_code"), nullable=False),
        col("project_name", Text, "项目名称", "project name as printed", nullable=False),
        col("project_code", Text, "项目编码", "project code (from table 13; NULL if not printed)"),
        col("category_code", Text, "项目类别代码", "project category code, e.g. 31"),
        col("category_name", Text, "项目类别", "project category name, e.g. 部门项目"),
        col("owner", Text, "项目责任人", "person responsible"),
        col("phone", Text, "项目责任人电话", "phone as printed (never corrected)"),
        col("goal", Text, "绩效目标", "performance goal"),
        PrimaryKeyConstraint("fiscal_year", "unit_code", "project_name"),
        schema="core",
        comment=comment("项目维度（表04的项目名称与表13的项目编码按名称对应）",
                        "project dimension (table 04 names matched to table 13 codes by name)"),
    )
    Table(
        "dim_funding_source", metadata,
        col("code", Text, "资金来源代码", "funding source code", primary_key=True),
        col("name_zh", Text, "资金来源", "name in Chinese", nullable=False),
        col("name_en", Text, "资金来源（英文）", "name in English", nullable=False),
        col("parent_code", Text, "上级资金来源", "parent funding source",
            ForeignKey("core.dim_funding_source.code")),
        col("is_appropriation", Boolean, "是否财政拨款", "part of fiscal appropriations (财政拨款)"),
        schema="core",
        comment=comment("资金来源维度：表01/02/04/06/13的资金列映射到同一维度",
                        "funding source dimension: the funding columns of tables 01/02/04/06/13"),
    )
    Table(
        "dim_procurement_category", metadata,
        col("code", Text, "采购类别代码", "procurement category code (A, B, C)", primary_key=True),
        col("name", Text, "采购类别", "category name (货物, 工程, 服务)"),
        schema="core",
        comment=comment("政府采购类别维度", "government procurement category dimension"),
    )
    Table(
        "dim_indicator_level", metadata,
        col("level1", Text, "一级指标", "indicator level 1 (产出指标, 效益指标, 满意度指标)", nullable=False),
        col("level2", Text, "二级指标", "indicator level 2 ('' when not printed)", nullable=False),
        PrimaryKeyConstraint("level1", "level2"),
        schema="core",
        comment=comment("绩效指标层级维度", "performance indicator levels dimension"),
    )
    Table(
        "dim_published_table", metadata,
        col("template", Text, "模板", "template id", nullable=False),
        col("table_id", Text, "表号", "table 01…13", nullable=False),
        col("title", Text, "表名", "title in the template", nullable=False),
        col("english", Text, "英文名", "English name; the published view is tNN_<english>",
            nullable=False),
        col("amount_unit", Text, "金额单位", "amount unit as printed, e.g. 万元", nullable=False),
        col("amount_scale", Integer, "小数位数", "printed decimals", nullable=False),
        PrimaryKeyConstraint("template", "table_id"),
        schema="core",
        comment=comment("公开表维度（来自模板）", "published tables (from the template)"),
    )
    Table(
        "dim_published_column", metadata,
        col("template", Text, "模板", "template id", nullable=False),
        col("table_id", Text, "表号", "table 01…13", nullable=False),
        col("column_path", Text, "列路径", "published heading path joined with /", nullable=False),
        col("position", Integer, "列序", "published left-to-right position, from 1", nullable=False),
        col("sql_name", Text, "字段名", "column name in facts and views", nullable=False),
        col("role", Text, "列类型", "text | amount | derived (小计/合计: computed, never stored)",
            nullable=False),
        col("funding_source_code", Text, "资金来源代码", "funding source of an amount column",
            ForeignKey("core.dim_funding_source.code")),
        col("budget_period", Text, "预算期", "current (本年) | carryover (上年结转结余)"),
        col("expenditure_kind", Text, "支出类型", "basic | project | personnel | public …"),
        col("english", Text, "英文含义", "meaning in English", nullable=False),
        PrimaryKeyConstraint("template", "table_id", "column_path"),
        ForeignKeyConstraint(["template", "table_id"],
                             ["core.dim_published_table.template", "core.dim_published_table.table_id"]),
        CheckConstraint("role IN ('text','amount','derived')", name="role"),
        schema="core",
        comment=comment("公开列维度：列路径、资金来源与支出类型",
                        "published columns: path, funding source and expenditure kind"),
    )
    Table(
        "dim_summary_line", metadata,
        col("template", Text, "模板", "template id", nullable=False),
        col("table_id", Text, "表号", "01 or 06", nullable=False),
        col("side", Text, "栏", "income | expenditure", nullable=False),
        col("label", Text, "项目", "printed item label without ordinal (一、（一）) and spaces",
            nullable=False),
        col("line_kind", Text, "行类型", "item (stored) | aggregate (computed by the view)",
            nullable=False),
        col("item_group", Text, "所属组", "group an item adds into: current | carryover"),
        col("sums_groups", ARRAY(Text), "汇总组", "groups an aggregate line sums"),
        col("funding_source_code", Text, "资金来源代码", "funding source of an income item",
            ForeignKey("core.dim_funding_source.code")),
        col("function_class_code", Text, "功能分类类级编码", "function class (类) of an expenditure item"),
        PrimaryKeyConstraint("template", "table_id", "side", "label"),
        CheckConstraint("line_kind IN ('item','aggregate')", name="kind"),
        schema="core",
        comment=comment("表01/06收支项目到资金来源、功能分类类级的映射（种子数据）",
                        "seed mapping of table 01/06 line labels to funding sources and function classes"),
    )
