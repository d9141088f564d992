"""The database roles Airflow and KEDA connect as, and the SQL that creates them as the RDS master.

Airflow connects as `airflow_app`, which owns the `airflow` database and everything in it and
nothing else; KEDA's Celery query connects as `airflow_keda`, which may connect to that database
and read the columns of `task_instance` the chart's query reads. The RDS master user (a member of
rds_superuser, not a superuser) only runs these scripts, in one transaction each, any number of
times with the same result:

- `roles_script`, before Airflow's migration Job: roles, their passwords, the database and every
  object the master owns in it handed to the app role, CONNECT for those roles only.
- `keda_grants_script`, after the migration (the table exists only then): KEDA's column SELECT.

Passwords travel as SCRAM-SHA-256 verifiers computed here, so no plaintext reaches PostgreSQL's
statement logs. The master may act as the app role (SET) without holding its privileges (INHERIT
FALSE): PostgreSQL 16+ grant options, which a CREATEROLE non-superuser may give itself for the
roles it created (it holds ADMIN OPTION on them).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class RoleNames:
    app: str = "airflow_app"
    keda: str = "airflow_keda"


ROLES = RoleNames()
# What the chart's worker query (workers.celery.keda.query) reads: task counts by state and
# queue, and the executor column for the Kubernetes executors. Nothing else of task_instance.
KEDA_TABLE = "task_instance"
KEDA_COLUMNS = ("state", "queue", "executor")
# KEDA's operator and metrics server (two replicas each in prod) each hold a connection or two.
KEDA_CONNECTION_LIMIT = 10
# PostgreSQL's default scram_iterations.
SCRAM_ITERATIONS = 4096
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def scram_sha_256_verifier(password: str, salt: bytes, iterations: int = SCRAM_ITERATIONS) -> str:
    """The verifier PostgreSQL stores for `password` (RFC 5802/7677, as in pg_authid).

    PostgreSQL SASLpreps the password first; the program's passwords are ASCII letters and
    digits, which SASLprep leaves as they are."""
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
    server_key = hmac.new(salted, b"Server Key", "sha256").digest()
    stored_key = hashlib.sha256(client_key).digest()
    return f"SCRAM-SHA-256${iterations}:{_b64(salt)}${_b64(stored_key)}:{_b64(server_key)}"


def password_verifier(role: str, password: str) -> str:
    """The role's verifier, with a salt derived from role and password: the same password gives
    the same script (the Job re-runs only when something changes), a new one a new salt."""
    salt = hashlib.sha256(f"{role}\0{password}".encode()).digest()[:16]
    return scram_sha_256_verifier(password, salt)


def _identifier(name: str) -> str:
    """A name the program chose, checked to need no quoting (so it can be spliced into SQL)."""
    if not _IDENTIFIER.match(name):
        raise ValueError(f"{name!r} is not a plain lower-case PostgreSQL identifier")
    return name


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _ensure_role(role: str, verifier: str, connection_limit: int = -1) -> list[str]:
    """Created if absent; its attributes and password set either way. SUPERUSER, REPLICATION and
    BYPASSRLS are not named: CREATE ROLE defaults to none, and only a superuser may name them."""
    return [
        "DO $$ BEGIN",
        f"  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {_literal(role)}) THEN",
        f"    CREATE ROLE {role};",
        "  END IF;",
        "END $$;",
        f"ALTER ROLE {role} WITH LOGIN NOCREATEDB NOCREATEROLE INHERIT"
        f" CONNECTION LIMIT {connection_limit} PASSWORD {_literal(verifier)};",
    ]


# Every object in `public` the master owns, with the ALTER that hands it over. Sequences owned by
# a column (serial, identity) follow their table; so do indexes and a table's row type.
_TRANSFER = """\
DO $$
DECLARE
  me oid := (SELECT oid FROM pg_roles WHERE rolname = current_user);
  item record;
BEGIN
  IF (SELECT nspowner FROM pg_namespace WHERE nspname = 'public') = me THEN
    ALTER SCHEMA public OWNER TO {app};
  END IF;
  FOR item IN
    SELECT format('ALTER %s %s OWNER TO {app}',
             CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
               WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
             c.oid::regclass) AS statement
      FROM pg_class c
     WHERE c.relnamespace = 'public'::regnamespace AND c.relowner = me
       AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
       AND NOT EXISTS (SELECT FROM pg_depend d
                        WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                          AND d.deptype IN ('a', 'i') AND c.relkind = 'S')
    UNION ALL
    SELECT format('ALTER TYPE %s OWNER TO {app}', t.oid::regtype)
      FROM pg_type t LEFT JOIN pg_class r ON r.oid = t.typrelid
     WHERE t.typnamespace = 'public'::regnamespace AND t.typowner = me
       AND (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND r.relkind = 'c'))
    UNION ALL
    SELECT format('ALTER ROUTINE %s OWNER TO {app}', p.oid::regprocedure)
      FROM pg_proc p
     WHERE p.pronamespace = 'public'::regnamespace AND p.proowner = me
  LOOP
    EXECUTE item.statement;
  END LOOP;
END $$;"""


def roles_script(
    database: str, app_verifier: str, keda_verifier: str | None, roles: RoleNames = ROLES
) -> str:
    """The script the master runs before the migration (keda_verifier None: no KEDA role)."""
    db, app, keda = _identifier(database), _identifier(roles.app), _identifier(roles.keda)
    lines = [
        "-- airflow-platform: database roles (idempotent; run by the RDS master user)",
        *_ensure_role(app, app_verifier),
        *(_ensure_role(keda, keda_verifier, KEDA_CONNECTION_LIMIT) if keda_verifier else []),
        # SET lets the master create and hand over objects as the app role; INHERIT FALSE keeps
        # the app role's privileges (and ownership) from becoming the master's.
        f"GRANT {app} TO CURRENT_USER WITH INHERIT FALSE, SET TRUE;",
        # A no-op once the app role owns it (PostgreSQL checks nothing then).
        f"ALTER DATABASE {db} OWNER TO {app};",
        _TRANSFER.format(app=app),
        # As the owner: only the roles named here may connect (the master for the next run).
        f"SET ROLE {app};",
        f"REVOKE ALL ON DATABASE {db} FROM PUBLIC;",
        f"GRANT CONNECT ON DATABASE {db} TO SESSION_USER;",
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC;",
    ]
    if keda_verifier:
        lines += [
            f"GRANT CONNECT ON DATABASE {db} TO {keda};",
            f"GRANT USAGE ON SCHEMA public TO {keda};",
        ]
    lines.append("RESET ROLE;")
    return "\n".join(lines) + "\n"


def keda_grants_script(roles: RoleNames = ROLES) -> str:
    """After the migration: KEDA may read exactly KEDA_COLUMNS of KEDA_TABLE, nothing else
    (revoked first, in the same transaction, so a column dropped from the list goes too)."""
    columns = ", ".join(_identifier(c) for c in KEDA_COLUMNS)
    table = _identifier(KEDA_TABLE)
    app, keda = _identifier(roles.app), _identifier(roles.keda)
    return "\n".join(
        [
            "-- airflow-platform: what KEDA's query reads (idempotent; run by the RDS master user)",
            f"SET ROLE {app};",
            f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {keda};",
            f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {keda};",
            f"GRANT SELECT ({columns}) ON TABLE public.{table} TO {keda};",
            "RESET ROLE;",
            "",
        ]
    )
