import json
from pathlib import Path
from typing import Any

from offline.cost.estimate import estimate_cost
from offline.cost.saved import COST_FILE, load_estimate, save_estimate

Records = list[dict[str, Any]]


def test_the_saved_estimate_reads_back_equal_with_its_total(
    prod_records: Records, tmp_path: Path
) -> None:
    estimate = estimate_cost(prod_records)
    assert save_estimate(estimate, tmp_path) == tmp_path / COST_FILE
    assert load_estimate(tmp_path) == estimate
    document = json.loads((tmp_path / COST_FILE).read_text())
    assert document["total"] == estimate.total > 0
    assert document["table_date"] == "2026-12-01" and document["region"] == "eu-west-1"


def test_a_plan_without_an_estimate_reads_as_none(tmp_path: Path) -> None:
    assert load_estimate(tmp_path) is None
