"""Class 8: every message names the full key to change, the value, the rule in words and an
example; never a regular expression, never an internal class name (components/settings/
error_words.py, `cross_field` in components/settings/errors.py)."""

from __future__ import annotations

from typing import Any

import pytest

from offline.runner import PROJECT
from tests.settings.bad_input import assert_clear, one_error, section

GIT = {"repository": "https://github.com/o/dags.git"}
BLOCK = ...  # the key is a block: its message names what is in it, not a value

CASES = [
    # (stack, stack config edit, key to change, value shown (None: not set), rule)
    # A rule over several fields names the one to change, not the block.
    ("dev", section("airflow", workers={"minReplicas": 5, "maxReplicas": 2}),
     "airflow.workers.maxReplicas", 2, "at least minReplicas (5)"),
    ("dev", section("airflow", pgbouncerPoolSize=200), "airflow.pgbouncerPoolSize", 200,
     "at most pgbouncerMaxClientConnections (100)"),
    ("dev", section("keda", resources={"cpu": "50m", "memory": "1Gi", "memoryLimit": "512Mi"}),
     "keda.resources.memoryLimit", "512Mi", "at least memory (1Gi)"),
    ("dev", section("certManager", solver="dns01"), "certManager.hostedZoneId", None,
     "solver dns01 needs hostedZoneId"),
    ("dev", section("airflow", dags={"gitSync": {**GIT, "repository": "git@github.com:o/d.git",
                                                 "credentialsSecret": "git-ssh"}}),
     "airflow.dags.gitSync.knownHosts", None, "needs knownHosts"),
    ("dev", section("airflow", dags={"persistence": {}}), "airflow.dags.persistence", BLOCK,
     "exclusive"),
    ("prod", section("airflow", auth={"oidc": None, "breakGlass": {"enabled": False}}),
     "airflow.auth.breakGlass.enabled", False, "nobody could sign in"),
    ("dev", section("dns", hostedZoneId="Z0123456789ABCDEFGHIJ"), "dns.loadBalancerHostname",
     None, "together"),
    ("dev", section("database", restore={}), "database.restore.snapshotIdentifier", None,
     "exactly one of snapshotIdentifier and pointInTime"),
    # Pydantic's own errors, said in words.
    ("dev", {f"{PROJECT}:database": "big"}, "database", "big", "an object of keys"),
    ("dev", section("certManager", solver="dns"), "certManager.solver", "dns",
     "'http01' or 'dns01'"),
    ("dev", section("database", allocatedStorageGb="lots"), "database.allocatedStorageGb",
     "lots", "a whole number"),
    ("dev", section("database", backupWindow="2am"), "database.backupWindow", "2am",
     "a UTC window hh:mm-hh:mm"),
    ("dev", section("cluster", name="data platform"), "cluster.name", "data platform",
     "up to 100 letters, digits"),
    ("dev", section("airflow", executor="CeleryKubernetesExecutor"), "airflow.executor",
     "CeleryKubernetesExecutor", "removed in Airflow 3"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("stack", "edit", "key", "value", "rule"), CASES, ids=[c[2] for c in CASES]
)
def test_every_message_names_the_key_value_rule_and_example(
    stack: str, edit: dict[str, Any], key: str, value: Any, rule: str
) -> None:
    line = one_error(stack, edit)
    if value is None:
        assert f"{PROJECT}:{key}: not set; " in line, line
        value = "not set"
        line = line.replace("not set;", "'not set';", 1)
    assert_clear(line, key, value, rule)
