"""offline/verify/references.py: every name an object uses must exist, with its keys."""

from __future__ import annotations

from typing import Any

from offline.verify.references import check_references

NS = "team"


def meta(name: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "namespace": NS, **extra}


def deployment(pod_spec: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": "Deployment",
        "metadata": meta("web"),
        "spec": {"template": {"metadata": {"labels": {"app": "web"}}, "spec": pod_spec}},
    }


def secret(name: str, *keys: str, part: str = "stringData") -> dict[str, Any]:
    return {"kind": "Secret", "metadata": meta(name), part: {k: "v" for k in keys}}


NAMESPACE = {"kind": "Namespace", "metadata": {"name": NS}}


def env_from_secret(name: str, key: str, optional: bool = False) -> dict[str, Any]:
    ref = {"name": name, "key": key, **({"optional": True} if optional else {})}
    return {"name": "VALUE", "valueFrom": {"secretKeyRef": ref}}


def test_secret_keys_must_exist() -> None:
    pod = {"containers": [{"name": "c", "env": [env_from_secret("db", "url")]}]}
    assert check_references([NAMESPACE, deployment(pod), secret("db", "url")]) == []
    assert check_references([NAMESPACE, deployment(pod), secret("db", "uri", part="data")]) == [
        "Deployment/team/web: env VALUE: Secret/team/db has no key 'url'"
    ]
    assert check_references([NAMESPACE, deployment(pod)]) == [
        "Deployment/team/web: env VALUE: Secret/team/db does not exist"
    ]


def test_optional_references_may_dangle() -> None:
    pod = {"containers": [{"name": "c", "env": [env_from_secret("db", "url", optional=True)]}]}
    assert check_references([NAMESPACE, deployment(pod)]) == []


def test_service_accounts_must_exist_except_each_namespace_default() -> None:
    assert check_references([NAMESPACE, deployment({"containers": []})]) == []
    pod = {"serviceAccountName": "runner", "containers": []}
    assert check_references([NAMESPACE, deployment(pod)]) == [
        "Deployment/team/web: ServiceAccount/team/runner does not exist"
    ]


def test_volumes_configmap_items_and_subpaths_name_existing_keys() -> None:
    pod = {
        "volumes": [
            {"name": "cfg", "configMap": {"name": "cfg", "items": [{"key": "a.ini", "path": "a"}]}},
            {"name": "tls", "secret": {"secretName": "tls"}},
        ],
        "containers": [
            {
                "name": "c",
                "volumeMounts": [
                    {"name": "tls", "mountPath": "/etc/tls.key", "subPath": "tls.key"},
                    {"name": "cfg", "mountPath": "/etc/a", "subPath": "a"},
                    {"name": "gone", "mountPath": "/x"},
                ],
            }
        ],
    }
    config = {"kind": "ConfigMap", "metadata": meta("cfg"), "data": {"b.ini": ""}}
    assert check_references([NAMESPACE, deployment(pod), config, secret("tls", "tls.crt")]) == [
        "Deployment/team/web: ConfigMap/team/cfg has no key 'a.ini'",
        "Deployment/team/web: Secret/team/tls has no key 'tls.key'",
        "Deployment/team/web: container c mounts undeclared volume gone",
    ]


def test_a_certificate_makes_its_secret() -> None:
    pod = {
        "volumes": [{"name": "tls", "secret": {"secretName": "web-tls"}}],
        "containers": [{"name": "c", "env": [env_from_secret("web-tls", "tls.key")]}],
    }
    certificate = {
        "kind": "Certificate",
        "metadata": meta("web"),
        "spec": {"secretName": "web-tls", "issuerRef": {"name": "self", "kind": "Issuer"}},
    }
    issuer = {"kind": "Issuer", "metadata": meta("self")}
    assert check_references([NAMESPACE, deployment(pod), certificate, issuer]) == []
    assert check_references([NAMESPACE, deployment(pod), certificate]) == [
        "Certificate/team/web: Issuer/team/self does not exist"
    ]


def ingress(annotations: dict[str, str]) -> dict[str, Any]:
    return {
        "kind": "Ingress",
        "metadata": meta("web", annotations=annotations),
        "spec": {
            "ingressClassName": "traefik",
            "tls": [{"hosts": ["web.example.com"], "secretName": "web-tls"}],
            "rules": [
                {"http": {"paths": [{"path": "/", "backend": {"service": {"name": "web"}}}]}}
            ],
        },
    }


def test_ingress_tls_secret_comes_from_cert_manager_through_an_existing_issuer() -> None:
    service = {"kind": "Service", "metadata": meta("web")}
    issuer = {"kind": "ClusterIssuer", "metadata": {"name": "letsencrypt"}}
    annotated = ingress({"cert-manager.io/cluster-issuer": "letsencrypt"})
    prerequisites = {"IngressClass/traefik": None}
    assert check_references([annotated, service, issuer], prerequisites) == []
    assert check_references([annotated, service], prerequisites) == [
        "Ingress/team/web: ClusterIssuer/letsencrypt does not exist"
    ]
    assert check_references([ingress({}), service, issuer]) == [
        "Ingress/team/web: IngressClass/traefik does not exist",
        "Ingress/team/web: Secret/team/web-tls does not exist",
    ]


def test_claims_name_an_existing_storage_class_never_the_cluster_default() -> None:
    claim = {"kind": "PersistentVolumeClaim", "metadata": meta("logs"), "spec": {}}
    named = {**claim, "spec": {"storageClassName": "efs-sc"}}
    efs = {"kind": "StorageClass", "metadata": {"name": "efs-sc"}}
    statefulset = {
        "kind": "StatefulSet",
        "metadata": meta("db"),
        "spec": {
            "template": {
                "spec": {"containers": [{"name": "c", "volumeMounts": [{"name": "data"}]}]}
            },
            "volumeClaimTemplates": [{"metadata": {"name": "data"}, "spec": {}}],
        },
    }
    assert check_references([named, efs]) == []
    assert check_references([claim, named]) == [
        "PersistentVolumeClaim/team/logs: no storageClassName: it would rely on a cluster "
        "default StorageClass",
        "PersistentVolumeClaim/team/logs: StorageClass/efs-sc does not exist",
    ]
    assert check_references([NAMESPACE, statefulset]) == [
        "StatefulSet/team/db: no storageClassName: it would rely on a cluster default StorageClass"
    ]


def test_prerequisites_the_readme_names_count_as_existing() -> None:
    pod = {"containers": [{"name": "c", "env": [env_from_secret("git", "GITSYNC_PASSWORD")]}]}
    assert check_references([NAMESPACE, deployment(pod)], {"Secret/team/git": None}) == []
    assert check_references([NAMESPACE, deployment(pod)], {"Secret/team/git": ["gitSshKey"]}) == [
        "Deployment/team/web: env VALUE: Secret/team/git has no key 'GITSYNC_PASSWORD'"
    ]


def test_secrets_a_controller_writes_itself_are_known_by_its_flag() -> None:
    pod = {
        "volumes": [{"name": "certs", "secret": {"secretName": "kedaorg-certs"}}],
        "containers": [{"name": "c", "args": ["--cert-secret-name=kedaorg-certs"]}],
    }
    assert check_references([NAMESPACE, deployment(pod)]) == []


def test_keda_triggers_read_env_vars_of_the_target_container() -> None:
    pod = {"containers": [{"name": "worker", "env": [env_from_secret("db", "url")]}]}
    scaled = {
        "kind": "ScaledObject",
        "metadata": meta("web"),
        "spec": {
            "scaleTargetRef": {"name": "web", "envSourceContainerName": "worker"},
            "triggers": [{"type": "postgresql", "metadata": {"connectionFromEnv": "DB_CONN"}}],
        },
    }
    assert check_references([NAMESPACE, deployment(pod), secret("db", "url"), scaled]) == [
        "ScaledObject/team/web: trigger postgresql connectionFromEnv: Deployment/team/web has no "
        "env var DB_CONN"
    ]
