"""Infer which document this is: unit, department, fiscal year, kind.

``infer_identity(tables, path, sha256, year=None, unit=None)`` reads only text cells of
the parsed tables, so the PDF path can call it too. Every field comes with an Inference
saying how it was found and whether that is certain; ``year=``/``unit=`` overrides are
recorded as such. An override is for a document that does not say (or whose evidence
conflicts, to pick one side), never for rewriting what it prints: ``--unit``/``--year``
contradicting the printed unit or year raises ParseError naming both. A year that can be
neither inferred nor given, or evidence that disagrees about the year with no ``--year``,
raises ParseError: a document filed under a guessed year would be silently wrong.

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
        ranked = years.most_common()
        if len(ranked) == 1:
            (y, n), = ranked
            out.append((y, f"table 13 project codes ({n} indicator rows) carry {str(y)[2:]} after region code {template.region_code}"))
        elif ranked and ranked[0][1] > ranked[1][1]:
            # A project begun in an earlier year keeps its code: the year most rows carry is
            # the document's, the others are continuing projects (still one piece of evidence).
            (y, n), rest = ranked[0], ranked[1:]
            others = ", ".join(f"{n2} carry {y2}" for y2, n2 in rest)
            out.append((y, f"table 13 project codes: {n} of {sum(years.values())} indicator rows "
                           f"carry {y} ({others}: projects begun in other years)"))
        else:
            for y, n in ranked:
                out.append((y, f"table 13: {n} indicator rows carry year {y} in their project codes (no majority)"))
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


def _printed_unit(units: list[str], departments: list[str],
                  names: dict) -> tuple[str, dict[str, Inference], DocumentKind] | None:
    """(code, inferences, kind) of the unit or department the document prints, or None
    when the codes it prints do not say which (none, or several units under no single
    department)."""
    if len(units) == 1:
        code = units[0]
        return code, {
            "unit_code": Inference(code, f"the only unit code printed, in {names.get(code, ('', 'the tables'))[1]}", True),
            "kind": Inference(DocumentKind.UNIT_BUDGET.value,
                              "one unit listed; a one-unit department's 部门预算 would print the same", False),
        }, DocumentKind.UNIT_BUDGET
    if len(units) > 1 and len(departments) == 1:
        code = departments[0]
        return code, {
            "unit_code": Inference(code, f"the department row of table 02 over {len(units)} units", True),
            "kind": Inference(DocumentKind.DEPARTMENT_BUDGET.value,
                              f"{len(units)} units listed under department {code}", True),
        }, DocumentKind.DEPARTMENT_BUDGET
    return None


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

    # Kind and unit: what the document prints, then the override checked against it.
    printed = _printed_unit(units, departments, names)
    if unit is not None:
        unit_code = unit.strip()
        if printed is not None and unit_code != printed[0]:
            raise ParseError(path, f"--unit {unit_code} contradicts the document, which prints "
                                   f"{printed[0]} ({printed[1]['unit_code'].how}); --unit is for a "
                                   "document that does not say which unit it is")
        listed = units + departments
        if printed is None and listed and unit_code not in listed:
            raise ParseError(path, f"--unit {unit_code} is not a code the document prints "
                                   f"(units {', '.join(units) or 'none'}; departments "
                                   f"{', '.join(departments) or 'none'})")
        if printed is not None:
            unit_code, kind = printed[0], printed[2]
            inferred.update(printed[1])
            inferred["unit_code"] = Inference(unit_code, f"--unit option, as printed: {printed[1]['unit_code'].how}", True)
        else:
            kind = DocumentKind.UNIT_BUDGET if len(unit_code) == 6 else DocumentKind.DEPARTMENT_BUDGET
            how = ("--unit option, choosing among the codes printed" if listed
                   else "--unit option; the document prints no unit code")
            inferred["unit_code"] = Inference(unit_code, how, True)
            inferred["kind"] = Inference(kind.value, f"--unit {unit_code} has {len(unit_code)} digits", False)
    elif printed is not None:
        unit_code, kind = printed[0], printed[2]
        inferred.update(printed[1])
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

    # Fiscal year: an override may pick among conflicting evidence or supply a missing year,
    # never replace the year the document prints.
    evidence = year_evidence(tables, template)
    found = sorted({y for y, _h in evidence})
    sources = "; ".join(h for _y, h in evidence)
    if year is not None:
        if found and year not in found:
            raise ParseError(path, f"--year {year} contradicts the document, which prints "
                                   f"{', '.join(map(str, found))} ({sources}); --year is for a "
                                   "document that does not say its year")
        if len(found) > 1:
            how, certain = f"--year option, choosing among conflicting evidence: {sources}", False
        elif found:
            how, certain = f"--year option, as printed: {sources}", True
        else:
            how, certain = "--year option; the document prints no year", True
        inferred["fiscal_year"] = Inference(year, how, certain)
        fiscal_year = year
    elif not evidence:
        raise ParseError(path, "fiscal year not found: no project code carries it and table 11 lists "
                               "no year; pass --year")
    elif len(found) > 1:
        raise ParseError(path, f"conflicting fiscal years {', '.join(map(str, found))}: {sources}; "
                               "pass --year to say which")
    else:
        fiscal_year = found[0]
        inferred["fiscal_year"] = Inference(fiscal_year, sources, True)

    return DocumentIdentity(
        unit_code=unit_code, unit_name=unit_name, department_code=department_code,
        department_name=department_name, fiscal_year=fiscal_year, kind=kind, sha256=sha256,
        file_name=path.name, template=template.id, inferred=inferred,
    )
