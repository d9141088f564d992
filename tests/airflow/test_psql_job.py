"""components/airflow/psql_job.py: the Jobs' pods, field by field (least privilege), in dev and prod."""

from __future__ import annotations

from typing import Any

from components.airflow.psql_job import digest
from components.pins import POSTGRES_CLIENT_IMAGE
from tests.conftest import ProgramRun

JOB = "kubernetes:batch/v1:Job"


def jobs(run: ProgramRun) -> list[dict[str, Any]]:
    found = [r.inputs for r in run.by_type(JOB)]
    assert len(found) == (2 if run.stack == "prod" else 1)
    return found


def test_the_pod_may_do_nothing_but_run_psql(any_run: ProgramRun) -> None:
    for job in jobs(any_run):
        spec = job["spec"]
        pod = spec["template"]["spec"]
        assert (spec["backoffLimit"], spec["activeDeadlineSeconds"]) == (3, 600)
        assert pod["restartPolicy"] == "Never"
        assert pod["automountServiceAccountToken"] is False
        assert pod["enableServiceLinks"] is False
        assert pod["securityContext"] == {
            "runAsNonRoot": True,
            "runAsUser": 999,
            "runAsGroup": 999,
            "fsGroup": 999,
            "seccompProfile": {"type": "RuntimeDefault"},
        }
        [container] = pod["containers"]
        assert container["securityContext"] == {
            "allowPrivilegeEscalation": False,
            "readOnlyRootFilesystem": True,
            "runAsNonRoot": True,
            "capabilities": {"drop": ["ALL"]},
        }
        assert container["image"] == POSTGRES_CLIENT_IMAGE
        assert container["resources"]["limits"] == {"memory": "128Mi"}
        assert "serviceAccountName" not in pod and "hostNetwork" not in pod


def test_psql_runs_one_script_in_one_transaction_as_the_master_over_tls(
    any_run: ProgramRun,
) -> None:
    for job in jobs(any_run):
        pod = job["spec"]["template"]["spec"]
        [container] = pod["containers"]
        command = container["command"]
        assert command[:5] == ["psql", "-X", "-v", "ON_ERROR_STOP=1", "--single-transaction"]
        assert command[5] == "-f" and command[6].startswith("/scripts/")
        env = {e["name"]: e for e in container["env"]}
        assert env["PGHOST"]["value"] == any_run.outputs["databaseAddress"]
        assert (env["PGPORT"]["value"], env["PGDATABASE"]["value"]) == ("5432", "airflow")
        assert env["PGUSER"]["value"] == "airflow"  # the master, here and nowhere else
        assert env["PGSSLMODE"]["value"] == "require"
        assert env["PGPASSWORD"]["valueFrom"]["secretKeyRef"] == {
            "name": "airflow-managed-database-roles",
            "key": "master-password",
        }
        [volume] = pod["volumes"]
        script = command[6].removeprefix("/scripts/")
        assert volume["secret"] == {
            "secretName": "airflow-managed-database-roles",
            "items": [{"key": script, "path": script}],
            "defaultMode": 0o440,
        }
        assert container["volumeMounts"] == [
            {"name": "scripts", "mountPath": "/scripts", "readOnly": True}
        ]


def test_the_pods_carry_the_label_the_network_paths_find(any_run: ProgramRun) -> None:
    for job in jobs(any_run):
        labels = job["spec"]["template"]["metadata"]["labels"]
        assert labels["component"] == "database-roles"
        assert "tier" not in labels, "not an Airflow component (the chart's policies key on it)"
        assert job["metadata"]["namespace"] == "airflow"


def test_the_digest_names_its_parts() -> None:
    assert digest("a", "b") != digest("ab")
    assert len(digest("x")) == 8 and digest("x") == digest("x")
