"""``published.amount_sum`` overloads: the same sums as the VARIADIC form, and inlined.

The VARIADIC form's body has a sub-SELECT, so PostgreSQL runs it as a function call on every
row of every view. ``sql/views/00_amount_sum.sql`` therefore adds one overload per argument
count that the views use, each a single expression the planner inlines. Three things can go
wrong, and each has a test:

- a view calls amount_sum with more arguments than the overloads cover (back to the slow form);
- an overload sums differently: another value, NULL-ness or scale than the VARIADIC form;
- an edit to an overload (or to a view's nesting of calls) stops the planner inlining it.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import text

SQL = Path(__file__).resolve().parents[2] / "sql"
DEFINITION = SQL / "views" / "00_amount_sum.sql"

# Signs, six decimals, the largest printed amounts, whole amounts (scale 0, so a blank that
# added 0.0 instead of 0 would show) and -1.5 + 1.50 (= 0.00, a zero that keeps its scale).
AMOUNTS = ("-1.5", "1.50", "0.000001", "123456789012.123456", "-42", "-0.000001",
           "99999.999999", "0", "-123456789012.123456")


def _without_comments(sql: str) -> str:
    return re.sub(r"--[^\n]*", "", sql)


def _argument_count(sql: str, start: int) -> int:
    """Top-level arguments of the call whose '(' ends just before ``start``."""
    depth, count, quoted = 1, 1, False
    for char in sql[start:]:
        if char == "'":
            quoted = not quoted
        elif quoted:
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return count
        elif char == "," and depth == 1:
            count += 1
    raise AssertionError("unbalanced amount_sum( call")


def called_arities() -> set[int]:
    """Argument counts of every amount_sum call in sql/ (the definitions left out)."""
    arities = set()
    for path in SQL.rglob("*.sql"):
        if path == DEFINITION:
            continue
        sql = _without_comments(path.read_text(encoding="utf-8"))
        for call in re.finditer(r"amount_sum\s*\(", sql):
            arities.add(_argument_count(sql, call.end()))
    return arities


OVERLOAD_ARITIES = range(2, max(called_arities()) + 1)


def _literal(amount: str | None) -> str:
    return "NULL::numeric" if amount is None else f"{Decimal(amount)}::numeric"


def argument_lists(arity: int) -> list[tuple[str | None, ...]]:
    """Every pattern of blank and non-blank positions (all blank, some, none), each filled
    with every rotation of AMOUNTS (so every position holds every amount); no duplicates."""
    return list(dict.fromkeys(
        tuple(None if blank else AMOUNTS[(i + shift) % len(AMOUNTS)]
              for i, blank in enumerate(blanks))
        for shift in range(len(AMOUNTS))
        for blanks in itertools.product((True, False), repeat=arity)))


def _values(arity: int) -> tuple[str, str]:
    """(a VALUES list of argument_lists(arity), its column names a1..an)."""
    rows = ",\n".join("(" + ", ".join(_literal(a) for a in arguments) + ")"
                      for arguments in argument_lists(arity))
    return f"(VALUES {rows})", ", ".join(f"a{i}" for i in range(1, arity + 1))


def _plan(conn, query: str) -> str:
    return "\n".join(conn.execute(text(f"EXPLAIN (VERBOSE) {query}")).scalars())


def test_the_calls_in_sql_are_found():
    assert {2, 4}.issubset(called_arities())  # t13 (2 arguments), t11 (4): the parser works


def test_an_overload_exists_for_every_argument_count_up_to_the_largest_call(engine):
    with engine.connect() as conn:
        overloads = conn.execute(text("""
            SELECT p.pronargs FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'published' AND p.proname = 'amount_sum' AND p.provariadic = 0
            ORDER BY 1""")).scalars().all()
    assert overloads == list(OVERLOAD_ARITIES)


@pytest.mark.parametrize("arity", OVERLOAD_ARITIES)
def test_overload_sums_as_the_variadic_form(engine, arity):
    values, columns = _values(arity)
    with engine.connect() as conn:
        rows = conn.execute(text(f"""
            SELECT ARRAY[{columns}]::text AS arguments,
                   published.amount_sum({columns})::text AS overload,
                   published.amount_sum(VARIADIC ARRAY[{columns}])::text AS variadic,
                   published.amount_sum({columns})
                       IS NOT DISTINCT FROM published.amount_sum(VARIADIC ARRAY[{columns}]) AS same
            FROM {values} AS v ({columns})""")).all()
    assert len(rows) == len(argument_lists(arity))
    assert [r for r in rows if r.overload != r.variadic or not r.same] == []
    assert sum(r.overload is None for r in rows) == 1  # only the all-blank pattern is blank


@pytest.mark.parametrize("arity", OVERLOAD_ARITIES)
def test_overload_is_inlined(engine, arity):
    values, columns = _values(arity)
    with engine.connect() as conn:
        plan = _plan(conn, f"SELECT published.amount_sum({columns}) FROM {values} AS v ({columns})")
    assert "amount_sum" not in plan, plan


def test_no_view_plan_calls_amount_sum(engine):
    """Every view that sums (t13, and t11 with its nested sums among them) has it inlined."""
    with engine.connect() as conn:
        views = conn.execute(text("""
            SELECT viewname FROM pg_views
            WHERE schemaname = 'published' AND definition LIKE '%amount_sum%'
            ORDER BY 1""")).scalars().all()
        assert "t13_project_performance" in views and "t11_three_public_expenses" in views
        calling = [v for v in views if "amount_sum" in _plan(conn, f"SELECT * FROM published.{v}")]
    assert calling == []
