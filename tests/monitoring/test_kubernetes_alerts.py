"""components/monitoring/kubernetes_alerts.py: pod, container, PgBouncer and scrape alerts fire on
synthetic kube-state-metrics, cAdvisor and exporter series, and stay quiet on healthy ones."""

from __future__ import annotations

from pathlib import Path

from components.monitoring import metrics as m
from components.monitoring.kubernetes_alerts import pod_alerts, scrape_alerts
from components.monitoring.target import AirflowTarget
from components.settings.monitoring import AlertThresholds
from tests.monitoring.conftest import Case, run_promtool_tests, series

POD = {"namespace": "airflow", "pod": "airflow-worker-0"}
WORKER = {**POD, "container": "worker"}
KSM = {"job": "kube-state-metrics"}
KUBELET = {"job": "kubelet"}
POOL = {"namespace": "airflow", "job": "airflow-pgbouncer", "database": "airflow-metadata"}


def _oom(reason: str) -> list[dict[str, str]]:
    return [
        series(m.CONTAINER_RESTARTS, {**WORKER, **KSM}, "0x10 1x20"),
        series(m.CONTAINER_LAST_TERMINATED, {**WORKER, **KSM, "reason": reason}, "0x10 1x20"),
    ]


def _memory(working_set: str) -> list[dict[str, str]]:
    return [
        series(m.CONTAINER_MEMORY_WORKING_SET, {**WORKER, **KUBELET}, f"{working_set}x30"),
        # The pod sandbox and the pod total (container="") must not count as containers.
        series(m.CONTAINER_MEMORY_WORKING_SET, {**POD, **KUBELET, "container": ""}, "2e9x30"),
        series(m.CONTAINER_LIMITS, {**WORKER, **KSM, "resource": "memory"}, "1e9x30"),
    ]


def _cpu(request: str) -> list[dict[str, str]]:
    # 30 CPU-seconds a minute: half a core.
    return [
        series(m.CONTAINER_CPU, {**WORKER, **KUBELET}, "0+30x60"),
        series(m.CONTAINER_REQUESTS, {**WORKER, **KSM, "resource": "cpu"}, f"{request}x60"),
    ]


def _up(statsd: str | None, pgbouncer: str | None) -> list[dict[str, str]]:
    ups = [("airflow-statsd", statsd), ("airflow-pgbouncer", pgbouncer)]
    return [
        series(m.TARGET_UP, {"namespace": "airflow", "job": job}, values)
        for job, values in ups
        if values is not None
    ] or [series("airflow_unrelated", {"namespace": "airflow"}, "1x20")]


CASES = [
    Case(
        "AirflowPodPending",
        [series(m.POD_PHASE, {**POD, **KSM, "phase": "Pending"}, "1x30")],
        20,
        [POD],
    ),
    Case(
        "AirflowPodPending",
        [
            series(m.POD_PHASE, {**POD, **KSM, "phase": "Pending"}, "1x5 0x25"),
            series(m.POD_PHASE, {**POD, **KSM, "phase": "Running"}, "0x5 1x25"),
        ],
        20,
    ),
    Case("AirflowContainerOomKilled", _oom("OOMKilled"), 15, [{**WORKER, **KSM}]),
    Case("AirflowContainerOomKilled", _oom("Error"), 15),
    Case("AirflowContainerMemoryNearLimit", _memory("9.5e8"), 20, [WORKER]),
    Case("AirflowContainerMemoryNearLimit", _memory("5e8"), 20),
    Case("AirflowContainerCpuAboveRequest", _cpu("0.1"), 45, [WORKER]),
    Case("AirflowContainerCpuAboveRequest", _cpu("0.5"), 45),
    Case(
        "AirflowPgBouncerClientsWaiting",
        [series(m.PGBOUNCER_WAITING_CLIENTS, {**POOL, "user": "postgres"}, "8x20")],
        10,
        [{"namespace": "airflow", "database": "airflow-metadata"}],
    ),
    Case(
        "AirflowPgBouncerClientsWaiting",
        [series(m.PGBOUNCER_WAITING_CLIENTS, {**POOL, "user": "postgres"}, "2x20")],
        10,
    ),
    Case(
        "AirflowMetricsTargetDown",
        _up("0x20", "1x20"),
        15,
        [{"namespace": "airflow", "job": "airflow-statsd"}],
    ),
    # PgBouncer's endpoint never discovered (e.g. a selector that matches no Service).
    Case(
        "AirflowMetricsTargetDown",
        _up("1x20", None),
        15,
        [{"namespace": "airflow", "job": "airflow-pgbouncer"}],
    ),
    Case("AirflowMetricsTargetDown", _up("1x20", "1x20"), 15),
]


def test_every_kubernetes_alert_has_a_firing_and_a_quiet_case(
    target: AirflowTarget, thresholds: AlertThresholds
) -> None:
    names = {a.name for a in [*pod_alerts(target, thresholds), *scrape_alerts(target, thresholds)]}
    firing = {c.alert for c in CASES if c.fires_with}
    quiet = {c.alert for c in CASES if not c.fires_with}
    assert names == firing == quiet


def test_kubernetes_alerts_under_promtool(
    promtool: str, tmp_path: Path, target: AirflowTarget, thresholds: AlertThresholds
) -> None:
    result = run_promtool_tests(promtool, tmp_path, target, thresholds, CASES)
    assert result.returncode == 0, result.stdout + result.stderr


def test_without_pgbouncer_no_pgbouncer_alert_or_scrape_check(
    thresholds: AlertThresholds,
) -> None:
    target = AirflowTarget(namespace="airflow", release_name="airflow", pgbouncer=False)
    alerts = scrape_alerts(target, thresholds)
    assert [a.name for a in alerts] == ["AirflowMetricsTargetDown"]
    assert 'job="airflow-statsd"' in alerts[0].expr
