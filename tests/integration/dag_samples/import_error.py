"""Fails to import: a library the image does not have (a DAG dependency nobody pinned)."""

import pandas_that_is_not_installed  # noqa: F401
import pendulum
from airflow.sdk import DAG

with DAG("import_error", schedule=None, start_date=pendulum.datetime(2026, 1, 1, tz="UTC")):
    pass
