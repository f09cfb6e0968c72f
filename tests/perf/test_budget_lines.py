"""``published.budget_lines`` after the unpivot rewrite (issue 6): same lines, same meaning.

The view unpivots the amount columns of tables 03 and 04 with explicit ``LATERAL (VALUES …)``
lists (fast: filters reach the fact tables' indexes) instead of ``jsonb_each(to_jsonb(f))``
(generic but slow). Two things can go wrong, and each has a test:

- the lists drift from the data: an amount column that ``core.dim_published_column`` gives a
  funding source and an expenditure kind is missing from the SQL (or one is listed that has
  none) - checked against the dimension as the loader seeds it;
- the rows differ from the generic form: the view is compared, row for row, with the
  jsonb formulation it replaced, on loaded synthetic documents.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import text

VIEW = Path(__file__).resolve().parents[2] / "sql" / "views" / "budget_lines.sql"

# The replaced formulation: every numeric value of every fact column, kept when
# dim_published_column says it is an amount with a funding source and a kind.
GENERIC = """
WITH facts AS (
    SELECT '03' AS source_table, f.unit_code, f.fiscal_year, f.document_version_id,
           f.function_subject_code, f.gov_economic_code, f.dept_economic_code, j.key, j.value
    FROM core.fct_expenditure f CROSS JOIN LATERAL jsonb_each(to_jsonb(f)) AS j
    UNION ALL
    SELECT '04', f.unit_code, f.fiscal_year, f.document_version_id,
           f.function_subject_code, f.gov_economic_code, f.dept_economic_code, j.key, j.value
    FROM core.fct_project_expenditure f CROSS JOIN LATERAL jsonb_each(to_jsonb(f)) AS j
)
SELECT x.source_table, x.unit_code, x.fiscal_year, x.document_version_id,
       x.function_subject_code, x.gov_economic_code, x.dept_economic_code,
       c.expenditure_kind, c.funding_source_code, sum((x.value #>> '{}')::numeric) AS amount
FROM facts x
JOIN audit.document_version v ON v.document_version_id = x.document_version_id
JOIN core.dim_published_column c
  ON c.template = v.template AND c.table_id = x.source_table AND c.sql_name = x.key
 AND c.role = 'amount' AND c.funding_source_code IS NOT NULL AND c.expenditure_kind IS NOT NULL
WHERE jsonb_typeof(x.value) = 'number'
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
"""
KEYS = ("source_table, unit_code, fiscal_year, document_version_id, function_subject_code, "
        "gov_economic_code, dept_economic_code, expenditure_kind, funding_source_code")


def listed_columns() -> dict[str, set[str]]:
    """Source table -> the amount columns the view's VALUES list names."""
    sql = VIEW.read_text(encoding="utf-8")
    branches = re.split(r"UNION ALL", sql.split("lines AS (")[0])
    out = {}
    for branch in branches:
        table = "03" if "core.fct_expenditure " in branch else "04"
        pairs = re.findall(r"\('(\w+)', f\.(\w+)\)", branch)
        assert pairs and all(a == b for a, b in pairs), f"VALUES pairs of {table}: {pairs}"
        out[table] = {a for a, _ in pairs}
    return out


@pytest.fixture(scope="module")
def loaded(engine):
    from loader.load.writer import write_document
    from tests.support.synthetic import synthetic_document

    for seed, year in ((21, 2020), (22, 2021)):
        doc = synthetic_document(seed=seed, projects=12, year=year,
                                 unit=(f"9{seed:02d}001", f"单位{seed}"), department=(f"9{seed:02d}", f"部门{seed}"))
        assert write_document(engine, doc).outcome == "loaded"
    return engine


def test_values_lists_are_the_mapped_amount_columns(loaded):
    with loaded.connect() as conn:
        mapped = conn.execute(text("""
            SELECT table_id, array_agg(sql_name ORDER BY sql_name) FROM core.dim_published_column
            WHERE table_id IN ('03', '04') AND role = 'amount'
              AND funding_source_code IS NOT NULL AND expenditure_kind IS NOT NULL
            GROUP BY table_id""")).all()
    assert {t: set(cols) for t, cols in mapped} == listed_columns()


def test_view_equals_the_generic_unpivot(loaded):
    with loaded.connect() as conn:
        view = conn.execute(text(f"SELECT {KEYS}, amount FROM published.budget_lines "
                                 f"ORDER BY {KEYS}")).all()
        generic = conn.execute(text(f"SELECT * FROM ({GENERIC}) g ORDER BY {KEYS}")).all()
    assert len(view) > 20  # both sources, several subjects, two documents
    assert {r.source_table for r in view} == {"03", "04"}
    assert view == generic
