"""Rule ids are data, documented, and the document's own mistakes are reported."""

from __future__ import annotations

import re
from pathlib import Path

from fragment_docs import make_document  # noqa: F401 - tests/parse on sys.path via conftest below

from loader.model.records import Severity
from loader.parse import parse_document
from loader.validate import validate
from loader.validate.rules import RULES

ROOT = Path(__file__).resolve().parents[2]


def test_every_rule_is_documented_once():
    doc = (ROOT / "docs" / "rules.md").read_text("utf-8")
    documented = re.findall(r"^\| `([a-z0-9_.]+)` \|", doc, re.M)
    assert sorted(documented) == sorted(r.id for r in RULES)
    assert len({r.id for r in RULES}) == len(RULES)


def test_document_mistakes_are_findings_and_values_stay(tmp_path):
    t13 = ("042001-测试单位\n\n11000022T0000001000\n10-项目甲\n\n31-部门项目 张三 5557179 1.000000 1.000000\n\n"
           "目标\n\n产出指标 成本指标 费用 ≤ 1 万元 正向指标\n\n产出指标 质量指标 质量 定性 优良中低差 张 正向指标\n\n"
           "满意度指标 服务对象满意度指标 满意 ≥ 90 次 正向指标\n")
    t07 = "042001-另一个名字 2240150 事业运行"
    doc = parse_document(make_document(tmp_path, t13=t13, t07=t07))
    by_rule = {f.rule: f for f in doc.findings}
    assert by_rule["doc.phone_malformed"].found == "5557179"
    assert by_rule["doc.cost_indicator_forward"].row == 0
    units = [f.found for f in doc.findings if f.rule == "doc.indicator_unit_mismatch"]
    assert sorted(units) == ["张", "次"]
    assert "042001" in by_rule["doc.code_name_mismatch"].message
    assert doc.tables["13"].rows[0].cells["项目责任人电话"] == "5557179"
    assert all(f.severity is Severity.WARNING for f in doc.findings if f.rule.startswith("doc."))


def test_validate_alone_reports_a_broken_total(tmp_path):
    t05 = "A-货物 1.000000\n\nC-服务 2.000000\n\n合  计 4.000000"
    doc = parse_document(make_document(tmp_path, t05=t05))
    (f,) = [f for f in validate(doc) if f.rule == "t05.column_totals"]
    assert (f.expected, f.found, f.table) == ("3.000000", "4.000000", "05")
    assert {c["value"] for c in f.cells} == {"1.000000", "2.000000", "4.000000"}
