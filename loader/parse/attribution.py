"""Decide the column of every printed amount whose column the text does not say.

A text export drops blank cells, so a row prints its numbers left to right without
their columns. Each row's numbers form an ``AmountGroup``; an assignment puts its k
numbers into k of its m columns, keeping their order (``combinations``), so every
group has at most C(m, k) possible assignments.

1. Within-row identities (``Relation.scope == ROW``, stated by the builder: 合计 = 基本 +
   项目 on one row) filter each group's assignments exhaustively, in exact integers. A
   group left with none gets an ERROR ``attribution.no_assignment`` naming table and row;
   its numbers stay unplaced rather than guessed. A relation across rows or tables never
   filters a row, even when all its cells happen to sit in one row (its other side empty).
   One that no placement can satisfy is the document's mistake: validation reports it as
   a warning, and it is left out of the steps below (it cannot tell placements apart).
2. All other identities (column totals, identities across tables) go into one CP-SAT
   model: a boolean per (group, assignment), exactly one per group, cell values as
   linear integer expressions (micro-units: the printed decimals, never float). Each
   identity is soft with a violation flag and the model minimises the number violated:
   on a correct document that is zero; on a document with mistakes the assignment
   breaking the fewest identities is kept and ``attribution.conflict`` says so.
3. Uniqueness is decided, not assumed: with the optimum fixed, the solver is asked for
   a solution in which *some* still-undecided group differs; if none exists, all are
   decided by ``identity``; if one does, the groups that differ are ambiguous.
4. An ambiguous group's feasible assignments are enumerated. The prior picks the one
   whose columns the table's decided rows use most (a table tends to fill the same
   columns row after row), ties to the leftmost; the rest become ``alternatives`` and
   the group is decided by ``prior`` (INFO ``attribution.prior``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations

import numpy as np
from ortools.sat.python import cp_model

from loader.model.records import DecidedBy, Finding, Severity, amount
from loader.parse.raw import AmountGroup, RawTable
from loader.validate.identities import ROW, Relation

_MAX_ALTERNATIVES = 50


def micro(printed: str, scale: int) -> int:
    """Exact integer in units of 10**-scale; raises ValueError if it has more decimals."""
    value = amount(printed) * (Decimal(10) ** scale)
    if value != value.to_integral_value():
        raise ValueError(f"{printed!r} has more than {scale} decimals")
    return int(value)


class _Linear:
    """A relation as sum(coef[group][column] * value) + constant (op) 0."""

    def __init__(self, relation: Relation):
        self.relation = relation
        self.coef: dict[int, Counter] = defaultdict(Counter)  # id(group) -> column -> coef
        self.constant = 0
        self.groups: dict[int, AmountGroup] = {}
        self.rows: set[tuple[str, int]] = set()  # (table, row) of every referenced cell


def _linearize(relation: Relation, tables: Mapping[str, RawTable], scale: int) -> _Linear:
    lin = _Linear(relation)
    for sign, refs in ((1, relation.left), (-1, relation.right)):
        for ref in refs:
            lin.rows.add((ref.table, ref.row))
            row = tables[ref.table].rows[ref.row]
            g = row.group
            if g is not None and ref.column in g.columns and g.decided_by is not DecidedBy.POSITION:
                lin.coef[id(g)][ref.column] += sign
                lin.groups[id(g)] = g
            elif ref.column in row.cells:
                lin.constant += sign * micro(row.cells[ref.column], scale)
    return lin


def _holds(value: int, op: str) -> bool:
    return value == 0 if op == "==" else value <= 0


def _candidate_value(lin: _Linear, g: AmountGroup, numbers: list[int], cand: tuple[int, ...]) -> int:
    coef = lin.coef[id(g)]
    return sum(coef[g.columns[c]] * n for c, n in zip(cand, numbers, strict=True))


def _where(g: AmountGroup) -> str:
    return f"table {g.table} row {g.rows[0]} (line {g.source.line})"


_COMBOS: dict[tuple[int, int], np.ndarray] = {}


def _combos(m: int, k: int) -> np.ndarray:
    """Every order-keeping placement of k numbers in m columns, as column indices (C x k)."""
    if (m, k) not in _COMBOS:
        _COMBOS[(m, k)] = np.array(list(combinations(range(m), k)), dtype=np.int64).reshape(-1, k)
    return _COMBOS[(m, k)]


def _local_candidates(g: AmountGroup, nums: list[int], local: list[_Linear]) -> list[tuple[int, ...]]:
    """Placements satisfying the row-local relations, checked exhaustively in int64.

    Exact: micro-unit integers, far below 2**63 for any budget printed in 万元.
    """
    combos = _combos(len(g.columns), len(g.numbers))
    keep = np.ones(len(combos), dtype=bool)
    n = np.array(nums, dtype=np.int64)
    for lin in local:
        coef = np.array([lin.coef[id(g)][c] for c in g.columns], dtype=np.int64)
        values = (coef[combos] * n).sum(axis=1) + lin.constant
        keep &= (values == 0) if lin.relation.op == "==" else (values <= 0)
    return [tuple(int(c) for c in row) for row in combos[keep]]


def _supported(x: int, op: str, exact: set[int] | None, lo: int, hi: int) -> bool:
    """Can the other open groups (exact values, or sum within [lo, hi]) make x + them hold?"""
    if exact is not None:
        return -x in exact
    return lo <= -x <= hi if op == "==" else x + lo <= 0


def _propagate(base, linear, numbers, failed):
    """Drop placements no choice of the other groups can support, to a fixpoint.

    For each relation, a group whose placements all give the relation the same value is
    fixed for it. With one group left open, its placements are checked directly; with
    two (equalities), against the other's exact set of values; with more, against the
    bounds of the others' sum. This removes only placements that cannot satisfy the
    relation, so it is sound while the identities hold together; it returns None (use
    ``base``) if a group loses every placement, i.e. the document contradicts itself.
    """
    cands = dict(base)
    cache: dict[tuple[int, int], dict] = {}

    def contributions(li, lin, key):
        memo = cache.setdefault((li, key), {})
        g = lin.groups[key]
        out = []
        for c in cands[key]:
            if c not in memo:
                memo[c] = _candidate_value(lin, g, numbers[key], c)
            out.append(memo[c])
        return out

    changed = True
    while changed:
        changed = False
        for li, lin in enumerate(linear):
            if not lin.groups or any(k in failed for k in lin.groups):
                continue
            vals = {k: contributions(li, lin, k) for k in lin.groups}
            open_keys = [k for k, v in vals.items() if len(set(v)) > 1]
            if not open_keys:
                continue
            constant = lin.constant + sum(v[0] for k, v in vals.items() if k not in open_keys)
            eq = lin.relation.op == "=="
            for key in open_keys:
                others = [k for k in open_keys if k != key]
                exact = set(vals[others[0]]) if eq and len(others) == 1 else None
                lo = sum(min(vals[k]) for k in others)
                hi = sum(max(vals[k]) for k in others)
                kept = [c for c, x in zip(cands[key], vals[key], strict=True)
                        if _supported(x + constant, lin.relation.op, exact, lo, hi)]
                if not kept:
                    return None
                if len(kept) < len(cands[key]):
                    cands[key] = kept
                    vals[key] = contributions(li, lin, key)
                    changed = True
    return cands


def _never_holds(lin: _Linear, arrays: dict, failed) -> bool:
    """Is ``lin`` broken by every choice of placements? (Proved, not guessed.)

    ``arrays`` holds each group's placements (as column-index rows) and numbers as int64
    arrays. Each group's placements give the relation a set of values. With at most one
    group whose values differ it is checked directly; with two (an equality) against the
    other's exact values; with more by the bounds of their sum, which can only prove
    "never" (a relation the bounds allow is kept, and the solver decides it). A relation
    touching a group that has no placement at all is not judged here.
    """
    if any(k in failed for k in lin.groups):
        return False
    constant = lin.constant
    open_values = []
    for key, g in lin.groups.items():
        combos, n = arrays[key]
        coef = np.array([lin.coef[key][c] for c in g.columns], dtype=np.int64)
        values = np.unique((coef[combos] * n).sum(axis=1))
        if len(values) == 1:
            constant += int(values[0])
        else:
            open_values.append(values)
    op = lin.relation.op
    if not open_values:
        return not _holds(constant, op)
    if len(open_values) == 1:
        values = open_values[0] + constant
        return not bool(((values == 0) if op == "==" else (values <= 0)).any())
    if len(open_values) == 2 and op == "==":
        first, second = open_values
        return not bool(np.isin(-(first + constant), second).any())
    lo = sum(int(v.min()) for v in open_values)
    hi = sum(int(v.max()) for v in open_values)
    return not (lo <= -constant <= hi) if op == "==" else constant + lo > 0


def _fixed_hold(cands, linear, numbers, failed) -> bool:
    """Do the relations whose groups all have one placement left hold?"""
    for lin in linear:
        if not lin.groups or any(k in failed or len(cands[k]) != 1 for k in lin.groups):
            continue
        value = lin.constant + sum(_candidate_value(lin, g, numbers[k], cands[k][0]) for k, g in lin.groups.items())
        if not _holds(value, lin.relation.op):
            return False
    return True


@dataclass
class _Solved:
    model: cp_model.CpModel
    solver: cp_model.CpSolver
    z: dict
    chosen: dict
    best: int
    violations: list
    open_groups: list


def _solve(groups, candidates, linear, numbers, failed) -> _Solved | None:
    """Minimise violated identities over the groups with several placements (None: none)."""
    open_groups = [g for g in groups if len(candidates[id(g)]) > 1]
    if not open_groups:
        return None
    model = cp_model.CpModel()
    z: dict[int, list] = {}
    for gi, g in enumerate(open_groups):
        z[id(g)] = [model.new_bool_var(f"z{gi}_{a}") for a in range(len(candidates[id(g)]))]
        model.add_exactly_one(z[id(g)])
    violations = []
    for li, lin in enumerate(linear):
        if not any(k in z for k in lin.groups) or any(k in failed for k in lin.groups):
            continue  # fixed already (validation checks it) or unplaceable numbers involved
        expr = lin.constant
        for key, g in lin.groups.items():
            if key in z:
                for a, cand in enumerate(candidates[key]):
                    value = _candidate_value(lin, g, numbers[key], cand)
                    if value:
                        expr += value * z[key][a]
            else:
                expr += _candidate_value(lin, g, numbers[key], candidates[key][0])
        y = model.new_bool_var(f"v{li}")
        if lin.relation.op == "==":
            model.add(expr == 0).only_enforce_if(y.Not())
        else:
            model.add(expr <= 0).only_enforce_if(y.Not())
        violations.append((y, lin.relation))
    model.minimize(sum(y for y, _r in violations))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1  # deterministic, and the machine is shared
    status = solver.solve(model)
    if status != cp_model.OPTIMAL:
        raise RuntimeError(f"attribution solver ended with status {solver.status_name(status)}")
    chosen = {id(g): next(a for a, var in enumerate(z[id(g)]) if solver.value(var)) for g in open_groups}
    return _Solved(model, solver, z, chosen, round(solver.objective_value), violations, open_groups)


def attribute(tables: Mapping[str, RawTable], relations: list[Relation], scale: int) -> list[Finding]:
    """Set ``assignment``/``decided_by``/``alternatives`` on every amount group."""
    findings: list[Finding] = []
    groups: list[AmountGroup] = []
    seen = set()
    for t in tables.values():
        for row in t.rows:
            if row.group is not None and id(row.group) not in seen:
                seen.add(id(row.group))
                groups.append(row.group)
    numbers = {id(g): [micro(n, scale) for n in g.numbers] for g in groups}
    linear = [_linearize(r, tables, scale) for r in relations]

    # 1. Within-row identities (scope ROW, declared where they are built), exhaustively.
    # Only these filter a row: a relation across rows or tables may be the one the document
    # breaks, even when its other side is empty and all its cells happen to sit in one row
    # (a 04 project on subjects 03 does not print); as a hard filter it would force that
    # row's 合计 to zero and drop its money.
    local: dict[int, list[_Linear]] = defaultdict(list)
    soft: list[_Linear] = []
    for lin in linear:
        if lin.relation.scope == ROW:
            if len(lin.groups) == 1:
                g = next(iter(lin.groups.values()))
                if lin.rows <= {(g.table, r) for r in g.rows}:
                    local[id(g)].append(lin)
            # with no open group it is fixed (validation checks it); a ROW relation never
            # spans two groups (the builder refuses one reaching several rows)
        else:
            soft.append(lin)
    base: dict[int, list[tuple[int, ...]]] = {}
    for g in groups:
        base[id(g)] = _local_candidates(g, numbers[id(g)], local[id(g)])
        if not base[id(g)]:
            findings.append(Finding(
                "attribution.no_assignment", Severity.ERROR,
                f"{_where(g)}: no placement of {len(g.numbers)} numbers in the {len(g.columns)} "
                f"columns satisfies the row identities; numbers left unplaced: {' '.join(g.numbers)}",
                table=g.table, row=g.rows[0], found=" ".join(g.numbers),
            ))
    failed = {id(g) for g in groups if not base[id(g)]}

    # 2. An identity no placement can satisfy is the document's own mistake: it breaks
    # whatever is chosen, so it cannot tell placements apart. It is left to validation
    # (a warning under its rule id) and kept out of propagation and the solver, where it
    # would only discard propagation and make every solve minimise around it.
    arrays = {key: (np.array(cands, dtype=np.int64).reshape(len(cands), -1),
                    np.array(numbers[key], dtype=np.int64)) for key, cands in base.items() if cands}
    linear = [lin for lin in soft if not _never_holds(lin, arrays, failed)]

    # 3. Propagate the other identities while they hold; solve the rest softly.
    candidates = _propagate(base, linear, numbers, failed)
    if candidates is not None and not _fixed_hold(candidates, linear, numbers, failed):
        candidates = None  # a relation breaks whatever is chosen: propagation was unsound here
    solved = _solve(groups, candidates or base, linear, numbers, failed)
    if candidates is not None and solved is not None and solved.best:
        candidates = None  # identities conflict: reconsider every locally possible placement
        solved = _solve(groups, base, linear, numbers, failed)
    candidates = candidates or base
    for g in groups:
        if len(candidates[id(g)]) == 1:
            g.assignment = tuple(g.columns[c] for c in candidates[id(g)][0])
            g.decided_by = DecidedBy.IDENTITY
    if solved is None:
        return findings
    model, solver, z, chosen, best, violations = (
        solved.model, solved.solver, solved.z, solved.chosen, solved.best, solved.violations)
    open_groups = solved.open_groups
    if best:
        for y, r in violations:
            if solver.value(y):
                findings.append(Finding(
                    "attribution.conflict", Severity.ERROR,
                    f"no column assignment satisfies every identity; kept one breaking {best}, "
                    f"among them {r.rule} ({r.label})", table=r.table, row=r.row, column=r.column))
    model.add(sum(y for y, _r in violations) <= best)

    # 4. Which open groups are forced? Probe "some group in `test` differs".
    probe = model.new_bool_var("probe")
    active = {id(g): model.new_bool_var(f"a{gi}") for gi, g in enumerate(open_groups)}
    differs = []
    for g in open_groups:
        d = model.new_bool_var("")
        model.add_implication(d, active[id(g)])
        model.add_implication(d, z[id(g)][chosen[id(g)]].Not())
        differs.append(d)
    model.add_bool_or(differs).only_enforce_if(probe)
    ambiguous: list[AmountGroup] = []
    test = list(open_groups)
    while test:
        model.clear_assumptions()
        model.add_assumptions([probe] + [active[id(g)] if g in test else active[id(g)].Not()
                                         for g in open_groups])
        if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            break
        moved = [g for g in test if not solver.value(z[id(g)][chosen[id(g)]])]
        ambiguous += moved
        test = [g for g in test if g not in moved]
    for g in open_groups:
        if g not in ambiguous:
            g.assignment = tuple(g.columns[c] for c in candidates[id(g)][chosen[id(g)]])
            g.decided_by = DecidedBy.IDENTITY

    # 5. Ambiguous groups: enumerate, pick by the prior, fix, go on.
    usage: dict[str, Counter] = defaultdict(Counter)
    for g in groups:
        if g.decided_by is DecidedBy.IDENTITY:
            usage[g.table].update(g.assignment)
    fixed = []
    ambiguous.sort(key=lambda g: (g.table, g.rows[0]))

    def feasible_with(g: AmountGroup, assumed: list, a: int) -> bool:
        model.clear_assumptions()
        model.add_assumptions(assumed + [z[id(g)][a]])
        return solver.solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)

    for g in ambiguous:
        # Alternatives are every placement some optimal solution gives this row, whatever
        # earlier picks were made (a 合计 row tied to a row picked before it is as open as
        # that row); the pick is among those still possible with the earlier picks.
        feasible = [a for a in range(min(len(candidates[id(g)]), _MAX_ALTERNATIVES)) if feasible_with(g, [], a)]
        possible = [a for a in feasible if feasible_with(g, fixed, a)] if fixed else feasible
        pick = max(possible, key=lambda a: (sum(usage[g.table][g.columns[c]] for c in candidates[id(g)][a]), -a))
        fixed.append(z[id(g)][pick])
        g.assignment = tuple(g.columns[c] for c in candidates[id(g)][pick])
        g.decided_by = DecidedBy.PRIOR
        g.alternatives = tuple(tuple(g.columns[c] for c in candidates[id(g)][a]) for a in feasible if a != pick)
        others = "; ".join(", ".join(alt) for alt in g.alternatives)
        findings.append(Finding(
            "attribution.prior", Severity.INFO,
            f"{_where(g)}: {' '.join(g.numbers)} fit {len(feasible)} column assignments; the prior "
            f"(columns this table's decided rows use most, then leftmost) chose {', '.join(g.assignment)}; "
            f"also possible: {others}", table=g.table, row=g.rows[0],
            expected=", ".join(g.assignment), found=" ".join(g.numbers)))
    return findings
