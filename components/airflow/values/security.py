"""Pod security for every pod the Airflow chart runs: a user other than root, the RuntimeDefault
seccomp profile, no privilege escalation, no capabilities; and a Kubernetes API token only for the
pods that call the API. The chart's own defaults give the first and, for most containers, the
last two, but no seccomp profile, root for Redis, nothing for git-sync, and a token everywhere."""

from __future__ import annotations

from typing import Any

from components.settings import AirflowSettings

# The chart's `uid`/`gid`: the official image's airflow user, whose files are group 0's.
AIRFLOW_UID = 50000
AIRFLOW_GID = 0
GIT_SYNC_UID = 65533  # the chart's dags.gitSync.uid, the git-sync image's user
NOBODY_UID = 65534  # the chart's statsd.uid and pgbouncer.uid
REDIS_UID = 999  # the redis image's `redis` user and group (the chart defaults to root)

NO_ESCALATION = {"allowPrivilegeEscalation": False, "capabilities": {"drop": ["ALL"]}}

# Chart sections whose pods never call the Kubernetes API. Tasks launch no pods on this platform,
# so neither task pods nor the triggerer (deferred pod operators) need a token either.
NO_API_ACCESS = (
    ("dagProcessor",),
    ("triggerer",),
    ("createUserJob",),
    ("migrateDatabaseJob",),
    ("workers", "celery"),
    ("workers", "kubernetes"),
    ("statsd",),
    ("pgbouncer",),
    ("redis",),
)


def restricted_pod(uid: int, gid: int | None = None, fs_group: int | None = None) -> dict[str, Any]:
    """A pod context that names its user (so the kubelet need not trust the image's) and refuses
    root anyway, under the container runtime's default seccomp profile."""
    context: dict[str, Any] = {
        "runAsUser": uid,
        "runAsNonRoot": True,
        "seccompProfile": {"type": "RuntimeDefault"},
    }
    if gid is not None:
        context["runAsGroup"] = gid
    if fs_group is not None:
        context["fsGroup"] = fs_group
    return context


def pod_security_values(settings: AirflowSettings, chart: dict[str, Any]) -> dict[str, Any]:
    """Values to merge into the chart's (`chart`): nothing for a section it disables. The chart
    takes a section's `securityContexts.pod` whole, not field by field, so each one repeats the
    user it replaces."""
    kubernetes_executor = settings.uses_kubernetes_executor
    values: dict[str, Any] = {
        # Every Airflow pod (components, Jobs, the KubernetesExecutor's pod template), and every
        # Airflow container and sidecar (log groomers, wait-for-migrations) that sets nothing.
        "securityContexts": {
            "pod": restricted_pod(AIRFLOW_UID, fs_group=AIRFLOW_GID),
            "containers": NO_ESCALATION,
        },
        # git-sync's own context replaces the chart's bare `runAsUser` (its sidecar and init
        # container run in the Airflow pods, under their seccomp profile).
        "dags": {
            "gitSync": {
                "securityContexts": {
                    "container": {"runAsUser": GIT_SYNC_UID, "runAsNonRoot": True, **NO_ESCALATION}
                }
            }
        },
        "statsd": {"securityContexts": {"pod": restricted_pod(NOBODY_UID)}},
        "pgbouncer": {"securityContexts": {"pod": restricted_pod(NOBODY_UID)}},
        "redis": {"securityContexts": {"pod": restricted_pod(REDIS_UID, REDIS_UID, REDIS_UID)}},
        # The KubernetesExecutor creates and watches task pods; the API server then reads the
        # running ones' logs. Otherwise no Airflow pod calls the API, and the chart's Roles for
        # it would be grants to accounts whose pods hold no token.
        "allowPodLaunching": kubernetes_executor,
        "scheduler": _token(kubernetes_executor),
        "apiServer": {"allowPodLogReading": kubernetes_executor, **_token(kubernetes_executor)},
    }
    for path in NO_API_ACCESS:
        node = values
        for part in path:
            node = node.setdefault(part, {})
        node.update(_token(False))
    if not _enabled((chart.get("dags") or {}).get("gitSync")):
        del values["dags"]
    return {section: extra for section, extra in values.items() if _enabled(chart.get(section))}


def _enabled(section: Any) -> bool:
    return not (isinstance(section, dict) and section.get("enabled") is False)


def _token(mounted: bool) -> dict[str, Any]:
    return {"serviceAccount": {"automountServiceAccountToken": mounted}}
