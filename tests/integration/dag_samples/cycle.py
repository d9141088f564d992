"""Imports, but its tasks form a cycle, which Airflow rejects when it bags the DAG."""

import pendulum
from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG

with DAG("cycle", schedule=None, start_date=pendulum.datetime(2026, 1, 1, tz="UTC")):
    first = EmptyOperator(task_id="first")
    second = EmptyOperator(task_id="second")
    third = EmptyOperator(task_id="third")
    first >> second >> third >> first
