"""The network paths the platform needs open, and those that must stay closed, over a stack's
rendered cluster state (offline/stack_render.py), for the evaluator in offline/verify/network.py.

Open: the ingress controller to the API server; every pod that runs task code to the Execution
API; every Airflow component to PgBouncer (or RDS without it); PgBouncer to RDS; Celery components
to the broker; the database-roles Jobs to RDS; Prometheus to every port a ServiceMonitor scrapes; KEDA to what its trigger reads.
Closed: any other namespace to PgBouncer, the broker and the API server.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from components.settings import PlatformSettings
from offline.verify.network import Endpoint, PathRequirement, pod_endpoint, selects
from offline.verify.objects import PodTemplate, namespace_of, pod_templates

# RDS lives in the cluster's VPC, outside the pod network; any private address stands for it.
RDS = Endpoint("rds", address="10.0.100.10")
RDS_PORT = 5432
# A namespace that is none of the platform's, for the paths that must stay closed.
ELSEWHERE = "elsewhere"
# Airflow's pods that are not Airflow components (they run no Airflow code).
_NOT_AIRFLOW = ("pgbouncer", "redis", "statsd")


def _find(pods: list[PodTemplate], namespace: str, **labels: str) -> list[Endpoint]:
    return [
        pod_endpoint(p)
        for p in pods
        if p.namespace == namespace and all(p.labels.get(k) == v for k, v in labels.items())
    ]


def _port(endpoint: Endpoint, name: str, default: int) -> int:
    return endpoint.named_ports.get(name, default)


def _stranger(like: Endpoint) -> Endpoint:
    """A pod in another namespace wearing `like`'s labels: only its namespace tells it apart."""
    return Endpoint(f"{ELSEWHERE}/{like.name}", ELSEWHERE, dict(like.labels))


def _opens(why: str, sources: list[Endpoint], target: Endpoint, port: int) -> list[PathRequirement]:
    return [PathRequirement(why, source, target, port) for source in sources]


def _metrics_targets(objects: Sequence[Mapping[str, Any]]) -> Iterator[tuple[Endpoint, int]]:
    """(pod, port) of every endpoint a ServiceMonitor scrapes, through its Services."""
    pods = pod_templates(objects)
    services = [o for o in objects if o.get("kind") == "Service"]
    for monitor in (o for o in objects if o.get("kind") == "ServiceMonitor"):
        spec, ns = monitor.get("spec") or {}, namespace_of(monitor)
        wanted = {e.get("port") for e in spec.get("endpoints") or []}
        for service in services:
            labels = (service.get("metadata") or {}).get("labels") or {}
            if namespace_of(service) != ns or not selects(spec.get("selector"), labels):
                continue
            for port in (service.get("spec") or {}).get("ports") or []:
                if port.get("name") not in wanted:
                    continue
                selector = {"matchLabels": (service.get("spec") or {}).get("selector") or {}}
                for pod in pods:
                    if pod.namespace == ns and selects(selector, pod.labels):
                        target = pod_endpoint(pod)
                        number = port.get("targetPort", port.get("port"))
                        if isinstance(number, str):
                            number = target.named_ports.get(number, 0)
                        yield target, int(number)


def _keda_uses_pgbouncer(objects: Sequence[Mapping[str, Any]]) -> bool:
    """Whether a ScaledObject's trigger connection (an env var of its target, from a Secret)
    names a PgBouncer host rather than RDS."""
    secrets = {
        (namespace_of(o), (o.get("metadata") or {}).get("name")): o
        for o in objects
        if o.get("kind") == "Secret"
    }
    for pod in pod_templates(objects):
        for container in pod.containers():
            for env in container.get("env") or []:
                ref = (env.get("valueFrom") or {}).get("secretKeyRef")
                if env.get("name") != "KEDA_DB_CONN" or not ref:
                    continue
                secret = secrets.get((pod.namespace, ref.get("name"))) or {}
                value = str((secret.get("stringData") or {}).get(ref.get("key"), ""))
                return "pgbouncer" in value.split("@")[-1]
    return False


def required_paths(
    settings: PlatformSettings, objects: Sequence[Mapping[str, Any]], keda_namespace: str
) -> list[PathRequirement]:
    """Every path the issue's list names, over the rendered pods of `objects`."""
    airflow = settings.airflow
    ns, pods = airflow.namespace, pod_templates(objects)
    api_server = _find(pods, ns, component="api-server")[0]
    api_port = _port(api_server, "api-server", 8080)
    components = [
        e for e in _find(pods, ns, tier="airflow") if e.labels.get("component") not in _NOT_AIRFLOW
    ]
    task_pods = _find(pods, ns, component="worker")
    keda = _find(pods, keda_namespace, app="keda-operator")
    pgbouncer = _find(pods, ns, component="pgbouncer")
    if pgbouncer:
        database, db_port = pgbouncer[0], _port(pgbouncer[0], "pgbouncer", 6543)
    else:
        database, db_port = RDS, RDS_PORT
    keda_reads = (database, db_port) if _keda_uses_pgbouncer(objects) else (RDS, RDS_PORT)
    ingress = Endpoint("ingress-controller", airflow.ingress_controller_namespace)
    paths = [
        *_opens("ingress controller to the API server", [ingress], api_server, api_port),
        *_opens("task code to the Execution API", task_pods, api_server, api_port),
        *_opens("Airflow component to its database", components, database, db_port),
        *_opens("PgBouncer to RDS", pgbouncer, RDS, RDS_PORT),
        *_opens("KEDA to the database its trigger reads", keda, *keda_reads),
        *_opens(
            "database-roles Jobs to RDS", _find(pods, ns, component="database-roles"), RDS, RDS_PORT
        ),
    ]
    redis = _find(pods, ns, component="redis")
    if redis:
        celery = [e for e in components if e.labels.get("component") in ("worker", "scheduler")]
        celery += _find(pods, ns, component="flower")
        paths += _opens("Celery component to the broker", celery, redis[0], 6379)
        paths += _closed("another namespace to the broker", celery, redis[0], 6379)
    operator = settings.monitoring.prometheus_operator
    if operator is not None:
        prometheus = Endpoint("prometheus", operator.namespace, dict(operator.pod_labels))
        for target, port in _metrics_targets(objects):
            paths.append(PathRequirement("Prometheus to a metrics port", prometheus, target, port))
    paths += _closed(
        "another namespace to the API server", [ingress, *task_pods], api_server, api_port
    )
    if pgbouncer:
        paths += _closed("another namespace to PgBouncer", [*components, *keda], database, db_port)
    return paths


def _closed(why: str, likes: list[Endpoint], target: Endpoint, port: int) -> list[PathRequirement]:
    return [PathRequirement(why, _stranger(like), target, port, open=False) for like in likes]
