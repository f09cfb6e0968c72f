"""Infer which document this is: unit, department, fiscal year, kind.

``infer_identity(tables, path, sha256, year=None, unit=None)`` reads only text cells of
the parsed tables, so the PDF path can call it too. Every field comes with an Inference
saying how it was found and whether that is certain; ``year=``/``unit=`` overrides are
recorded as such. A year that can be neither inferred nor given raises ParseError: a
document filed under a guessed year would be silently wrong.

Evidence used (Beijing template):
- unit / department: table 02 prints the department row (3-digit code) and unit rows
  (6-digit codes); failing that, the unit cells of 07, 04 and 13 (``042008-name``).
- year: project codes in table 13 carry it after the region code (``110000`` ``22`` ``T…``);
  table 11 lists the previous and the current year, the later one is current.
- kind: one unit in 02 reads as a 单位预算, several as a 部门预算. A department with a
  single unit would print the same 部门预算, so this is never certain.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from loader.errors import ParseError
from loader.model.records import DocumentIdentity, DocumentKind, Inference, Table
from loader.parse.template import Template, load_template

_CODED = re.compile(r"^\s*(\d{3,6})\s*-?\s*(.*)$")


def year_evidence(tables: Mapping[str, Table], template: Template) -> list[tuple[int, str]]:
    """(year, how) for each independent piece of evidence found in the tables."""
    out: list[tuple[int, str]] = []
    t13 = tables.get("13")
    if t13:
        years = Counter()
        for row in t13.rows:
            code = (row.cells.get("项目名称") or "").split("-", 1)[0].strip()
            m = template.project_year.match(code)
            if m:
                years[2000 + int(m.group("yy"))] += 1
        if len(years) == 1:
            (y, n), = years.items()
            out.append((y, f"table 13 project codes ({n} indicator rows) carry {str(y)[2:]} after region code {template.region_code}"))
        elif years:
            for y, n in years.most_common():
                out.append((y, f"table 13: {n} indicator rows carry year {y} in their project codes"))
    t11 = tables.get("11")
    if t11:
        years11 = sorted({int(r.cells["年度"]) for r in t11.rows
                          if re.fullmatch(r"\d{4}", r.cells.get("年度", "") or "")})
        if years11:
            out.append((years11[-1], f"table 11 lists years {', '.join(map(str, years11))}; the last is the current one"))
    return out


def _coded_cells(tables: Mapping[str, Table]) -> list[tuple[str, str, str]]:
    """(code, name, where) from the unit cells of 02, 07, 04 and 13, in that order."""
    out = []
    t02 = tables.get("02")
    for i, row in enumerate(t02.rows if t02 else ()):
        code = row.cells.get("部门（单位）代码")
        if code:
            out.append((code.strip(), row.cells.get("部门（单位）名称", ""), f"table 02 row {i}"))
    for tid, column in (("07", "单位名称"), ("04", "项目单位"), ("13", "单位名称")):
        t = tables.get(tid)
        for i, row in enumerate(t.rows if t else ()):
            m = _CODED.match(row.cells.get(column) or "")
            if m:
                out.append((m.group(1), re.sub(r"\s+", "", m.group(2)), f"table {tid} row {i}"))
    return out


def infer_identity(tables: Mapping[str, Table], path: str | Path, sha256: str, *,
                   year: int | None = None, unit: str | None = None,
                   template: Template | None = None) -> DocumentIdentity:
    template = template or load_template("beijing")
    path = Path(path)
    inferred: dict[str, Inference] = {}
    coded = _coded_cells(tables)
    units = list(dict.fromkeys(c for c, _n, _w in coded if len(c) == 6))
    departments = list(dict.fromkeys(c for c, _n, _w in coded if len(c) == 3))
    names = {}
    for code, name, where in coded:
        if name and code not in names:
            names[code] = (name, where)

    # Kind and unit.
    if unit is not None:
        unit_code = unit.strip()
        inferred["unit_code"] = Inference(unit_code, "--unit option", True)
        kind = DocumentKind.UNIT_BUDGET if len(unit_code) == 6 else DocumentKind.DEPARTMENT_BUDGET
        inferred["kind"] = Inference(kind.value, f"--unit {unit_code} has {len(unit_code)} digits", False)
    elif len(units) == 1:
        unit_code = units[0]
        inferred["unit_code"] = Inference(unit_code, f"the only unit code printed ({names.get(unit_code, ('', 'tables'))[1]})", True)
        kind = DocumentKind.UNIT_BUDGET
        inferred["kind"] = Inference(kind.value, "one unit listed; a one-unit department's 部门预算 would print the same", False)
    elif len(units) > 1 and len(departments) == 1:
        unit_code = departments[0]
        inferred["unit_code"] = Inference(unit_code, f"the department row of table 02 over {len(units)} units", True)
        kind = DocumentKind.DEPARTMENT_BUDGET
        inferred["kind"] = Inference(kind.value, f"{len(units)} units listed under department {unit_code}", True)
    else:
        raise ParseError(path, f"cannot tell the unit: {len(units)} unit codes and {len(departments)} "
                                "department codes printed; pass --unit")
    unit_name, where = names.get(unit_code, ("", ""))
    inferred["unit_name"] = Inference(unit_name, f"name printed beside {unit_code} in {where}" if where else "not printed", bool(where))

    # Department.
    if departments:
        department_code = departments[0]
        inferred["department_code"] = Inference(department_code, "department row of table 02", True)
    else:
        department_code = unit_code[:3]
        inferred["department_code"] = Inference(department_code, "first three digits of the unit code", False)
    department_name = names.get(department_code, (None, ""))[0]
    inferred["department_name"] = Inference(department_name, "table 02 department row" if department_name else "not printed", bool(department_name))

    # Fiscal year.
    evidence = year_evidence(tables, template)
    found = sorted({y for y, _h in evidence})
    if year is not None:
        agrees = not found or found == [year]
        how = "--year option" + ("" if agrees else f" (the document suggests {', '.join(map(str, found))})")
        inferred["fiscal_year"] = Inference(year, how, agrees)
        fiscal_year = year
    elif not evidence:
        raise ParseError(path, "fiscal year not found: no project code carries it and table 11 lists "
                               "no year; pass --year")
    else:
        fiscal_year = Counter(y for y, _h in evidence).most_common(1)[0][0]
        inferred["fiscal_year"] = Inference(fiscal_year, "; ".join(h for _y, h in evidence), len(found) == 1)

    return DocumentIdentity(
        unit_code=unit_code, unit_name=unit_name, department_code=department_code,
        department_name=department_name, fiscal_year=fiscal_year, kind=kind, sha256=sha256,
        file_name=path.name, template=template.id, inferred=inferred,
    )
