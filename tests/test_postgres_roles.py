"""components/postgres_roles.py: SCRAM verifiers as PostgreSQL checks them, and the roles scripts.

The scripts' effect on a real PostgreSQL is the integration tier's (tests/integration/
test_postgres_roles.py); here: what they contain and never contain."""

from __future__ import annotations

import base64
import hashlib
import hmac

import pytest

from components.postgres_roles import (
    KEDA_COLUMNS,
    ROLES,
    RoleNames,
    keda_grants_script,
    password_verifier,
    roles_script,
    scram_sha_256_verifier,
)

# RFC 7677, section 3: user "user", password "pencil".
RFC_SALT = base64.b64decode("W22ZaJ0SNY7soEsUEjb6gQ==")
RFC_AUTH_MESSAGE = (
    b"n=user,r=rOprNGfwEbeRWgbNEkqO,"
    b"r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,"
    b"c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"
)
RFC_CLIENT_PROOF = base64.b64decode("dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=")
RFC_SERVER_SIGNATURE = base64.b64decode("6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")


def _parts(verifier: str) -> tuple[str, int, bytes, bytes, bytes]:
    mechanism, rest = verifier.split("$", 1)
    head, keys = rest.split("$")
    iterations, salt = head.split(":")
    stored, server = keys.split(":")
    b64 = base64.b64decode
    return mechanism, int(iterations), b64(salt), b64(stored), b64(server)


def test_the_verifier_authenticates_the_rfc_exchange() -> None:
    """The server's keys from our verifier check RFC 7677's client proof and sign as it does."""
    mechanism, iterations, salt, stored_key, server_key = _parts(
        scram_sha_256_verifier("pencil", RFC_SALT)
    )
    assert (mechanism, iterations, salt) == ("SCRAM-SHA-256", 4096, RFC_SALT)
    assert hmac.new(server_key, RFC_AUTH_MESSAGE, "sha256").digest() == RFC_SERVER_SIGNATURE
    client_signature = hmac.new(stored_key, RFC_AUTH_MESSAGE, "sha256").digest()
    client_key = bytes(a ^ b for a, b in zip(RFC_CLIENT_PROOF, client_signature, strict=True))
    assert hashlib.sha256(client_key).digest() == stored_key


def test_the_salt_is_stable_per_password_and_differs_per_role() -> None:
    same = password_verifier(ROLES.app, "secret-one")
    assert same == password_verifier(ROLES.app, "secret-one")
    assert _parts(same)[2] != _parts(password_verifier(ROLES.keda, "secret-one"))[2]
    assert _parts(same)[2] != _parts(password_verifier(ROLES.app, "secret-two"))[2]
    assert len(_parts(same)[2]) == 16


def test_the_script_carries_verifiers_never_passwords() -> None:
    app, keda = password_verifier(ROLES.app, "app-plain"), password_verifier(ROLES.keda, "k-plain")
    script = roles_script("airflow", app, keda)
    assert "ALTER ROLE airflow_app WITH LOGIN NOCREATEDB NOCREATEROLE INHERIT" in script
    assert f"PASSWORD '{app}'" in script and f"PASSWORD '{keda}'" in script
    assert "app-plain" not in script and "k-plain" not in script
    # Only a superuser may name these attributes, even to deny them: RDS's master is none.
    for attribute in ("SUPERUSER", "REPLICATION", "BYPASSRLS"):
        assert attribute not in script


def test_the_master_may_act_as_the_app_role_without_its_privileges() -> None:
    script = roles_script("airflow", "v1", "v2")
    assert "GRANT airflow_app TO CURRENT_USER WITH INHERIT FALSE, SET TRUE;" in script
    assert "ALTER DATABASE airflow OWNER TO airflow_app;" in script
    # Database privileges are changed as the owner, and the master keeps CONNECT for the next run.
    owner_part = script.split("SET ROLE airflow_app;")[1].split("RESET ROLE;")[0]
    assert "REVOKE ALL ON DATABASE airflow FROM PUBLIC;" in owner_part
    assert "GRANT CONNECT ON DATABASE airflow TO SESSION_USER;" in owner_part
    assert "GRANT CONNECT ON DATABASE airflow TO airflow_keda;" in owner_part


def test_without_keda_no_keda_role() -> None:
    script = roles_script("airflow", "v1", None)
    assert "airflow_keda" not in script


def test_keda_is_granted_exactly_its_columns_after_revoking_everything() -> None:
    script = keda_grants_script()
    revoke = script.index("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM airflow_keda;")
    grant = script.index(
        f"GRANT SELECT ({', '.join(KEDA_COLUMNS)}) ON TABLE public.task_instance TO airflow_keda;"
    )
    assert script.index("SET ROLE airflow_app;") < revoke < grant < script.index("RESET ROLE;")
    assert script.count("GRANT ") == 1


@pytest.mark.parametrize("name", ["Airflow", "air flow", "x;DROP DATABASE y", "", "a" * 64])
def test_names_that_would_need_quoting_are_refused(name: str) -> None:
    with pytest.raises(ValueError, match="plain lower-case PostgreSQL identifier"):
        roles_script(name, "v1", "v2")
    with pytest.raises(ValueError, match="plain lower-case PostgreSQL identifier"):
        keda_grants_script(RoleNames(app=name))
