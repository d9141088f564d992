from typing import Any

from offline.cost.estimate import estimate_cost
from offline.cost.report import change_line, report_lines, summary_line
from tests.offline.cost.conftest import plan_records

Records = list[dict[str, Any]]


def test_the_summary_names_total_region_date_and_the_excluded_nodes(prod_records: Records) -> None:
    estimate = estimate_cost(prod_records)
    line = summary_line(estimate)
    assert line.startswith(f"Estimated monthly cost: {estimate.total:,.2f} USD in eu-west-1")
    assert "prices of 2026-12-01" in line and "cluster nodes excluded" in line


def test_the_report_lists_each_priced_resource_and_the_usage_based_ones(
    prod_records: Records,
) -> None:
    lines = report_lines(estimate_cost(prod_records))
    assert any("db.m7g.large Multi-AZ" in line for line in lines)
    assert any(line.startswith("  usage-based, not in the total:") for line in lines)


def test_the_change_line_shows_before_after_and_the_signed_difference(dev_records: Records) -> None:
    bigger = plan_records("dev", {"airflow-platform:database": {"instanceClass": "db.t4g.medium"}})
    old, new = estimate_cost(dev_records), estimate_cost(bigger)
    assert change_line(old, new) == (
        f"Estimated monthly cost: {old.total:,.2f} USD -> {new.total:,.2f} USD"
        f" (+{new.total - old.total:,.2f} USD)"
    )
    assert "(-" in change_line(new, old)
