"""components/database.py: RDS PostgreSQL, private, TLS-only, protected in prod."""

from __future__ import annotations

import json

import pytest
from sqlalchemy.engine import make_url

from components.database_snapshots import AIRFLOW_VERSION_TAG
from components.pins import AIRFLOW_VERSION
from tests.conftest import DeployedInstance, ProgramRun, World, cached_run, random_password
from tests.decisions import dev_with_flipped_decisions

RDS_FORBIDDEN = set('/@" ')
INSTANCE = "aws:rds/instance:Instance"


def db(run: ProgramRun) -> dict:
    return run.one(INSTANCE).inputs


def final_snapshot_identifier(run: ProgramRun) -> str:
    """`<identifier>-final-<suffix>`: the suffix generated once for this database."""
    suffix = run.one("random:index/randomId:RandomId", "metadata-db-final-snapshot-suffix")
    assert not suffix.inputs.get("keepers"), "generated once: nothing may regenerate it"
    return f"{db(run)['identifier']}-final-{run.state(suffix)['hex']}"


def test_subnet_group_uses_the_configured_private_subnets(prod_run: ProgramRun) -> None:
    group = prod_run.one("aws:rds/subnetGroup:SubnetGroup")
    assert group.inputs["subnetIds"] == [
        "subnet-0a1b2c3d4e5f60001",
        "subnet-0a1b2c3d4e5f60002",
        "subnet-0a1b2c3d4e5f60003",
    ]
    assert db(prod_run)["dbSubnetGroupName"] == prod_run.state(group)["name"]


def test_security_group_admits_5432_only_from_the_cluster_security_group(
    any_run: ProgramRun,
) -> None:
    sg = any_run.one("aws:ec2/securityGroup:SecurityGroup", "metadata-db-sg")
    assert not sg.inputs.get("ingress"), "no inline (CIDR) ingress"
    rules = [
        r
        for r in any_run.by_type("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
        if r.inputs["securityGroupId"] == any_run.state(sg)["id"]
    ]
    assert len(rules) == 1
    rule = rules[0].inputs
    assert rule["referencedSecurityGroupId"] == "sg-0c1a2b3c4d5e6f708"  # the cluster security group
    assert (rule["ipProtocol"], rule["fromPort"], rule["toPort"]) == ("tcp", 5432, 5432)
    assert "cidrIpv4" not in rule and "cidrIpv6" not in rule
    assert db(any_run)["vpcSecurityGroupIds"] == [rule["securityGroupId"]]


def test_parameter_group_forces_tls_and_logs_usefully(any_run: ProgramRun) -> None:
    group = any_run.one("aws:rds/parameterGroup:ParameterGroup")
    assert group.inputs["family"] == f"postgres{db(any_run)['engineVersion']}"
    params = {p["name"]: p["value"] for p in group.inputs["parameters"]}
    assert params["rds.force_ssl"] == "1"
    assert int(params["log_min_duration_statement"]) > 0
    assert params["log_connections"] == params["log_lock_waits"] == "1"
    assert db(any_run)["parameterGroupName"] == any_run.state(group)["name"]


def test_instance_is_private_encrypted_and_observable(any_run: ProgramRun) -> None:
    inputs = db(any_run)
    assert inputs["engine"] == "postgres"
    assert inputs["engineVersion"] in ("16", "17")
    assert inputs["publiclyAccessible"] is False
    assert inputs["storageEncrypted"] is True
    assert inputs["storageType"] == "gp3"
    assert inputs["maxAllocatedStorage"] > inputs["allocatedStorage"]
    assert set(inputs["enabledCloudwatchLogsExports"]) == {"postgresql", "upgrade"}
    assert inputs["autoMinorVersionUpgrade"] is True
    assert inputs["copyTagsToSnapshot"] is True
    assert inputs["caCertIdentifier"] == "rds-ca-rsa2048-g1"
    assert inputs["maintenanceWindow"] == "sun:03:30-sun:04:30"
    assert inputs["backupWindow"] == "02:00-03:00"
    assert inputs["port"] == 5432


def test_prod_is_multi_az_protected_and_backed_up(prod_run: ProgramRun) -> None:
    instance = prod_run.one(INSTANCE)
    inputs = instance.inputs
    assert instance.protect is True
    assert inputs["multiAz"] is True
    assert inputs["deletionProtection"] is True
    assert inputs["backupRetentionPeriod"] >= 7
    assert inputs["skipFinalSnapshot"] is False
    assert inputs["finalSnapshotIdentifier"] == final_snapshot_identifier(prod_run)
    assert inputs["performanceInsightsEnabled"] is True
    assert inputs["applyImmediately"] is False, "prod changes wait for the maintenance window"
    assert inputs["deleteAutomatedBackups"] is False


def test_dev_is_small_and_deletable(dev_run: ProgramRun) -> None:
    instance = dev_run.one(INSTANCE)
    inputs = instance.inputs
    assert instance.protect is False
    assert inputs["multiAz"] is False
    assert inputs["instanceClass"] == "db.t4g.micro"
    assert inputs["backupRetentionPeriod"] == 1
    assert inputs["skipFinalSnapshot"] is True
    assert "finalSnapshotIdentifier" not in inputs
    assert inputs["deletionProtection"] is False
    assert inputs["performanceInsightsEnabled"] is False


def test_customer_kms_key_is_optional() -> None:
    arn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    run = cached_run("dev", {"airflow-platform:database": {"kmsKeyArn": arn}})
    assert db(run)["kmsKeyId"] == arn
    assert "kmsKeyId" not in db(cached_run("dev"))


def test_master_password_is_long_rds_safe_and_secret(any_run: ProgramRun) -> None:
    password = any_run.one(
        "random:index/randomPassword:RandomPassword", "metadata-db-master-password"
    )
    assert password.inputs["length"] >= 32
    assert password.inputs["special"] is True
    assert not set(password.inputs["overrideSpecial"]) & RDS_FORBIDDEN
    assert "keepers" not in password.inputs, "keepers would rotate the password"
    instance = any_run.one(INSTANCE)
    assert "password" in instance.secret_paths
    assert "password" in instance.additional_secret_outputs
    assert password.urn in instance.dependencies


def test_many_generated_passwords_never_hold_a_forbidden_character(dev_run: ProgramRun) -> None:
    inputs = dev_run.one(
        "random:index/randomPassword:RandomPassword", "metadata-db-master-password"
    ).inputs
    for _ in range(2000):
        assert not set(random_password(inputs)) & RDS_FORBIDDEN


def test_generated_password_reaches_only_the_roles_job_verbatim(dev_run: ProgramRun) -> None:
    """The master password's one reader is the database-roles Job (PGPASSWORD, no URL to encode
    into); Airflow's URL carries the app role's (components/airflow/database_roles.py)."""
    generated = dev_run.state(
        dev_run.one("random:index/randomPassword:RandomPassword", "metadata-db-master-password")
    )["result"]
    secrets = {r.name: r.inputs["stringData"] for r in dev_run.by_type("kubernetes:core/v1:Secret")}
    assert secrets["airflow-database-roles"]["master-password"] == generated
    holding = [name for name, data in secrets.items() if generated in str(data)]
    assert holding == ["airflow-database-roles"]
    url = make_url(secrets["airflow-metadata"]["connection"])
    assert url.host == dev_run.outputs["databaseAddress"] and url.username == "airflow_app"


def test_instance_depends_only_on_its_own_network_pieces(any_run: ProgramRun) -> None:
    instance = any_run.one(INSTANCE)
    for urn in instance.dependencies:
        dependency = any_run.by_urn(urn)
        assert not dependency.type.startswith("kubernetes:"), dependency.type
        component = any_run.component_of(dependency)
        assert component is not None and component.name == "metadata-db", dependency.name
    kinds = {any_run.by_urn(u).type for u in instance.dependencies}
    assert {
        "aws:rds/subnetGroup:SubnetGroup",
        "aws:ec2/securityGroup:SecurityGroup",
        "aws:rds/parameterGroup:ParameterGroup",
    } <= kinds


def test_changing_the_class_keeps_identity_and_password() -> None:
    before = cached_run("prod")
    after = cached_run("prod", {"airflow-platform:database": {"instanceClass": "db.r7g.xlarge"}})
    old, new = before.one(INSTANCE), after.one(INSTANCE)
    assert old.urn == new.urn
    assert old.inputs["identifier"] == new.inputs["identifier"] == "airflow-platform-prod"
    assert new.inputs["instanceClass"] == "db.r7g.xlarge"
    pw_old = before.one("random:index/randomPassword:RandomPassword", "metadata-db-master-password")
    pw_new = after.one("random:index/randomPassword:RandomPassword", "metadata-db-master-password")
    assert pw_old.inputs == pw_new.inputs, "same inputs: the password is never regenerated"


def test_no_extended_support_surprise(any_run: ProgramRun) -> None:
    assert db(any_run)["engineLifecycleSupport"] == "open-source-rds-extended-support-disabled"


def test_database_url_is_never_plain(any_run: ProgramRun) -> None:
    for registration in any_run.registrations:
        text = json.dumps(registration.redacted_inputs)
        assert "postgresql://" not in text, f"{registration.name} exposes a connection URL"


def test_exported_logs_expire(dev_run: ProgramRun, prod_run: ProgramRun) -> None:
    for run, days in ((dev_run, 7), (prod_run, 90)):
        groups = {g.inputs["name"]: g for g in run.by_type("aws:cloudwatch/logGroup:LogGroup")}
        identifier = db(run)["identifier"]
        assert set(groups) == {
            f"/aws/rds/instance/{identifier}/{log}" for log in ("postgresql", "upgrade")
        }
        assert {g.inputs["retentionInDays"] for g in groups.values()} == {days}
        # Created before the instance starts exporting, or RDS makes them without expiry.
        assert {g.urn for g in groups.values()} <= set(run.one(INSTANCE).dependencies)


def test_protection_and_lifecycle_follow_the_settings_not_the_environment() -> None:
    run = dev_with_flipped_decisions()
    instance = run.one(INSTANCE)
    assert instance.protect is True
    assert run.one(
        "random:index/randomPassword:RandomPassword", "metadata-db-master-password"
    ).protect
    inputs = instance.inputs
    assert inputs["deletionProtection"] is True
    assert inputs["skipFinalSnapshot"] is False
    assert inputs["finalSnapshotIdentifier"] == final_snapshot_identifier(run)
    assert inputs["deleteAutomatedBackups"] is False
    assert inputs["applyImmediately"] is False
    assert inputs["multiAz"] is False, "everything not overridden keeps dev's value"


def test_prod_keeps_logical_replication_on_for_blue_green(
    prod_run: ProgramRun, dev_run: ProgramRun
) -> None:
    params = prod_run.one("aws:rds/parameterGroup:ParameterGroup").inputs["parameters"]
    assert {
        "name": "rds.logical_replication",
        "value": "1",
        "applyMethod": "pending-reboot",
    } in params, "blue/green replicates logically; a static parameter, in force before it"
    dev_params = dev_run.one("aws:rds/parameterGroup:ParameterGroup").inputs["parameters"]
    assert "rds.logical_replication" not in {p["name"] for p in dev_params}


def on_postgres(stack: str, major: str) -> World:
    tags = {AIRFLOW_VERSION_TAG: AIRFLOW_VERSION}
    return World({f"airflow-platform-{stack}": DeployedInstance(f"{major}.4", tags)})


def test_prod_upgrades_a_major_version_through_blue_green_with_time_to_switch() -> None:
    instance = cached_run("prod", world=on_postgres("prod", "16")).one(INSTANCE)
    assert instance.inputs["blueGreenUpdate"] == {"enabled": True}
    assert instance.custom_timeouts["update"] == "4h"


@pytest.mark.parametrize(
    ("stack", "overrides", "major"),
    [
        ("prod", {}, "17"),  # a first deploy, or no version change
        ("prod", {"airflow-platform:database": {"instanceClass": "db.m7g.xlarge"}}, "17"),
        ("dev", {}, "16"),  # dev upgrades in place
    ],
)
def test_no_blue_green_for_anything_but_a_prod_major_upgrade(
    stack: str, overrides: dict, major: str
) -> None:
    """The provider gives a green copy made for another change (the class alone) the default
    parameter group: TLS would no longer be forced."""
    instance = cached_run(stack, overrides, world=on_postgres(stack, major)).one(INSTANCE)
    assert "blueGreenUpdate" not in instance.inputs
    assert instance.custom_timeouts["update"] == ""


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_database_password_rotation_regenerates_the_master_password(stack: str) -> None:
    name = "metadata-db-master-password"
    before = cached_run(stack).one("random:index/randomPassword:RandomPassword", name)
    assert "keepers" not in before.inputs, "rotation 0 leaves the password's inputs as they were"
    rotated = cached_run(stack, {"airflow-platform:secrets": {"rotation": {"databasePassword": 1}}})
    after = rotated.one("random:index/randomPassword:RandomPassword", name)
    assert after.urn == before.urn and after.inputs["keepers"] == {"rotation": "1"}
