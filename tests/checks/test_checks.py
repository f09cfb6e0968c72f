"""Every SQL check in sql/checks/: its header, a document that passes it, one that fails it.

The tests are parametrized over the check files, so a new check without a failing case in
``check_cases.CASES`` fails the suite. Passing document: the real sample, loaded unchanged.
Failing document: the sample with a few printed cells changed (``check_cases``), loaded
through the real pipeline into a real warehouse; the load runs every check and stores its
rows in audit.finding (origin ``check``). For each case the parser's Python validator is
asked too: it must see the same identity broken (and no other), so the SQL check and the
validator implement one rule.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from check_cases import CASES
from check_mutations import as_new_version, with_findings_of

from loader.load.checks import CHECKS_DIR, check_files
from loader.validate import validate
from loader.validate.rules import RULES, RULES_BY_ID

CHECK_FILES = check_files()
DOCS = Path(__file__).resolve().parents[2] / "docs" / "checks.md"
HEADER = re.compile(r"\A-- Rule: (?P<rule>\S+)\n-- Grain: .+\n(?:-- .*\n)*?-- Identity: ", re.M)


def rule_of(path: Path) -> str:
    m = HEADER.match(path.read_text(encoding="utf-8"))
    assert m, f"{path.name} must open with '-- Rule:', '-- Grain:' and '-- Identity:' comment lines"
    return m.group("rule")


def identity_rules(findings) -> set[str]:
    """Rule ids of the within- and across-table identities among findings."""
    return {f.rule for f in findings if f.rule.startswith(("t", "x"))}


def test_there_are_checks():
    assert len(CHECK_FILES) >= 10, f"only {len(CHECK_FILES)} files in {CHECKS_DIR}"


@pytest.mark.parametrize("path", CHECK_FILES, ids=lambda p: p.stem)
def test_check_header_names_a_known_rule(path):
    rule = rule_of(path)
    assert rule in RULES_BY_ID, f"{path.name}: {rule} is not in loader/validate/rules.py"
    sql = path.read_text(encoding="utf-8")
    assert f"'{rule}' AS rule" in sql, f"{path.name} must return the rule id of its header"
    assert f"'{RULES_BY_ID[rule].severity}' AS severity" in sql


def test_one_check_per_rule():
    rules = Counter(rule_of(p) for p in CHECK_FILES)
    assert [r for r, n in rules.items() if n > 1] == []
    assert set(CASES) <= set(rules), f"cases without a check: {set(CASES) - set(rules)}"


@pytest.mark.parametrize("path", CHECK_FILES, ids=lambda p: p.stem)
def test_sample_passes(path, sample, sample_version, findings):
    rule = rule_of(path)
    # The sample is a passing document for this identity by the validator's word too.
    assert rule not in identity_rules(validate(sample))
    stored = findings(sample_version, "check")
    assert [f["message"] for f in stored if f["rule"] == rule] == []


@pytest.mark.parametrize("path", CHECK_FILES, ids=lambda p: p.stem)
def test_broken_document_fails(path, sample, load, findings):
    rule = rule_of(path)
    case = CASES.get(rule)
    assert case is not None, f"{path.name}: no failing document for {rule} in check_cases.CASES"
    broken, expected = case.build(sample)

    # The validator sees exactly this identity broken (the change is minimal).
    assert rule in identity_rules(validate(broken))
    assert identity_rules(validate(broken)) <= {rule} | case.also

    version = load(with_findings_of(as_new_version(broken, f"check:{rule}")))
    stored = findings(version)
    # The document still agrees with itself: only the cross-table (or row) identity broke.
    assert [f["message"] for f in stored if f["rule"] == "load.printed_total_differs"] == []
    failing = [f for f in stored if f["origin"] == "check"]
    assert {f["rule"] for f in failing} == {rule}, [f["message"] for f in failing]
    assert sorted(Decimal(f["difference"]) for f in failing) == sorted(expected), \
        [f["message"] for f in failing]
    for f in failing:
        assert f["severity"] == str(RULES_BY_ID[rule].severity)
        assert (f["unit_code"], f["fiscal_year"]) == (sample.identity.unit_code,
                                                      sample.identity.fiscal_year)
        assert f["message"] and "\n" not in f["message"]
        assert isinstance(f["figures"], dict) and f["figures"]


def test_figures_keep_amounts_exact(sample, load, findings):
    """Amounts in figures are strings with the template's six decimals, never JSON floats."""
    broken, _ = CASES["x05_03.within_expenditure"].build(sample)
    version = load(as_new_version(broken, "figures"))
    (row,) = [f for f in findings(version, "check")]
    for side in ("left", "right"):
        assert re.fullmatch(r"-?\d+\.\d{6}", row["figures"][side]["amount"])
    left, right = (Decimal(row["figures"][s]["amount"]) for s in ("left", "right"))
    assert left - right == row["difference"]


def test_check_command_prints_check_findings(sample, load, findings, checks_url):
    broken, _ = CASES["x07_08.basic_totals"].build(sample)
    version = load(as_new_version(broken, "cli"))
    stored = findings(version, "check")
    env = {k: v for k, v in os.environ.items() if k != "BUDGET_LOADER_HOME"}
    env["DATABASE_URL"] = checks_url
    out = subprocess.run(
        [str(Path(sys.executable).with_name("budget-loader")), "check",
         "--unit", sample.identity.unit_code, "--year", str(sample.identity.fiscal_year)],
        capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    for f in stored:
        assert f"{f['unit_code']} {f['fiscal_year']} warning {f['rule']}: {f['message']}" in lines


def test_docs_account_for_every_identity_rule():
    """docs/checks.md says, for every tNN/xAA_BB rule, which check holds it or why none does."""
    text = DOCS.read_text(encoding="utf-8")
    missing = [r.id for r in RULES if r.id.startswith(("t", "x")) and f"`{r.id}`" not in text]
    assert missing == []
    for path in CHECK_FILES:
        assert path.name in text, f"docs/checks.md does not list {path.name}"
