"""The rendered NetworkPolicies of each stack open exactly the paths the platform needs
(offline/platform_paths.py) and keep other namespaces away from PgBouncer, the broker and the
API server."""

from __future__ import annotations

from offline.platform_paths import required_paths
from offline.stack_render import StackRender, stack_settings
from offline.verify.network import check_paths

KEDA_NAMESPACE = "keda"


def test_every_required_path_is_open_and_every_forbidden_one_closed(
    rendered: StackRender,
) -> None:
    settings = stack_settings(rendered.stack)
    paths = required_paths(settings, rendered.objects, KEDA_NAMESPACE)
    findings = check_paths(rendered.objects, paths)
    assert findings == [], "\n".join(findings)


def test_the_closed_paths_are_closed_by_the_policies(rendered: StackRender) -> None:
    """Not vacuous: without the NetworkPolicies every closed path opens."""
    settings = stack_settings(rendered.stack)
    paths = required_paths(settings, rendered.objects, KEDA_NAMESPACE)
    open_objects = [o for o in rendered.objects if o["kind"] != "NetworkPolicy"]
    findings = check_paths(open_objects, paths)
    assert len(findings) == len([p for p in paths if not p.open]) > 0
    assert all(f.endswith(" is open") for f in findings)


def test_the_list_covers_every_kind_of_path(rendered: StackRender) -> None:
    settings = stack_settings(rendered.stack)
    reasons = {p.why for p in required_paths(settings, rendered.objects, KEDA_NAMESPACE)}
    assert {
        "ingress controller to the API server",
        "task code to the Execution API",
        "Airflow component to its database",
        "KEDA to the database its trigger reads",
        "database-roles Jobs to RDS",
        "another namespace to the API server",
    } <= reasons
    if rendered.stack == "dev":  # prod's broker is ElastiCache, outside the pod network
        assert {"Celery component to the broker", "another namespace to the broker"} <= reasons
    if rendered.stack == "prod":
        assert {"PgBouncer to RDS", "Prometheus to a metrics port"} <= reasons
        assert "another namespace to PgBouncer" in reasons
