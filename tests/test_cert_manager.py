"""components/cert_manager.py: the pinned chart, CRDs kept, HA in prod, and the ACME ClusterIssuer."""

from __future__ import annotations

import json

import pytest

from components.cert_manager import challenge_names, chart_values, route53_policy
from components.settings import CertManagerSettings
from tests.conftest import (
    ProgramRun,
    Registration,
    cached_run,
    chart_schema_errors,
    crd_schema_errors,
)
from tests.decisions import WEBHOOK_RESOURCES, dev_with_flipped_decisions

RELEASE = "kubernetes:helm.sh/v3:Release"
ISSUER = "kubernetes:cert-manager.io/v1:ClusterIssuer"


def release(run: ProgramRun) -> Registration:
    return run.one(RELEASE, "cert-manager-release")


def test_chart_is_pinned_with_crds_installed_and_kept(any_run: ProgramRun) -> None:
    inputs = release(any_run).inputs
    assert inputs["chart"] == "cert-manager"
    assert inputs["version"] == "v1.21.1"
    assert inputs["repositoryOpts"]["repo"] == "https://charts.jetstack.io"
    assert inputs["namespace"] == "cert-manager"
    assert inputs["name"] == "cert-manager"
    assert inputs["values"]["crds"] == {"enabled": True, "keep": True}


def test_prod_runs_two_replicas_with_disruption_budgets(prod_run: ProgramRun) -> None:
    values = release(prod_run).inputs["values"]
    for part in (values, values["webhook"], values["cainjector"]):
        assert part["replicaCount"] == 2
        assert part["podDisruptionBudget"]["enabled"] is True


def test_dev_runs_single_replicas(dev_run: ProgramRun) -> None:
    values = release(dev_run).inputs["values"]
    assert values["replicaCount"] == values["webhook"]["replicaCount"] == 1


def test_every_pod_has_resource_requests(any_run: ProgramRun) -> None:
    values = release(any_run).inputs["values"]
    for part in (values, values["webhook"], values["cainjector"], values["startupapicheck"]):
        assert part["resources"]["requests"]["cpu"] and part["resources"]["requests"]["memory"]


def test_issuer_uses_the_acme_server_of_the_stack(
    dev_run: ProgramRun, prod_run: ProgramRun
) -> None:
    assert dev_run.one(ISSUER).inputs["spec"]["acme"]["server"] == (
        "https://acme-staging-v02.api.letsencrypt.org/directory"
    )
    assert prod_run.one(ISSUER).inputs["spec"]["acme"]["server"] == (
        "https://acme-v02.api.letsencrypt.org/directory"
    )
    assert dev_run.one(ISSUER).inputs["spec"]["acme"]["email"] == "platform-team@example.com"


def test_issuer_depends_on_the_release(any_run: ProgramRun) -> None:
    assert release(any_run).urn in any_run.one(ISSUER).dependencies


def test_release_awaits_its_pods(any_run: ProgramRun) -> None:
    inputs = release(any_run).inputs
    assert inputs.get("skipAwait") is False
    assert inputs["timeout"] >= 300


def test_http01_solver_uses_the_ingress_class(dev_run: ProgramRun) -> None:
    solvers = dev_run.one(ISSUER).inputs["spec"]["acme"]["solvers"]
    assert solvers == [{"http01": {"ingress": {"ingressClassName": "traefik"}}}]
    assert dev_run.by_type("aws:iam/role:Role") == [
        r for r in dev_run.by_type("aws:iam/role:Role") if r.name != "cert-manager-dns01"
    ]


def test_dns01_solver_uses_route53_with_a_zone_scoped_role(prod_run: ProgramRun) -> None:
    solvers = prod_run.one(ISSUER).inputs["spec"]["acme"]["solvers"]
    assert solvers == [
        {
            "selector": {"dnsNames": ["airflow.example.com"]},
            "dns01": {"route53": {"region": "eu-west-1", "hostedZoneID": "Z0123456789ABCDEFGHIJ"}},
        }
    ]
    role = prod_run.one("aws:iam/role:Role", "cert-manager-dns01")
    trust = json.loads(role.inputs["assumeRolePolicy"])["Statement"][0]
    host = trust["Principal"]["Federated"].split("oidc-provider/")[1]
    assert (
        trust["Condition"]["StringEquals"][f"{host}:sub"]
        == "system:serviceaccount:cert-manager:cert-manager"
    )
    values = release(prod_run).inputs["values"]
    assert (
        values["serviceAccount"]["annotations"]["eks.amazonaws.com/role-arn"]
        == prod_run.state(role)["arn"]
    )


def test_dns01_policy_is_field_by_field_least_privilege(prod_run: ProgramRun) -> None:
    """Only the challenge TXT records of the host, upserted or deleted, in the one zone; the
    zone id being given, no ListHostedZonesByName (cert-manager's Route 53 guide)."""
    policy = json.loads(
        prod_run.one("aws:iam/rolePolicy:RolePolicy", "cert-manager-dns01-route53").inputs["policy"]
    )
    zone_arn = "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ"
    assert policy == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "ChangeChallengeRecords",
                "Effect": "Allow",
                "Action": "route53:ChangeResourceRecordSets",
                "Resource": zone_arn,
                "Condition": {
                    "ForAllValues:StringEquals": {
                        "route53:ChangeResourceRecordSetsRecordTypes": ["TXT"],
                        "route53:ChangeResourceRecordSetsNormalizedRecordNames": [
                            "_acme-challenge.airflow.example.com"
                        ],
                        "route53:ChangeResourceRecordSetsActions": ["UPSERT", "DELETE"],
                    }
                },
            },
            {
                "Sid": "ListRecordsInZone",
                "Effect": "Allow",
                "Action": "route53:ListResourceRecordSets",
                "Resource": zone_arn,
            },
            {
                "Sid": "TrackChanges",
                "Effect": "Allow",
                "Action": "route53:GetChange",
                "Resource": "arn:aws:route53:::change/*",
            },
        ],
    }


def test_challenge_names_are_normalized_as_route53_compares_them() -> None:
    # Route 53 compares lowercase names without the trailing dot; "Airflow.Example.com." as
    # written would never match and every challenge would be denied.
    assert challenge_names(["Airflow.Example.com.", "airflow.example.com"]) == [
        "_acme-challenge.airflow.example.com"
    ]
    policy = json.loads(route53_policy("aws-cn", "Z1", ["A.example.com"]))
    assert policy["Statement"][0]["Resource"] == "arn:aws-cn:route53:::hostedzone/Z1"
    condition = policy["Statement"][0]["Condition"]["ForAllValues:StringEquals"]
    assert condition["route53:ChangeResourceRecordSetsNormalizedRecordNames"] == [
        "_acme-challenge.a.example.com"
    ]


def test_values_validate_against_the_chart_schema(any_run: ProgramRun) -> None:
    assert chart_schema_errors("cert-manager", release(any_run).inputs["values"]) == []


def test_schema_check_fails_on_an_unknown_key() -> None:
    settings = CertManagerSettings.model_validate(
        {"email": "ops@example.com", "acmeServer": "production", "replicas": 2}
    )
    values = {**chart_values(settings, None), "replicaCountt": 2}
    assert any("replicaCountt" in e for e in chart_schema_errors("cert-manager", values))


def test_cluster_issuer_validates_against_its_crd(any_run: ProgramRun) -> None:
    issuer = any_run.one(ISSUER).inputs
    assert crd_schema_errors("cert-manager.io/clusterissuer_v1.json", issuer) == []


def test_crd_check_fails_on_an_unknown_field(dev_run: ProgramRun) -> None:
    issuer = json.loads(json.dumps(dev_run.one(ISSUER).inputs))
    issuer["spec"]["acme"]["contact"] = "x"
    assert crd_schema_errors("cert-manager.io/clusterissuer_v1.json", issuer) != []


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_issuer_name_output(stack: str) -> None:
    run = cached_run(stack)
    assert run.outputs["clusterIssuerName"] == run.one(ISSUER).inputs["metadata"]["name"]


def test_acme_server_replicas_and_resources_follow_the_settings() -> None:
    run = dev_with_flipped_decisions()
    issuer = run.one(ISSUER).inputs
    assert issuer["spec"]["acme"]["server"] == "https://acme-v02.api.letsencrypt.org/directory"
    assert issuer["metadata"]["name"] == run.outputs["clusterIssuerName"] == "letsencrypt-prod"
    assert issuer["spec"]["acme"]["privateKeySecretRef"]["name"] == "letsencrypt-prod-account-key"
    values = release(run).inputs["values"]
    for part in (values, values["webhook"], values["cainjector"]):
        assert part["replicaCount"] == 3
        assert part["podDisruptionBudget"] == {"enabled": True, "minAvailable": 1}
    assert values["webhook"]["resources"] == {
        "requests": {"cpu": WEBHOOK_RESOURCES["cpu"], "memory": WEBHOOK_RESOURCES["memory"]},
        "limits": {"memory": WEBHOOK_RESOURCES["memoryLimit"]},
    }
    assert chart_schema_errors("cert-manager", values) == []
