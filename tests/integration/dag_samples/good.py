"""Imports cleanly: two tasks in order."""

import pendulum
from airflow.sdk import dag, task


@dag(schedule=None, start_date=pendulum.datetime(2026, 1, 1, tz="UTC"), catchup=False)
def good() -> None:
    @task
    def extract() -> int:
        return 1

    @task
    def load(value: int) -> None:
        print(value)

    # TaskFlow hands load() an XComArg that Airflow resolves to extract()'s int at run time.
    load(extract())  # type: ignore[arg-type]


good()
