"""Money is Decimal yuan, rounded in one place with an explicit mode (四舍五入: half up)."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

YUAN = Decimal("1")
FEN = Decimal("0.01")


def to_decimal(value) -> Decimal:
    """Accept what files and forms carry: '1,234.50', ' 600 ', 600, Decimal('600')."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        raise TypeError("money must not be a float")
    text = str(value).strip().replace(",", "").replace("，", "").replace("¥", "").replace("元", "")
    try:
        result = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(f"not an amount: {value!r}") from exc
    if not result.is_finite():
        raise ValueError(f"not an amount: {value!r}")
    return result


def round_money(amount: Decimal, unit: Decimal = FEN) -> Decimal:
    """Round half up to the unit (YUAN or FEN); never to the even neighbour."""
    return amount.quantize(unit, rounding=ROUND_HALF_UP)


def fmt_yuan(amount: Decimal) -> str:
    """7668.71 -> '7,668.71'; 4601 -> '4,601'."""
    amount = to_decimal(amount)
    if amount == amount.to_integral_value():
        return f"{amount.quantize(YUAN):,}"
    return f"{round_money(amount):,}"


def percent(part, whole, unit: Decimal = Decimal("0.1")) -> Decimal | None:
    """part ÷ whole as a percentage rounded half up to `unit`; None when whole is 0."""
    if not whole:
        return None
    return round_money(Decimal(part) * 100 / Decimal(whole), unit)
