"""components/airflow/component.py: the namespace, the Secrets and the release that uses them."""

from __future__ import annotations

from tests.airflow.conftest import SECRET, release, values
from tests.conftest import ProgramRun, cached_run


def test_chart_and_image_are_pinned(any_run: ProgramRun) -> None:
    inputs = release(any_run).inputs
    assert (inputs["chart"], inputs["version"]) == ("airflow", "1.22.0")
    assert inputs["repositoryOpts"]["repo"] == "https://airflow.apache.org"
    assert inputs["namespace"] == "airflow"
    v = values(any_run)
    assert v["images"]["airflow"]["tag"] != "latest"
    assert v["airflowVersion"].startswith("3.")


def test_release_depends_on_exactly_the_platform_pieces(any_run: ProgramRun) -> None:
    rel = release(any_run)
    external = {}
    reads = {read.urn for read in any_run.reads}  # prerequisites: tests/airflow/test_prerequisites
    for urn in set(rel.dependencies) - reads:
        dependency = any_run.by_urn(urn)
        component = any_run.component_of(dependency)
        if component is None or component.name != "airflow":
            external[dependency.type] = component.name if component else None
    expected = {
        "aws:rds/instance:Instance": "metadata-db",
        "kubernetes:storage.k8s.io/v1:StorageClass": "shared-storage",
        "kubernetes:cert-manager.io/v1:ClusterIssuer": "cert-manager",
        "kubernetes:helm.sh/v3:Release": "keda",
        # The service accounts' roles (in the values), and their permissions before any pod.
        "aws:iam/role:Role": "airflow-identity",
    }
    if any_run.stack == "prod":  # its image runs from the program's registry (`ecr`)
        expected["aws:ecr/repository:Repository"] = "image-registry"
        # PgBouncer's Secrets (whose digest its pods carry) hold the app role's password, the
        # component's own, not the master's: no RandomPassword of metadata-db here.
        # Permissions and the log bucket's settings exist before a pod writes a log.
        expected["aws:iam/rolePolicy:RolePolicy"] = "airflow-identity"
        expected["aws:iam/rolePolicyAttachment:RolePolicyAttachment"] = "airflow-identity"
        for kind in (
            "bucket:Bucket",
            "bucketPublicAccessBlock:BucketPublicAccessBlock",
            "bucketOwnershipControls:BucketOwnershipControls",
            "bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
            "bucketLifecycleConfiguration:BucketLifecycleConfiguration",
            "bucketPolicy:BucketPolicy",
        ):
            expected[f"aws:s3/{kind}"] = "task-logs"
    assert external == expected


def test_release_waits_for_every_permission(prod_run: ProgramRun) -> None:
    rel = release(prod_run)
    for typ in (
        "aws:iam/rolePolicy:RolePolicy",
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    ):
        for registration in prod_run.by_type(typ):
            if registration.name.startswith("airflow-identity-"):
                assert registration.urn in rel.dependencies, registration.name


def test_release_waits_long_enough_for_migrations(any_run: ProgramRun) -> None:
    inputs = release(any_run).inputs
    assert inputs["timeout"] >= 1200
    assert inputs.get("skipAwait") is False


def test_release_waits_for_its_own_secrets(any_run: ProgramRun) -> None:
    rel = release(any_run)
    for secret in any_run.by_type(SECRET):
        assert secret.urn in rel.dependencies, secret.name


def test_protection_comes_from_the_settings() -> None:
    run = cached_run("dev", {"airflow-platform:airflow": {"protect": True}})
    protected = {r.name for r in run.registrations if r.protect}
    assert protected == {"airflow-namespace", "airflow-fernet-key"}
