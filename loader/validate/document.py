"""Findings about the document's own mistakes (values are reported, never changed).

- ``doc.code_name_mismatch``: one code printed with different names (03, 04, 07, 08, 09,
  10 subjects; 02, 04, 07, 13 units). Names are compared without whitespace.
- 13's indicators: a cost indicator marked 正向; a unit that cannot fit (a unit on a 定性
  indicator, a non-money unit on a cost, a satisfaction not in %); a quantitative value
  that is not a number; a malformed phone number (once per project).
- ``x04_13.project_sets``: projects of 04 missing from 13 and the other way round.
- ``doc.fiscal_year_conflict``: the document's year evidence disagrees and ``--year`` chose
  one of its years (without ``--year`` that is a ParseError; the identity's Inference
  for the year is then not certain).
"""

from __future__ import annotations

import re
from collections import defaultdict

from loader.model.records import Finding, ParsedDocument
from loader.parse.template import Template
from loader.validate.identities import project_name
from loader.validate.rules import rule

_CODED = re.compile(r"^\s*([0-9]{3,7})\s*-?\s*(.+)$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")

# (table, code column, name column or None when the cell is "code-name")
_CODED_CELLS = (
    ("02", "部门（单位）代码", "部门（单位）名称"),
    ("03", "支出功能分类科目", None), ("03", "政府支出经济分类科目", None), ("03", "部门支出经济分类科目", None),
    ("04", "项目单位", None), ("04", "支出功能分类科目", None), ("04", "政府支出经济分类科目", None),
    ("04", "部门支出经济分类科目", None),
    ("07", "单位名称", None), ("07", "功能分类科目/科目编码", "功能分类科目/科目名称"),
    ("08", "政府支出经济分类科目", None), ("08", "部门支出经济分类科目", None),
    ("09", "支出功能分类科目", None), ("09", "政府支出经济分类科目", None), ("09", "部门支出经济分类科目", None),
    ("10", "支出功能分类科目", None), ("10", "政府支出经济分类科目", None), ("10", "部门支出经济分类科目", None),
    ("13", "单位名称", None),
)


def _finding(rule_id: str, message: str, **kw) -> Finding:
    return Finding(rule_id, rule(rule_id).severity, message, **kw)


def code_name_findings(doc: ParsedDocument) -> list[Finding]:
    names: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for tid, code_col, name_col in _CODED_CELLS:
        table = doc.tables.get(tid)
        for i, row in enumerate(table.rows if table else ()):
            cell = row.cells.get(code_col)
            if not cell:
                continue
            if name_col:
                code, name = cell.strip(), row.cells.get(name_col)
            else:
                m = _CODED.match(cell)
                if not m:
                    continue
                code, name = m.group(1), m.group(2)
            if name:
                names[code][re.sub(r"\s+", "", name)].append({"table": tid, "row": i, "column": code_col, "value": cell})
    out = []
    for code, variants in names.items():
        if len(variants) > 1:
            listed = "; ".join(f"{n} ({', '.join(sorted({c['table'] for c in cs}))})" for n, cs in variants.items())
            first = next(iter(variants.values()))[0]
            out.append(_finding("doc.code_name_mismatch", f"code {code} has {len(variants)} names: {listed}",
                                table=first["table"], row=first["row"], column=first["column"],
                                found=listed, cells=tuple(c for cs in variants.values() for c in cs)))
    return out


def indicator_findings(doc: ParsedDocument, template: Template) -> list[Finding]:
    t13 = doc.tables.get("13")
    if not t13:
        return []
    x = template.tables["13"].extra
    cost, satisfaction = set(x["cost_level2"]), set(x["satisfaction_level2"])
    cost_unit, sat_unit, phone = re.compile(x["cost_unit"]), re.compile(x["satisfaction_unit"]), re.compile(x["phone"])
    out = []
    seen_projects = set()
    for i, row in enumerate(t13.rows):
        c = row.cells
        where = f"13 row {i} (line {row.source.line}, {c.get('项目名称', '')[:30]})"

        def cell(column, _i=i, _c=c):
            return ({"table": "13", "row": _i, "column": column, "value": _c.get(column)},)

        project = c.get("项目名称")
        if project not in seen_projects:
            seen_projects.add(project)
            p = c.get("项目责任人电话")
            if p and not phone.search(p):
                out.append(_finding("doc.phone_malformed", f"{where}: phone {p} is not a valid number",
                                    table="13", row=i, column="项目责任人电话", found=p, cells=cell("项目责任人电话")))
        level2, op, unit = c.get("二级指标"), c.get("绩效指标性质"), c.get("绩效度量单位")
        value, direction = c.get("本年绩效指标值"), c.get("指标方向性")
        if level2 in cost and direction == x["forward_direction"]:
            out.append(_finding("doc.cost_indicator_forward", f"{where}: cost indicator marked {direction}",
                                table="13", row=i, column="指标方向性", found=direction, cells=cell("指标方向性")))
        if op == x["qualitative_op"] and unit:
            out.append(_finding("doc.indicator_unit_mismatch", f"{where}: qualitative value {value} carries unit {unit}",
                                table="13", row=i, column="绩效度量单位", found=unit, cells=cell("绩效度量单位")))
        elif op and op != x["qualitative_op"]:
            if value and not _NUMBER.match(value):
                out.append(_finding("doc.indicator_value_not_number", f"{where}: {op} {value} is not a number",
                                    table="13", row=i, column="本年绩效指标值", found=value, cells=cell("本年绩效指标值")))
            if level2 in cost and unit and not cost_unit.search(unit):
                out.append(_finding("doc.indicator_unit_mismatch", f"{where}: cost indicator in unit {unit}, not money",
                                    table="13", row=i, column="绩效度量单位", found=unit, cells=cell("绩效度量单位")))
            if level2 in satisfaction and unit and not sat_unit.search(unit):
                out.append(_finding("doc.indicator_unit_mismatch", f"{where}: satisfaction measured in {unit}, not %",
                                    table="13", row=i, column="绩效度量单位", found=unit, cells=cell("绩效度量单位")))
    return out


def project_set_findings(doc: ParsedDocument) -> list[Finding]:
    t04, t13 = doc.tables.get("04"), doc.tables.get("13")
    if not t04 or not t13:
        return []
    in04 = {project_name(r.cells.get("项目名称")) for r in t04.rows if r.cells.get("项目名称")}
    in13 = {project_name(r.cells.get("项目名称")) for r in t13.rows if r.cells.get("项目名称")}
    out = []
    for name in sorted(in04 - in13):
        out.append(_finding("x04_13.project_sets", f"project {name} is in 04 but not in 13", table="04", found=name))
    for name in sorted(in13 - in04):
        out.append(_finding("x04_13.project_sets", f"project {name} is in 13 but not in 04", table="13", found=name))
    return out


def document_findings(doc: ParsedDocument, template: Template) -> list[Finding]:
    out = code_name_findings(doc) + indicator_findings(doc, template) + project_set_findings(doc)
    year = doc.identity.inferred.get("fiscal_year")
    if year is not None and not year.certain:
        out.append(_finding("doc.fiscal_year_conflict", f"fiscal year {doc.identity.fiscal_year}: {year.how}",
                            found=str(doc.identity.fiscal_year)))
    return out
