"""Say what kind of document a PDF is, and refuse what the Beijing template cannot load.

Contract: ``sighting(collected, template) -> Sighting`` summarises what was seen (region,
budget or final account, amount unit, table titles, Beijing tables recognised by title
*and* header); ``refuse_unless_loadable(path, sighting, template)`` raises ``ParseError``
with one line naming the reason, or returns when all the template's tables were read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loader.errors import ParseError
from loader.parse.pdf_pages import Collected
from loader.parse.pdf_template import Template, normalize

# Province-level names, to say whose document a foreign file is (never used to accept one).
_REGIONS = ("北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省",
            "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省",
            "广东省", "海南省", "四川省", "贵州省", "云南省", "陕西省", "甘肃省", "青海省", "台湾省",
            "内蒙古自治区", "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区",
            "香港特别行政区", "澳门特别行政区")
_FINAL = re.compile(r"决算")


@dataclass(frozen=True)
class Sighting:
    template: str | None  # the template id whose tables were recognised, else None
    region: str | None
    final_account: bool
    unit: str | None  # amount unit most tables state
    titles: tuple[str, ...]  # title-like lines, in order
    recognised: tuple[str, ...]  # template table ids read (title and header matched)
    titled_not_matching: tuple[str, ...]  # ids whose title was seen but header was not

    def summary(self) -> str:
        kind = "final account (决算)" if self.final_account else "budget (预算)"
        where = f"{self.region} " if self.region else ""
        titles = ", ".join(self.titles[:6]) + (f", … ({len(self.titles)} in all)"
                                               if len(self.titles) > 6 else "")
        unit = f", amounts in {self.unit}" if self.unit else ""
        return f"looks like a {where}{kind} with tables [{titles}]{unit}"


def sighting(collected: Collected, template: Template) -> Sighting:
    text = " ".join(collected.first_lines)
    region = next((r for r in _REGIONS if r in text), None)
    if region is None:
        region = next((r for r in _REGIONS for _, t in collected.title_lines if r in t), None)
    titles: list[str] = []
    for _, t in collected.title_lines:
        if normalize(t) not in titles:
            titles.append(normalize(t))
    final = bool(_FINAL.search(text)) or sum(bool(_FINAL.search(t)) for t in titles) > len(titles) / 2
    units = [run.unit for run in collected.tables.values() if run.unit]
    unit = max(set(units), key=units.count) if units else _unit_in(collected.first_lines)
    recognised = tuple(sorted(collected.tables))
    return Sighting(template.id if recognised else None, region, final, unit, tuple(titles),
                    recognised, tuple(sorted(set(collected.titled_not_matching) - set(recognised))))


def _unit_in(lines: list[str]) -> str | None:
    for line in lines:
        m = re.search(r"单位[：:]\s*(万元|元|千元|亿元)", line)
        if m:
            return m.group(1)
    return None


def _names(ids, template: Template) -> str:
    return ", ".join(f"{t} {template.tables[t].title}" for t in ids)


def refuse_unless_loadable(path: str, seen: Sighting, template: Template) -> None:
    """Raise ``ParseError`` unless every table of the template was read."""
    if seen.final_account:
        raise ParseError(path, "a final account (决算), not a budget (预算): the loader reads "
                               f"budgets only; refused, nothing loaded ({seen.summary()})")
    missing = [t for t in template.tables if t not in seen.recognised]
    if not missing:
        return
    if not seen.recognised:
        near = (f"; titles like {template.id}'s but other headers: "
                f"{_names(seen.titled_not_matching, template)}" if seen.titled_not_matching else "")
        raise ParseError(path, f"not the {template.name} ({template.id}) template: no table of it "
                               f"recognised{near}; {seen.summary()}; refused, nothing loaded")
    bad = [t for t in missing if t in seen.titled_not_matching]
    detail = f" (header not as the template prints it: {_names(bad, template)})" if bad else ""
    raise ParseError(path, f"budget is missing tables {_names(missing, template)}{detail}; "
                           f"recognised {len(seen.recognised)} of {len(template.tables)}; "
                           "refused, nothing loaded")
