"""Reusable Pulumi components of the airflow-platform program."""
