"""The Airflow chart's values, as pure functions of the settings: one module per part of the chart,
composed by `chart.chart_values`. Secrets appear in them by Secret name only."""

from components.airflow.values.chart import AwsInputs, ChartInputs, chart_values

__all__ = ["AwsInputs", "ChartInputs", "chart_values"]
