from typing import Any

from offline.cost.estimate import CostLine, Estimate, estimate_cost
from offline.cost.report import change_line, changed_items, report_lines, summary_line
from tests.offline.cost.conftest import plan_records

Records = list[dict[str, Any]]


def test_the_summary_names_total_region_date_source_and_the_excluded_nodes(
    prod_records: Records,
) -> None:
    estimate = estimate_cost(prod_records)
    line = summary_line(estimate)
    assert line.startswith(f"Estimated monthly cost: {estimate.total:,.2f} USD, eu-west-1 prices")
    assert "prices of 2026-12-01 (hand-entered, not checked against AWS's price list)" in line
    assert line.endswith("; cluster nodes excluded: the program does not create them")


def test_the_report_lists_each_priced_resource_and_the_usage_based_ones(
    prod_records: Records,
) -> None:
    lines = report_lines(estimate_cost(prod_records))
    assert any("db.m7g.large Multi-AZ" in line for line in lines)
    assert any(line.startswith("  usage-based, not in the total:") for line in lines)


def test_the_change_line_shows_before_after_and_the_signed_difference(dev_records: Records) -> None:
    bigger = plan_records("dev", {"airflow-platform:database": {"instanceClass": "db.t4g.medium"}})
    old, new = estimate_cost(dev_records), estimate_cost(bigger)
    assert change_line(old, new).startswith(
        f"Estimated monthly cost: {old.total:,.2f} USD → {new.total:,.2f} USD"
        f" (+{new.total - old.total:,.2f} USD), eu-west-1 prices of 2026-12-01 ("
    )
    assert "(-" in change_line(new, old)
    assert "cluster nodes excluded" in change_line(old, new)


def _estimate(date: str, *lines: CostLine) -> Estimate:
    return Estimate("eu-west-1", date, "hand-entered", lines=list(lines))


def test_a_new_price_table_is_named_in_the_change_line() -> None:
    old, new = _estimate("2026-12-01"), _estimate("2027-03-01")
    assert "eu-west-1 prices of 2026-12-01 (hand-entered) → eu-west-1 prices of 2027-03-01" in (
        change_line(old, new)
    )


def test_changed_items_are_the_resources_whose_price_appears_goes_or_moves() -> None:
    db, alarm = "aws:rds/instance:Instance", "aws:cloudwatch/metricAlarm:MetricAlarm"
    old = _estimate("d", CostLine("db", db, 10.0, "small"), CostLine("a", alarm, 0.1, "alarm"))
    new = _estimate("d", CostLine("db", db, 20.0, "large"), CostLine("b", alarm, 0.1, "alarm"))
    new.unpriced.append("cache: no eu-west-1 price for cache.x9.huge")
    assert changed_items(old, new) == [
        f"- `{alarm}` **a**: 0.10 USD (alarm) → none",
        f"- `{alarm}` **b**: none → 0.10 USD (alarm)",
        f"- `{db}` **db**: 10.00 USD (small) → 20.00 USD (large)",
        "- unpriced: cache: no eu-west-1 price for cache.x9.huge",
    ]
    assert changed_items(old, old) == []
