"""ParsedDocument -> rows for the staging tables: dimensions and facts, no database involved.

``document_rows(doc, version_id)`` returns a ``Batch``: ``rows[table name]`` is a list of dicts
keyed by the columns of ``staging.<table name>``, plus the findings the transformation itself
produced (a label whose code cannot be read, a 01/06 line missing from the seed).

Rules:
- 合计 rows (``Row.total``) and derived columns are not turned into facts (the views compute
  them); in 01/06 every line is kept, aggregate lines with a NULL amount.
- Text cells are kept exactly as printed; dimension keys are read from them beside.
- In table 02 a 3-digit code is a department row: stored with NULL amounts, the view sums
  its units.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from loader.load.labels import code_name, subject_chain
from loader.model.records import Finding, ParsedDocument, Row, Severity, amount
from loader.schema.columns import COLUMNS
from loader.schema.facts import FACT_TABLE
from loader.schema.seeds import COLUMN_MEANING, normalise_label, summary_lines
from loader.schema.template import column_roles, load_template

SUBJECT_DIMS = {
    "function": "dim_function_subject",
    "gov": "dim_gov_economic_subject",
    "dept": "dim_dept_economic_subject",
}
SUBJECT_COLUMNS = {  # column path -> (kind, fact key column)
    "支出功能分类科目": ("function", "function_subject_code"),
    "政府支出经济分类科目": ("gov", "gov_economic_code"),
    "部门支出经济分类科目": ("dept", "dept_economic_code"),
}


@dataclass
class Batch:
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    findings: list[Finding] = field(default_factory=list)


@cache
def _summary_seed(template: str) -> dict[tuple[str, str, str], dict]:
    return {(r["table_id"], r["side"], r["label"]): r for r in summary_lines(template)}


@cache
def _stored_columns(table_id: str, template_id: str) -> tuple[tuple[str, str, bool], ...]:
    """((column path, fact column, is amount), …) of the stored columns (derived ones left out)."""
    roles = column_roles(table_id, template_id)
    return tuple((path, name, roles[path] == "amount")
                 for path, (name, _en) in COLUMNS[table_id].items() if roles[path] != "derived")


class _Builder:
    def __init__(self, doc: ParsedDocument, version_id: int):
        self.doc = doc
        self.ident = doc.identity
        self.year = doc.identity.fiscal_year
        self.version_id = version_id
        self.batch = Batch()
        self.seed = _summary_seed(doc.identity.template)

    # -- dimensions -------------------------------------------------------------------
    def unit(self, code: str, name: str | None, type_code=None, type_name=None) -> None:
        level = "department" if len(code) == 3 else "unit"
        self.batch.rows["dim_unit"].append(dict(
            unit_code=code, unit_name=name, level=level, department_code=code[:3],
            unit_type_code=type_code, unit_type_name=type_name))

    def subject(self, kind: str, printed: str | None, table_id: str, row_no: int,
                path: str, name: str | None = None) -> str | None:
        """Insert a subject and its ancestors; return its code (None if unreadable)."""
        if printed is None:
            return None
        code, printed_name = code_name(printed) if name is None else (printed.strip(), name)
        if code is None or not code.isdigit():
            self.finding("load.unreadable_code", Severity.WARNING,
                         f"table {table_id} row {row_no}: no subject code in {printed!r}; "
                         "kept as printed without a dimension key", table_id, row_no, path, printed)
            return None
        for i, (c, level, parent) in enumerate(subject_chain(code)):
            self.batch.rows[SUBJECT_DIMS[kind]].append(dict(
                fiscal_year=self.year, code=c, name=printed_name if i == 0 else None,
                level=level, parent_code=parent))
        return code

    def finding(self, rule, severity, message, table_id=None, row_no=None, column=None, found=None):
        self.batch.findings.append(Finding(rule, severity, message, table=table_id, row=row_no,
                                           column=column, found=found))

    # -- facts --------------------------------------------------------------------------
    def base(self, table_id: str, row_no: int, row: Row) -> dict[str, Any]:
        out = dict(
            document_version_id=self.version_id, unit_code=self.ident.unit_code,
            fiscal_year=self.year, row_no=row_no, source_page=row.source.page,
            source_line=row.source.line,
            decided_by=json.dumps({k: str(v) for k, v in row.decided_by.items()},
                                  ensure_ascii=False),
        )
        cells = row.cells
        for path, name, is_amount in _stored_columns(table_id, self.ident.template):
            out[name] = amount(cells.get(path)) if is_amount else cells.get(path)
        return out

    def build(self) -> Batch:
        rows = self.batch.rows
        rows["dim_fiscal_year"].append(dict(fiscal_year=self.year))
        self.unit(self.ident.unit_code, self.ident.unit_name)
        if self.ident.department_code != self.ident.unit_code:
            self.unit(self.ident.department_code, self.ident.department_name)
        self.published_dimensions()
        for table_id, table in sorted(self.doc.tables.items()):
            handler = getattr(self, f"t{table_id}")
            if table_id in ("01", "06"):
                for row_no, row in enumerate(table.rows):
                    handler(row_no, row)
                continue
            for row_no, row in enumerate(table.rows):
                if row.total:
                    continue  # derived: the view computes it
                fact = self.base(table_id, row_no, row)
                handler(row_no, row, fact)
                rows[FACT_TABLE[table_id]].append(fact)
        return self.batch

    def published_dimensions(self) -> None:
        template_id = self.ident.template
        template = load_template(template_id)
        for table_id, spec in template["tables"].items():
            self.batch.rows["dim_published_table"].append(dict(
                template=template_id, table_id=table_id, title=spec["title"],
                english=spec["english"], amount_unit=template["amount_unit"],
                amount_scale=template["amount_scale"]))
            roles = column_roles(table_id, template_id)
            for position, path in enumerate(spec["columns"], start=1):
                fund, period, kind = COLUMN_MEANING.get((table_id, path), (None, None, None))
                name, english = COLUMNS[table_id][path]
                self.batch.rows["dim_published_column"].append(dict(
                    template=template_id, table_id=table_id, column_path=path,
                    position=position, sql_name=name, role=roles[path],
                    funding_source_code=fund, budget_period=period, expenditure_kind=kind,
                    english=english))

    # -- one method per table ----------------------------------------------------------
    def _two_lists(self, table_id: str, row_no: int, row: Row) -> None:
        for side, label_path, amount_path in (("income", "收入/项目", "收入/预算数"),
                                              ("expenditure", "支出/项目", "支出/预算数")):
            label = row.cells.get(label_path)
            printed = row.cells.get(amount_path)
            if label is None and printed is None:
                continue
            key = normalise_label(label or "")
            seed = self.seed.get((table_id, side, key))
            if seed is None:
                self.finding("load.unmapped_summary_line", Severity.WARNING,
                             f"table {table_id} row {row_no}: {side} line {label!r} is not in "
                             "core.dim_summary_line; stored as an item without a mapping",
                             table_id, row_no, label_path, label)
            value = amount(printed)
            if seed is not None and seed["line_kind"] == "aggregate":
                value = None  # derived: the view sums the groups the seed names
            if seed is not None and seed["function_class_code"]:
                self.batch.rows["dim_function_subject"].append(dict(
                    fiscal_year=self.year, code=seed["function_class_code"], name=key,
                    level="类", parent_code=None))
            fact = dict(
                document_version_id=self.version_id, unit_code=self.ident.unit_code,
                fiscal_year=self.year, row_no=row_no, source_page=row.source.page,
                source_line=row.source.line,
                decided_by=json.dumps({k: str(v) for k, v in row.decided_by.items()
                                       if k in (label_path, amount_path)}, ensure_ascii=False),
                template=self.ident.template, table_id=table_id, side=side,
                label=label or "", label_key=key if seed is not None else None, amount=value)
            self.batch.rows["fct_summary_line"].append(fact)

    def t01(self, row_no, row):
        self._two_lists("01", row_no, row)

    def t06(self, row_no, row):
        self._two_lists("06", row_no, row)

    def t02(self, row_no, row, fact):
        code = (row.cells.get("部门（单位）代码") or "").strip()
        if not code.isdigit():
            self.finding("load.unreadable_code", Severity.WARNING,
                         f"table 02 row {row_no}: no unit code in {code!r}", "02", row_no,
                         "部门（单位）代码", code)
            fact.update(row_unit_code=None, is_department=False)
            return
        self.unit(code, row.cells.get("部门（单位）名称"))
        department = len(code) == 3
        fact.update(row_unit_code=code, is_department=department)
        if department:  # derived from its units: the view computes it
            for path, role in column_roles("02", self.ident.template).items():
                if role == "amount":
                    fact[COLUMNS["02"][path][0]] = None

    def _subjects(self, table_id, row_no, row, fact):
        for path, (kind, key) in SUBJECT_COLUMNS.items():
            if path in COLUMNS[table_id]:
                fact[key] = self.subject(kind, row.cells.get(path), table_id, row_no, path)

    def t03(self, row_no, row, fact):
        self._subjects("03", row_no, row, fact)

    def t09(self, row_no, row, fact):
        self._subjects("09", row_no, row, fact)

    def t10(self, row_no, row, fact):
        self._subjects("10", row_no, row, fact)

    def t08(self, row_no, row, fact):
        self._subjects("08", row_no, row, fact)

    def _unit_of(self, printed, table_id, row_no, path) -> str:
        code, name = code_name(printed)
        if code is None or not code.isdigit():
            # A cut or missing unit cell (e.g. at a page break): the document's unit, said so.
            self.finding("load.unit_from_document", Severity.INFO,
                         f"table {table_id} row {row_no}: no unit code in {printed!r}; "
                         f"attributed to the document's unit {self.ident.unit_code}",
                         table_id, row_no, path, printed)
            return self.ident.unit_code
        self.unit(code, name)
        return code

    def t04(self, row_no, row, fact):
        unit = self._unit_of(row.cells.get("项目单位"), "04", row_no, "项目单位")
        type_code, type_name = code_name(row.cells.get("类型"))
        if type_code:
            self.unit(unit, None, type_code, type_name)
        fact["project_unit_code"] = unit
        self._subjects("04", row_no, row, fact)
        self.batch.rows["dim_project"].append(dict(
            fiscal_year=self.year, unit_code=unit, project_name=row.cells.get("项目名称") or "",
            project_code=None, category_code=None, category_name=None, owner=None, phone=None,
            goal=None))
        fact["project_name"] = row.cells.get("项目名称") or ""

    def t05(self, row_no, row, fact):
        code, name = code_name(row.cells.get("采购类别"))
        if code:
            self.batch.rows["dim_procurement_category"].append(dict(code=code, name=name))
        fact["procurement_category_code"] = code

    def t07(self, row_no, row, fact):
        fact["row_unit_code"] = self._unit_of(row.cells.get("单位名称"), "07", row_no, "单位名称")
        fact["function_subject_code"] = self.subject(
            "function", row.cells.get("功能分类科目/科目编码"), "07", row_no,
            "功能分类科目/科目编码", name=row.cells.get("功能分类科目/科目名称"))

    def t11(self, row_no, row, fact):
        printed = (row.cells.get("年度") or "").strip()
        year = int(printed) if printed.isdigit() else None
        if year is not None:
            self.batch.rows["dim_fiscal_year"].append(dict(fiscal_year=year))
        fact["row_fiscal_year"] = year

    def t12(self, row_no, row, fact):
        pass  # no dimension beyond the document: the service item is the row itself

    def t13(self, row_no, row, fact):
        unit = self._unit_of(row.cells.get("单位名称"), "13", row_no, "单位名称")
        project_code, project_name = code_name(row.cells.get("项目名称"))
        project_name = project_name or ""
        category_code, category_name = code_name(row.cells.get("项目类别"))
        self.batch.rows["dim_project"].append(dict(
            fiscal_year=self.year, unit_code=unit, project_name=project_name,
            project_code=project_code, category_code=category_code, category_name=category_name,
            owner=row.cells.get("项目责任人"), phone=row.cells.get("项目责任人电话"),
            goal=row.cells.get("绩效目标")))
        level1 = row.cells.get("一级指标")
        level2 = row.cells.get("二级指标") or ""
        if level1:
            self.batch.rows["dim_indicator_level"].append(dict(level1=level1, level2=level2))
        previous = self.batch.rows["fct_performance_indicator"]
        first = not previous or (previous[-1]["project_unit_code"], previous[-1]["project_name"]) \
            != (unit, project_name)
        fact.update(project_unit_code=unit, project_name=project_name,
                    indicator_level1_key=level1, indicator_level2_key=level2 if level1 else None,
                    is_first_of_project=first)


def document_rows(doc: ParsedDocument, version_id: int) -> Batch:
    """Every staging row of one document (dimensions first, facts after) and load findings."""
    return _Builder(doc, version_id).build()
