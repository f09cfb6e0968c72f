"""The printing rule for amounts, in one place: thousands separators and the template's decimals.

``printed_amount(Decimal("1144"))`` -> ``"1,144.000000"``. Exact: Decimal formatting never goes
through a float. Blank (None) stays None, as the published tables print nothing there.
"""

from __future__ import annotations

from decimal import Decimal

DEFAULT_SCALE = 6  # Beijing prints 万元 with six decimals (template `amount_scale`)


def printed_amount(value: Decimal | None, scale: int = DEFAULT_SCALE) -> str | None:
    if value is None:
        return None
    if not isinstance(value, Decimal):
        raise TypeError(f"amounts must be Decimal, got {type(value).__name__}")
    return f"{value:,.{scale}f}"
