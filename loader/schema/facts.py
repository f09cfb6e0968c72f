"""``core.fct_*``: one fact table per published grain, amounts exact (NUMERIC).

Each fact row is one published row (or one item of a 01/06 list) of the current version of a
document. It carries:

- the document version it came from and its source location (page, line; the table is the
  fact table, the column path of every column is in ``core.dim_published_column`` and the
  view column's COMMENT) and how each amount's column was decided (``decided_by``);
- the printed text cells, exactly as printed (a source is never "fixed"), and beside them the
  dimension keys read from them;
- one NUMERIC column per *stored* amount column. Derived columns (the template's
  ``derived_columns``: 小计/合计) and 合计 rows are never stored: the ``published`` views
  compute them from these facts.

Column names come from ``loader.schema.columns`` so facts, views and the loader agree.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    ForeignKeyConstraint,
    Identity,
    Index,
    Integer,
    MetaData,
    Numeric,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

from loader.schema._build import col, comment
from loader.schema.columns import COLUMNS
from loader.schema.template import column_roles

# Precision for every amount: 万元 with 6 decimals today; 18 integer digits leave room for
# regions that print in 元. Never float.
AMOUNT = Numeric(24, 6)

# table id -> fact table holding its rows (01 and 06 share one grain: a line item).
FACT_TABLE = {
    "01": "fct_summary_line", "06": "fct_summary_line",
    "02": "fct_income", "03": "fct_expenditure", "04": "fct_project_expenditure",
    "05": "fct_procurement", "07": "fct_general_budget_expenditure",
    "08": "fct_general_budget_basic_expenditure", "09": "fct_government_fund_expenditure",
    "10": "fct_state_capital_expenditure", "11": "fct_three_public_expenses",
    "12": "fct_purchased_service", "13": "fct_performance_indicator",
}


def _common() -> list:
    """Columns every fact table starts with: identity, provenance, document keys."""
    return [
        col("fact_id", BigInteger, "事实编号", "fact id", Identity(), primary_key=True),
        col("document_version_id", BigInteger, "文件版本编号", "document version the row came from",
            ForeignKey("audit.document_version.document_version_id"), nullable=False),
        col("unit_code", Text, "文件单位代码", "unit code of the document",
            ForeignKey("core.dim_unit.unit_code"), nullable=False),
        col("fiscal_year", Integer, "预算年度", "fiscal year of the document",
            ForeignKey("core.dim_fiscal_year.fiscal_year"), nullable=False),
        col("row_no", Integer, "公开行序", "published row order (0-based index of the parsed row)",
            nullable=False),
        col("source_page", Integer, "来源页", "page the row was printed on (NULL for text exports)"),
        col("source_line", Integer, "来源行", "line the row was printed on", nullable=False),
        col("decided_by", JSONB, "列判定方式", "column path -> position | identity | prior",
            nullable=False, server_default=text("'{}'::jsonb")),
    ]


def _published(table_id: str, stored_text: bool = True) -> list:
    """The published columns of one table: text as printed, stored amounts as NUMERIC."""
    cols = []
    roles = column_roles(table_id)
    for path, (name, en) in COLUMNS[table_id].items():
        role = roles[path]
        if role == "derived":
            continue  # computed by the view, never stored
        type_ = AMOUNT if role == "amount" else Text
        if role == "text" and not stored_text:
            continue
        cols.append(col(name, type_, path, en))
    return cols


def _subject_keys(*kinds: str) -> list:
    """Subject code columns and their composite foreign keys to the yearly subject dimensions."""
    spec = {
        "function": ("function_subject_code", "dim_function_subject", "支出功能分类科目编码",
                     "function subject code"),
        "gov": ("gov_economic_code", "dim_gov_economic_subject", "政府支出经济分类科目编码",
                "government economic subject code"),
        "dept": ("dept_economic_code", "dim_dept_economic_subject", "部门支出经济分类科目编码",
                 "department economic subject code"),
    }
    out = []
    for kind in kinds:
        name, dim, zh, en = spec[kind]
        out.append(col(name, Text, zh, en + " (read from the printed subject)"))
        out.append(ForeignKeyConstraint(["fiscal_year", name],
                                        [f"core.{dim}.fiscal_year", f"core.{dim}.code"]))
    return out


def _fact(metadata: MetaData, name: str, table_id: str, zh: str, en: str, *extra) -> Table:
    # Indexes: UNIQUE (document_version_id, row_no) also serves every lookup by version (the
    # views, the checks, deletes, the foreign key): no separate document_version_id index,
    # one index less to maintain on each inserted row.
    return Table(
        name, metadata, *_common(), *_published(table_id), *extra,
        UniqueConstraint("document_version_id", "row_no"),
        schema="core", comment=comment(zh, en),
    )


def _by_year_and_unit(name: str) -> Index:
    """(fiscal_year, unit_code) for the analysts' cross-document queries (published.budget_lines).

    ``text_pattern_ops`` so a department prefix (``unit_code LIKE '101%'``) is an index range
    too, whatever the database's collation; equality uses it as well.
    """
    return Index(f"ix_{name}_year_unit", "fiscal_year", "unit_code",
                 postgresql_ops={"unit_code": "text_pattern_ops"})


def define(metadata: MetaData) -> None:
    Table(
        "fct_summary_line", metadata, *_common(),
        col("template", Text, "模板", "template id", nullable=False),
        col("table_id", Text, "表号", "01 收支总表 or 06 财政拨款收支预算总表", nullable=False),
        col("side", Text, "栏", "income (收入) | expenditure (支出)", nullable=False),
        col("label", Text, "项目", "item label as printed", nullable=False),
        col("label_key", Text, "项目映射键",
            "label matched in core.dim_summary_line (NULL: not in the seed, see findings)"),
        col("amount", AMOUNT, "预算数",
            "amount of an item line; NULL for a blank and for aggregate lines (computed)"),
        UniqueConstraint("document_version_id", "table_id", "row_no", "side"),  # serves version lookups
        ForeignKeyConstraint(["template", "table_id", "side", "label_key"],
                             ["core.dim_summary_line.template", "core.dim_summary_line.table_id",
                              "core.dim_summary_line.side", "core.dim_summary_line.label"]),
        CheckConstraint("side IN ('income','expenditure')", name="side"),
        schema="core",
        comment=comment("表01/06收支项目：每行每栏一条（合计、总计行由视图计算）",
                        "tables 01/06: one row per printed line and side (totals computed by views)"),
    )
    _fact(metadata, "fct_income", "02", "表02收入：每个部门/单位一行（部门行与合计行由视图计算）",
          "table 02 income: one row per department/unit row (department rows and 合计 computed)",
          col("row_unit_code", Text, "行单位代码", "unit or department of the row",
              ForeignKey("core.dim_unit.unit_code")),
          col("is_department", Boolean, "是否部门行",
              "a department row: amounts NULL here, the view sums its units", nullable=False))
    _fact(metadata, "fct_expenditure", "03", "表03支出：功能×政府经济×部门经济科目",
          "table 03 expenditure: function × gov. economic × dept. economic subject",
          *_subject_keys("function", "gov", "dept"), _by_year_and_unit("fct_expenditure"))
    _fact(metadata, "fct_project_expenditure", "04", "表04项目支出：项目×科目",
          "table 04 project expenditure: project × subjects",
          col("project_unit_code", Text, "项目单位代码", "unit of the project",
              ForeignKey("core.dim_unit.unit_code")),
          *_subject_keys("function", "gov", "dept"),
          ForeignKeyConstraint(["fiscal_year", "project_unit_code", "project_name"],
                               ["core.dim_project.fiscal_year", "core.dim_project.unit_code",
                                "core.dim_project.project_name"]),
          _by_year_and_unit("fct_project_expenditure"))
    _fact(metadata, "fct_procurement", "05", "表05政府采购：每个采购类别一行",
          "table 05 procurement: one row per procurement category",
          col("procurement_category_code", Text, "采购类别代码", "procurement category",
              ForeignKey("core.dim_procurement_category.code")))
    _fact(metadata, "fct_general_budget_expenditure", "07",
          "表07一般公共预算财政拨款支出：单位×功能科目",
          "table 07 general public budget appropriation expenditure: unit × function subject",
          col("row_unit_code", Text, "行单位代码", "unit of the row",
              ForeignKey("core.dim_unit.unit_code")),
          *_subject_keys("function"))
    _fact(metadata, "fct_general_budget_basic_expenditure", "08",
          "表08一般公共预算财政拨款基本支出：政府经济×部门经济科目",
          "table 08 general budget basic expenditure: gov. × dept. economic subject",
          *_subject_keys("gov", "dept"))
    _fact(metadata, "fct_government_fund_expenditure", "09",
          "表09政府性基金预算财政拨款支出：功能×经济科目",
          "table 09 government fund appropriation expenditure: function × economic subjects",
          *_subject_keys("function", "gov", "dept"))
    _fact(metadata, "fct_state_capital_expenditure", "10",
          "表10国有资本经营预算财政拨款支出：功能×经济科目",
          "table 10 state capital appropriation expenditure: function × economic subjects",
          *_subject_keys("function", "gov", "dept"))
    _fact(metadata, "fct_three_public_expenses", "11", "表11“三公”经费：每个年度一行",
          "table 11 'three public' expenses: one row per budget year (previous, current)",
          col("row_fiscal_year", Integer, "行年度", "year the row budgets",
              ForeignKey("core.dim_fiscal_year.fiscal_year")))
    _fact(metadata, "fct_purchased_service", "12", "表12政府购买服务：每个服务项目一行",
          "table 12 government purchased services: one row per service item")
    _fact(metadata, "fct_performance_indicator", "13",
          "表13绩效指标：每个项目的每个指标一行（项目金额按印刷保存，汇总时只取项目首行）",
          "table 13 performance indicators: one row per indicator of a project (project amounts "
          "kept as printed on each row; sum them over is_first_of_project rows only)",
          col("project_unit_code", Text, "项目单位代码", "unit of the project",
              ForeignKey("core.dim_unit.unit_code")),
          col("project_name", Text, "项目名称（解析）", "project name read from the printed project"),
          col("indicator_level1_key", Text, "一级指标键", "indicator level 1"),
          col("indicator_level2_key", Text, "二级指标键", "indicator level 2 ('' if blank)"),
          col("is_first_of_project", Boolean, "项目首行",
              "first indicator row of its project: sum amounts over these rows only",
              nullable=False),
          ForeignKeyConstraint(["fiscal_year", "project_unit_code", "project_name"],
                               ["core.dim_project.fiscal_year", "core.dim_project.unit_code",
                                "core.dim_project.project_name"]),
          ForeignKeyConstraint(["indicator_level1_key", "indicator_level2_key"],
                               ["core.dim_indicator_level.level1", "core.dim_indicator_level.level2"]))
