"""The dated price table (prices.json beside this file): one region's rates, or why there are none."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

PRICES_FILE = Path(__file__).with_name("prices.json")


@dataclass(frozen=True)
class PriceTable:
    date: str
    provenance: str  # how the prices got into the table, printed beside every estimate
    currency: str
    hours_per_month: int
    region: str
    rates: dict[str, Any]

    def hourly(self, family: str, size: str) -> float | None:
        """An hourly rate by instance size, or None where the table has no price for it."""
        value = self.rates.get(family, {}).get(size)
        return float(value) if value is not None else None

    def rate(self, name: str) -> float:
        return float(self.rates[name])


@cache
def _document() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(PRICES_FILE.read_text())
    return document


def price_table(region: str) -> PriceTable | None:
    """The table for `region`, or None where it holds no prices for that region."""
    document = _document()
    rates = document["regions"].get(region)
    if rates is None:
        return None
    return PriceTable(
        date=document["date"],
        provenance=document["provenance"],
        currency=document["currency"],
        hours_per_month=int(document["hoursPerMonth"]),
        region=region,
        rates=rates,
    )


def priced_regions() -> list[str]:
    return sorted(_document()["regions"])
