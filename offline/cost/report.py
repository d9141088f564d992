"""The estimate as the offline plan prints it, and its change between two plans."""

from __future__ import annotations

from offline.cost.estimate import CostLine, Estimate

NODES_EXCLUDED = "cluster nodes excluded: the program does not create them"


def _money(amount: float, currency: str) -> str:
    return f"{amount:,.2f} {currency}"


def _prices(estimate: Estimate) -> str:
    return f"{estimate.region} prices of {estimate.table_date} ({estimate.table_provenance})"


def summary_line(estimate: Estimate) -> str:
    if not estimate.table_date:
        return f"Estimated monthly cost: unknown ({'; '.join(estimate.unpriced)})"
    partial = " (partial: see unpriced)" if not estimate.complete else ""
    return (
        f"Estimated monthly cost: {_money(estimate.total, estimate.currency)}{partial},"
        f" {_prices(estimate)}; {NODES_EXCLUDED}"
    )


def report_lines(estimate: Estimate) -> list[str]:
    lines = [summary_line(estimate)]
    lines += [
        f"  {line.monthly:>10,.2f}  {line.name} ({line.type}): {line.detail}"
        for line in estimate.lines
    ]
    lines += [f"  usage-based, not in the total: {note}" for note in estimate.usage_based]
    lines += [f"  unpriced: {note}" for note in estimate.unpriced]
    return lines


def change_line(old: Estimate, new: Estimate) -> str:
    """One line for the plan diff: the estimate before, after and the difference."""
    if not (old.table_date and new.table_date):
        return f"Estimated monthly cost: cannot compare ({summary_line(new)})"
    delta = round(new.total - old.total, 2)
    sign = "+" if delta >= 0 else "-"
    prices = _prices(new) if _prices(old) == _prices(new) else f"{_prices(old)} → {_prices(new)}"
    partial = "" if old.complete and new.complete else " (partial: see unpriced)"
    return (
        f"Estimated monthly cost: {_money(old.total, old.currency)} → "
        f"{_money(new.total, new.currency)} ({sign}{_money(abs(delta), new.currency)}){partial},"
        f" {prices}; {NODES_EXCLUDED}"
    )


def changed_items(old: Estimate, new: Estimate) -> list[str]:
    """Each priced resource whose monthly price appears, goes or moves, with both details."""
    before = {(line.type, line.name): line for line in old.lines}
    after = {(line.type, line.name): line for line in new.lines}
    items = []
    for key in sorted(set(before) | set(after)):
        was, now = before.get(key), after.get(key)
        if was != now:
            prices = f"{_item(was, old.currency)} → {_item(now, new.currency)}"
            items.append(f"- `{key[0]}` **{key[1]}**: {prices}")
    items += [f"- unpriced: {note}" for note in new.unpriced if note not in old.unpriced]
    return items


def _item(line: CostLine | None, currency: str) -> str:
    return f"{_money(line.monthly, currency)} ({line.detail})" if line else "none"
