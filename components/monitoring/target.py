"""What is monitored: the Airflow release's namespace and the chart's Services for its exporters."""

from __future__ import annotations

from dataclasses import dataclass

# The chart's Service port names (templates/statsd/statsd-service.yaml,
# templates/pgbouncer/pgbouncer-service.yaml) and the ports behind them (values.yaml `ports`).
STATSD_SCRAPE_PORT_NAME = "statsd-scrape"
STATSD_SCRAPE_PORT = 9102
PGBOUNCER_SCRAPE_PORT_NAME = "pgb-metrics"
PGBOUNCER_SCRAPE_PORT = 9127


@dataclass(frozen=True)
class AirflowTarget:
    namespace: str
    release_name: str
    pgbouncer: bool

    def component_labels(self, component: str) -> dict[str, str]:
        """The labels the chart puts on a component's pods and Service, and selects them by."""
        return {"tier": "airflow", "component": component, "release": self.release_name}

    @property
    def statsd_job(self) -> str:
        # A ServiceMonitor's job label is the Service's name: `<release>-statsd`.
        return f"{self.release_name}-statsd"

    @property
    def pgbouncer_job(self) -> str:
        return f"{self.release_name}-pgbouncer"

    @property
    def scrape_jobs(self) -> list[str]:
        return [self.statsd_job, *([self.pgbouncer_job] if self.pgbouncer else [])]

    def selector(self, *matchers: str, job: str | None = None) -> str:
        """A PromQL label selector for this namespace (and job), plus raw matchers."""
        parts = [f'namespace="{self.namespace}"', *([f'job="{job}"'] if job else []), *matchers]
        return "{" + ", ".join(parts) + "}"
