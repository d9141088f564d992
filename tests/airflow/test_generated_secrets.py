"""components/airflow/generated_secrets.py: generated once, handed over by Secret name only."""

from __future__ import annotations

import base64
import json

import pytest
from cryptography.fernet import Fernet, MultiFernet
from sqlalchemy.engine import make_url

from components.airflow.generated_secrets import fernet_key_from_base64
from tests.airflow.conftest import SECRET, secret_data, values
from tests.conftest import ProgramRun, cached_run


def test_no_generated_secret_appears_in_the_values(any_run: ProgramRun) -> None:
    text = json.dumps(values(any_run))
    secrets = any_run.generated_secrets()
    assert len(secrets) >= 5
    for secret in secrets:
        assert secret not in text
        assert base64.b64encode(secret.encode()).decode() not in text
    fernet = secret_data(any_run, "fernet-key")["fernet-key"]
    assert fernet not in text


def test_fernet_key_is_a_valid_fernet_key(any_run: ProgramRun) -> None:
    key = secret_data(any_run, "fernet-key")["fernet-key"]
    token = Fernet(key.encode()).encrypt(b"connection password")
    assert Fernet(key.encode()).decrypt(token) == b"connection password"
    raw = any_run.state(any_run.one("random:index/randomBytes:RandomBytes"))["base64"]
    assert base64.urlsafe_b64decode(key) == base64.b64decode(raw)


def test_generated_secrets_are_stable(any_run: ProgramRun) -> None:
    for registration in any_run.registrations:
        if (
            registration.type.startswith("random:")
            and registration.name != "airflow-admin-password"
        ):
            assert "keepers" not in registration.inputs, f"{registration.name} would rotate"
    for name in ("fernet-key", "api-secret-key", "jwt-secret", "metadata"):
        secret = any_run.one(SECRET, f"airflow-{name}")
        assert secret.redacted_inputs["stringData"] == "[secret]"


def test_dev_metadata_url_points_at_rds_with_tls(dev_run: ProgramRun) -> None:
    url = make_url(secret_data(dev_run, "metadata")["connection"])
    password = dev_run.state(
        dev_run.one("random:index/randomPassword:RandomPassword", "airflow-database-app-password")
    )["result"]
    assert url.host == dev_run.outputs["databaseAddress"]
    # The app role, never the RDS master (components/airflow/database_roles.py).
    assert (url.port, url.database, url.username) == (5432, "airflow", "airflow_app")
    assert url.password == password
    assert url.query["sslmode"] == "require"
    assert set(secret_data(dev_run, "metadata")) == {"connection", "asyncConnection"}


def test_async_metadata_url_is_the_sync_one_for_asyncpg(any_run: ProgramRun) -> None:
    """Airflow's async engine reads `asyncConnection` (AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC):
    the same server, database and credentials as `connection`, in asyncpg's spelling of TLS."""
    data = secret_data(any_run, "metadata")
    sync, async_ = make_url(data["connection"]), make_url(data["asyncConnection"])
    assert async_.drivername == "postgresql+asyncpg"
    assert async_.set(drivername="postgresql", query={}) == sync.set(query={})
    assert async_.query == {"ssl": "require"}


def test_prod_metadata_url_goes_through_pgbouncer_to_rds_with_tls(prod_run: ProgramRun) -> None:
    data = secret_data(prod_run, "metadata")

    def password(name: str) -> str:
        found = prod_run.one("random:index/randomPassword:RandomPassword", name)
        return str(prod_run.state(found)["result"])

    via_pgbouncer = make_url(data["connection"])
    assert (via_pgbouncer.host, via_pgbouncer.port) == ("airflow-pgbouncer.airflow", 6543)
    assert via_pgbouncer.database == "airflow-metadata"
    assert via_pgbouncer.username == "airflow_app"
    assert via_pgbouncer.password == password("airflow-database-app-password")
    assert via_pgbouncer.query["sslmode"] == "require"
    # The KEDA scaler (usePgbouncer: false) reads the direct URL, as its own role.
    direct = make_url(data["kedaConnection"])
    assert direct.host == prod_run.outputs["databaseAddress"] and direct.database == "airflow"
    assert direct.username == "airflow_keda"
    assert direct.password == password("airflow-database-keda-password")
    assert direct.query["sslmode"] == "require"
    assert values(prod_run)["workers"]["celery"]["keda"]["usePgbouncer"] is False


def test_result_backend_and_broker_secrets(any_run: ProgramRun) -> None:
    backend = secret_data(any_run, "result-backend")["connection"]
    assert backend.startswith("db+postgresql://")
    assert backend.removeprefix("db+") == secret_data(any_run, "metadata")["connection"]
    broker = secret_data(any_run, "broker-url")["connection"]
    if any_run.stack == "prod":  # the managed broker's URL: tests/test_broker.py
        assert broker.startswith("rediss://:") and any_run.outputs["brokerAddress"] in broker
        assert all(r.name != "airflow-redis-password" for r in any_run.by_type(SECRET))
        return
    redis_password = secret_data(any_run, "redis-password")["password"]
    assert broker == f"redis://:{redis_password}@airflow-redis:6379/0"


@pytest.mark.parametrize("pgbouncer", [True, False])
@pytest.mark.parametrize("executor", ["CeleryExecutor", "KubernetesExecutor"])
def test_keda_connection_key_exists_whenever_the_chart_reads_it(
    pgbouncer: bool, executor: str
) -> None:
    """The chart puts KEDA_DB_CONN (from `kedaConnection`) into every Airflow container when KEDA
    is on with PgBouncer and usePgbouncer is false; a missing key would stop every pod."""
    run = cached_run(
        "dev", {"airflow-platform:airflow": {"pgbouncer": pgbouncer, "executor": executor}}
    )
    keda = values(run)["workers"]["celery"]["keda"]
    chart_reads_it = (
        keda["enabled"] and values(run)["pgbouncer"]["enabled"] and not keda["usePgbouncer"]
    )
    assert ("kedaConnection" in secret_data(run, "metadata")) == chart_reads_it


def test_break_glass_password_rotates_only_with_its_version() -> None:
    def admin_password(version: int | None) -> tuple[dict[str, str], str]:
        auth = {} if version is None else {"auth": {"breakGlass": {"passwordVersion": version}}}
        run = cached_run("dev", {"airflow-platform:airflow": auth})
        registration = run.one(
            "random:index/randomPassword:RandomPassword", "airflow-admin-password"
        )
        return registration.inputs["keepers"], values(run)["createUserJob"]["annotations"]

    keepers, annotations = admin_password(None)
    assert keepers == {"passwordVersion": "1"}
    rotated_keepers, rotated_annotations = admin_password(2)
    assert rotated_keepers == {"passwordVersion": "2"}  # a changed keeper replaces the password
    assert rotated_annotations != annotations  # and the Job's template, so it runs again


FERNET = "random:index/randomBytes:RandomBytes"


def rotated(stack: str, **numbers: int) -> ProgramRun:
    return cached_run(stack, {"airflow-platform:secrets": {"rotation": numbers}})


def fernet_generations(run: ProgramRun) -> dict[str, tuple[dict, bool, str]]:
    """name -> (inputs, protect, key as Airflow reads it) of each fernet key resource."""
    return {
        r.name: (r.inputs, r.protect, fernet_key_from_base64(run.state(r)["base64"]))
        for r in run.by_type(FERNET)
    }


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_fernet_rotation_keeps_the_previous_key_readable(stack: str) -> None:
    protect = stack == "prod"
    first = fernet_generations(cached_run(stack))
    assert first == {
        "airflow-fernet-key": ({"length": 32}, protect, first["airflow-fernet-key"][2])
    }
    one = fernet_generations(rotated(stack, fernetKey=1))
    # Generation 0 keeps its URN and inputs, so Pulumi keeps its value; only 1 is new.
    assert one["airflow-fernet-key"][:2] == ({"length": 32}, False)
    assert one["airflow-fernet-key-1"][:2] == (
        {"length": 32, "keepers": {"rotation": "1"}},
        protect,
    )
    keys = secret_data(rotated(stack, fernetKey=1), "fernet-key")["fernet-key"]
    assert keys == f"{one['airflow-fernet-key-1'][2]},{one['airflow-fernet-key'][2]}"
    # What the old key encrypted, Airflow's MultiFernet (first key encrypts) still decrypts.
    old_token = Fernet(one["airflow-fernet-key"][2].encode()).encrypt(b"stored password")
    multi = MultiFernet([Fernet(k.encode()) for k in keys.split(",")])
    assert multi.decrypt(old_token) == b"stored password"
    assert Fernet(one["airflow-fernet-key-1"][2].encode()).decrypt(multi.encrypt(b"x")) == b"x"
    two = fernet_generations(rotated(stack, fernetKey=2))
    assert set(two) == {"airflow-fernet-key-1", "airflow-fernet-key-2"}, "0 may go now"
    assert two["airflow-fernet-key-1"][:2] == (one["airflow-fernet-key-1"][0], False)


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_each_generated_secret_rotates_with_its_own_number(stack: str) -> None:
    names = {
        "apiSecretKey": "airflow-api-secret-key",
        "jwtSecret": "airflow-jwt-secret",
        # prod's broker is managed: its AUTH token takes the Redis password's number.
        "redisPassword": "airflow-redis-password" if stack == "dev" else "broker-auth-token",
    }
    before = cached_run(stack)
    run = rotated(stack, apiSecretKey=1, jwtSecret=3, redisPassword=2)
    for key, name in names.items():
        assert (
            "keepers" not in before.one("random:index/randomPassword:RandomPassword", name).inputs
        )
        after = run.one("random:index/randomPassword:RandomPassword", name)
        number = {"apiSecretKey": "1", "jwtSecret": "3", "redisPassword": "2"}[key]
        assert after.inputs["keepers"] == {"rotation": number}, key
    assert (
        "keepers"
        not in run.one(
            "random:index/randomPassword:RandomPassword", "metadata-db-master-password"
        ).inputs
    ), "numbers are independent"
