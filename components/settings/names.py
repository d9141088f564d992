"""Names the program derives Kubernetes objects from, and the limits those objects put on them.

The Airflow chart names objects `<release>-<suffix>`. Kubernetes refuses, at deploy time and after
RDS and the rest exist, a Service name over 63 characters, a Job whose `job-name` label (its name)
is over 63, a StatefulSet over 52 (its pods' `controller-revision-hash` label adds 11); Helm
refuses release names over 53. The longest suffixes of chart 1.22.0 (`-run-airflow-migrations`
on a Job, 23 characters) make 40 the longest release name that deploys; a test re-derives it from
a render of the pinned chart.
"""

from __future__ import annotations

RELEASE_NAME_MAX = 40

# Namespaces the program creates for its add-ons: Airflow sharing one would mix its objects,
# quotas and NetworkPolicies with theirs (and a destroy of one would take the other).
CERT_MANAGER_NAMESPACE = "cert-manager"
KEDA_NAMESPACE = "keda"
# Kubernetes' own namespaces: never a home for an application.
SYSTEM_NAMESPACES = ("default", "kube-system", "kube-public", "kube-node-lease")


def release_name(name: str) -> str:
    """Validator body: a release name short enough for every object the chart derives from it."""
    if len(name) > RELEASE_NAME_MAX:
        raise ValueError(
            f"allowed: at most {RELEASE_NAME_MAX} characters ({len(name)} given): the chart names "
            "Services, StatefulSets and Jobs <release>-<suffix>, which Kubernetes limits to 63 "
            "characters, e.g. airflow"
        )
    return name


def airflow_namespace(name: str) -> str:
    """Validator body: a namespace of Airflow's own."""
    if name in SYSTEM_NAMESPACES:
        raise ValueError(
            f"{name} is a Kubernetes system namespace; allowed: a namespace of Airflow's own, "
            "e.g. airflow"
        )
    if name in (CERT_MANAGER_NAMESPACE, KEDA_NAMESPACE):
        raise ValueError(
            f"the program installs {name} into namespace {name}; allowed: a namespace of "
            "Airflow's own, e.g. airflow"
        )
    return name
