"""A starter DAG: replace it with your own. Airflow 3 authoring API (airflow.sdk)."""

from __future__ import annotations

import pendulum
from airflow.sdk import dag, task


@dag(
    schedule="@daily",
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    tags=["example"],
)
def example() -> None:
    @task
    def extract() -> list[int]:
        return [1, 2, 3]

    @task
    def load(values: list[int]) -> None:
        print(f"loaded {sum(values)}")

    load(extract())


example()
