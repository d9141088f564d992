"""components/airflow/values/ingress.py: the API server's ingress and its TLS."""

from __future__ import annotations

from tests.airflow.conftest import values
from tests.conftest import ProgramRun


def test_ingress_with_tls_from_the_cluster_issuer(any_run: ProgramRun) -> None:
    ingress = values(any_run)["ingress"]["apiServer"]
    assert ingress["enabled"] is True
    assert ingress["ingressClassName"] == "traefik"
    assert (
        ingress["annotations"]["cert-manager.io/cluster-issuer"]
        == any_run.outputs["clusterIssuerName"]
    )
    host = "airflow.example.com" if any_run.stack == "prod" else "airflow.dev.example.com"
    assert ingress["hosts"] == [
        {"name": host, "tls": {"enabled": True, "secretName": "airflow-api-server-tls"}}
    ]
    api = values(any_run)["apiServer"]
    assert "--proxy-headers" in api["args"][-1]
    # The VPC's CIDRs, secondary ones included (VPC CNI custom networking puts pods there).
    assert {"name": "FORWARDED_ALLOW_IPS", "value": "10.42.0.0/16,100.64.0.0/16"} in api["env"]
    assert values(any_run)["config"]["api"]["base_url"] == f"https://{host}/"
