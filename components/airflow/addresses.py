"""In-cluster addresses of the chart's services: with `useStandardNaming` off the chart names
them `<release>-<component>`, and the URLs written into our Secrets and config rely on it."""

from __future__ import annotations

from components.settings import AirflowSettings

API_SERVER_PORT = 8080  # the chart's ports.apiServer
PGBOUNCER_PORT = 6543  # the chart's ports.pgbouncer
REDIS_PORT = 6379  # the chart's ports.redisDB


def pgbouncer_host(settings: AirflowSettings) -> str:
    return f"{settings.release_name}-pgbouncer.{settings.namespace}"


def pgbouncer_database(settings: AirflowSettings) -> str:
    """The database name PgBouncer exposes: the chart's convention `<release>-metadata`."""
    return f"{settings.release_name}-metadata"


def execution_api_url(settings: AirflowSettings) -> str:
    """Task workers reach the Execution API inside the cluster, not through the ingress."""
    return (
        f"http://{settings.release_name}-api-server.{settings.namespace}:{API_SERVER_PORT}"
        "/execution/"
    )


def broker_url(settings: AirflowSettings, redis_password: str) -> str:
    return f"redis://:{redis_password}@{settings.release_name}-redis:{REDIS_PORT}/0"
