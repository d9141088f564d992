"""Kubernetes quantities as a user may write them, normalised to the form the program uses.

Kubernetes accepts `20Gi`, `20G`, `21474836480`, `2e10`, `1.5Gi`, `500m` alike; the settings keep
a canonical form (whole Mi, Gi or Ti for sizes, whole cores or millicores for CPU), so the rest
of the program (and the memory limit >= request rule) reads one unit. A value already in that form
is kept as written, so no existing stack sees a change.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation

_SUFFIXES: dict[str, Decimal] = {
    "": Decimal(1),
    "n": Decimal("1e-9"),
    "u": Decimal("1e-6"),
    "m": Decimal("1e-3"),
    "k": Decimal("1e3"),
    "M": Decimal("1e6"),
    "G": Decimal("1e9"),
    "T": Decimal("1e12"),
    "P": Decimal("1e15"),
    "E": Decimal("1e18"),
    **{
        suffix: Decimal(1024**power)
        for power, suffix in enumerate(["Ki", "Mi", "Gi", "Ti", "Pi", "Ei"], 1)
    },
}
# Kubernetes' quantity grammar: a signed decimal number, then a suffix or a decimal exponent.
_QUANTITY = re.compile(r"^\+?(\d+\.?\d*|\.\d+)([eE][+-]?\d+|[numkMGTPE]|[KMGTPE]i)?$")
_MI = 1024**2


def quantity(value: object) -> Decimal:
    """The amount a Kubernetes quantity (text or a YAML number) stands for; ValueError if none."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError("not a quantity")
    text = str(value).strip()
    match = _QUANTITY.match(text)
    if match is None:
        raise ValueError("not a quantity")
    number, suffix = match.group(1), match.group(2) or ""
    try:
        if suffix[:1] in ("e", "E"):
            return Decimal(number + suffix)
        return Decimal(number) * _SUFFIXES[suffix]
    except InvalidOperation:
        raise ValueError("not a quantity") from None


def _binary(mebibytes: int, units: tuple[str, ...]) -> str:
    """The largest unit of `units` (Mi, Gi, Ti) that states `mebibytes` exactly."""
    for unit, size in (("Ti", 1024**2), ("Gi", 1024), ("Mi", 1)):
        if unit in units and mebibytes % size == 0:
            return f"{mebibytes // size}{unit}"
    raise AssertionError("Mi states every whole number of mebibytes")


def size(value: object, units: tuple[str, ...], canonical: re.Pattern[str], example: str) -> object:
    """A byte quantity in whole `units`, rounded up to a whole Mi (as Kubernetes rounds up)."""
    if isinstance(value, str) and canonical.match(value):
        return value
    try:
        amount = quantity(value)
    except ValueError:
        return value  # the pattern's own message says what is allowed
    if amount < _MI:
        raise ValueError(f"allowed: at least 1Mi, e.g. {example}")
    return _binary(math.ceil(amount / _MI), units)


def cpu(value: object, canonical: re.Pattern[str]) -> object:
    """CPU in whole cores or whole millicores (Kubernetes rounds finer values up to 1m)."""
    if isinstance(value, str) and (canonical.match(value) or value.endswith("i")):
        return value  # canonical, or a memory unit (50Mi) by mistake: the pattern says why
    try:
        millicores = math.ceil(quantity(value) * 1000)
    except ValueError:
        return value
    if millicores < 1:
        raise ValueError("allowed: at least 1m, e.g. 250m")
    return f"{millicores // 1000}" if millicores % 1000 == 0 else f"{millicores}m"
