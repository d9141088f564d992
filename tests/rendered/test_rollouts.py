"""A change of any Secret or ConfigMap a long-running pod of each stack reads changes that pod's
template, so Kubernetes rolls it. Each stack is rendered as is and again with every generated
secret rotated (docs/secret-rotation.md); prod, where PgBouncer is on, again with other pool
limits, which rewrite the program's own PgBouncer Secret without rotating anything."""

from __future__ import annotations

from typing import Any

from offline.stack_render import StackRender, stack_settings
from offline.verify.rollouts import changed_configs, check_rollouts
from tests.rendered.conftest import cached_render, cached_renders, skip_without_packages

AIRFLOW = "airflow-platform:airflow"


def rotated(stack: str) -> dict[str, Any]:
    """Every rotation number of the stack raised by one (the break-glass password's too)."""
    settings = stack_settings(stack)
    rotation = settings.secrets.rotation
    numbers = {
        field.alias or name: getattr(rotation, name) + 1
        for name, field in type(rotation).model_fields.items()
    }
    version = settings.airflow.auth.break_glass.password_version + 1
    return {
        "airflow-platform:secrets": {"rotation": numbers},
        AIRFLOW: {"auth": {"breakGlass": {"passwordVersion": version}}},
    }


def pgbouncer_resized(stack: str) -> dict[str, Any]:
    """PgBouncer on with other pool limits: its pgbouncer.ini changes, no secret is rotated."""
    airflow = stack_settings(stack).airflow
    return {
        AIRFLOW: {
            "pgbouncer": True,
            "pgbouncerPoolSize": airflow.pgbouncer_pool_size + 1,
            "pgbouncerMaxClientConnections": airflow.pgbouncer_max_client_connections + 1,
        }
    }


def assert_rolls(before: list[dict[str, Any]], after: list[dict[str, Any]], changed: str) -> None:
    assert changed in changed_configs(before, after), f"the change must rewrite {changed}"
    findings = check_rollouts(before, after)
    assert findings == [], "\n".join(findings)


def changed_renders() -> dict[str, StackRender]:
    """Every changed stack of this module, rendered side by side."""
    variants = {
        "dev-rotated": ("dev", rotated("dev")),
        "prod-rotated": ("prod", rotated("prod")),
        "prod-resized": ("prod", pgbouncer_resized("prod")),
    }
    return dict(zip(variants, cached_renders(list(variants.values())), strict=True))


def test_a_rotation_rolls_every_pod_that_reads_a_rotated_secret(rendered: StackRender) -> None:
    after = changed_renders()[f"{rendered.stack}-rotated"]
    assert_rolls(rendered.objects, after.objects, "Secret/airflow/airflow-managed-jwt-secret")


def test_new_pool_limits_roll_pgbouncer() -> None:
    """Prod, where PgBouncer is on (a third render of dev with it on would add seconds)."""
    skip_without_packages()
    before = cached_render("prod")
    after = changed_renders()["prod-resized"]
    assert_rolls(before.objects, after.objects, "Secret/airflow/airflow-managed-pgbouncer-config")
