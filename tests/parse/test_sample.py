"""The one real document, checked against the identities and the template, not its answers."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from loader.model.records import DecidedBy, amount
from loader.parse import parse_document
from loader.parse.dump import document_to_dict
from loader.parse.template import load_template
from loader.validate.identities import project_name


@pytest.fixture(scope="module")
def doc(sample_text):
    return parse_document(sample_text)


def test_every_identity_holds_or_a_finding_says_why(doc):
    # On this document every identity holds: no within- or cross-table finding at all.
    assert [f.message for f in doc.findings if re.match(r"^[tx]\d", f.rule)] == []
    assert [f.message for f in doc.findings if f.severity.value == "error"] == []


def test_every_printed_amount_is_placed_once(sample_text, doc):
    template = load_template()
    text = sample_text.read_text("utf-8")
    before13, _, in13 = text.partition("年度项目支出绩效表")
    printed = Counter(template.amount_token.findall(before13))
    placed = Counter(v for tid, t in doc.tables.items() if tid != "13"
                     for r in t.rows for c, v in r.cells.items() if c in template.tables[tid].amount_columns)
    assert placed == printed
    # Table 13 repeats a project's amounts on each indicator row and after page breaks:
    # each project's amounts are placed once, and they are exactly the ones printed.
    per_project = {}
    for r in doc.tables["13"].rows:
        per_project.setdefault(r.cells["项目名称"], tuple(
            v for c, v in r.cells.items() if c in template.tables["13"].amount_columns))
    assert set(v for vs in per_project.values() for v in vs) == set(template.amount_token.findall(in13))


def test_every_amount_says_how_its_column_was_decided(doc):
    template = load_template()
    for tid, table in doc.tables.items():
        for row in table.rows:
            amounts = {c for c in row.cells if c in template.tables[tid].amount_columns}
            assert set(row.decided_by) == amounts
            if DecidedBy.PRIOR in row.decided_by.values():
                assert row.alternatives
                for alt in row.alternatives:
                    assert sorted(alt.cells.values()) == sorted(row.cells[c] for c in amounts)
                    assert set(alt.cells) != amounts
            else:
                assert not row.alternatives


def test_projects_of_04_are_the_projects_of_13_once_each(doc):
    template = load_template()
    code = re.compile(template.tables["13"].extra["project_code"])
    names04 = [project_name(r.cells["项目名称"]) for r in doc.tables["04"].rows if not r.total]
    cells13 = [r.cells["项目名称"] for r in doc.tables["13"].rows]
    blocks = [k for i, k in enumerate(cells13) if i == 0 or cells13[i - 1] != k]
    assert len(blocks) == len(set(blocks))  # each project one contiguous block
    assert sorted(project_name(c) for c in blocks) == sorted(set(names04))
    for cell in blocks:
        head = cell.split("-", 1)[0]
        assert code.match(head) and len(head) == template.tables["13"].extra["project_code_length"]


def test_indicators_are_complete_and_not_duplicated(doc):
    rows = doc.tables["13"].rows
    keys = [(r.cells["项目名称"], r.cells.get("二级指标"), r.cells.get("三级指标"), r.cells.get("本年绩效指标值"))
            for r in rows]
    assert len(keys) == len(set(keys))
    x = load_template().tables["13"].extra
    for r in rows:
        assert r.cells["一级指标"] in x["level1"] and r.cells["二级指标"] in x["level2"]
        assert r.cells["指标方向性"] in ("正向指标", "反向指标")
        assert r.cells.get("三级指标")
        goal = r.cells["绩效目标"]
        assert not any(goal.endswith(w) for w in x["level1"])


def test_totals_of_04_and_13_agree_per_project(doc):
    total04 = Counter()
    for r in doc.tables["04"].rows:
        if not r.total:
            total04[project_name(r.cells["项目名称"])] += amount(r.cells["合计"])
    seen = {}
    for r in doc.tables["13"].rows:
        seen[project_name(r.cells["项目名称"])] = amount(r.cells["项目总额"])
    assert seen == dict(total04)


def test_identity_is_inferred_and_says_how(doc):
    i = doc.identity
    assert i.fiscal_year in {int(r.cells["年度"]) for r in doc.tables["11"].rows}
    assert len(i.sha256) == 64 and i.unit_code.startswith(i.department_code)
    for field in ("unit_code", "unit_name", "department_code", "fiscal_year", "kind"):
        assert i.inferred[field].how


def test_json_dump_round_trips(doc):
    data = json.loads(json.dumps(document_to_dict(doc), ensure_ascii=False))
    assert sorted(data["tables"]) == [f"{n:02d}" for n in range(1, 14)]
    assert data["document"]["inferred"]["fiscal_year"]["value"] == doc.identity.fiscal_year
    row = data["tables"]["02"]["rows"][0]
    assert set(row) == {"cells", "total", "source", "decided_by", "alternatives"}
    assert all(isinstance(v, str) for v in row["cells"].values())
