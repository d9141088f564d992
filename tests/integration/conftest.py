"""Fixtures of the integration tier: real servers on loopback, configured from program runs.

Every test here is marked `integration` (run with `python3 tools/dev.py integration`, or with the
unit suite by `python3 tools/dev.py test`). The servers start once per session in a temporary
directory and stop by themselves; each deployment (dev/prod, generated/crafted passwords) gets a
fresh `airflow` database, its own PgBouncer and Redis.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from components.airflow.database_roles import KEDA_GRANTS_KEY, ROLES_KEY
from offline.terraform_view import plan_view
from tests.conftest import cached_run
from tests.integration import chart
from tests.integration.airflow_runtime import AirflowRuntime, Finished
from tests.integration.binaries import debian_program, postgres_bin, unavailable
from tests.integration.checkov import checkov_program, scan, write_stack
from tests.integration.deployments import Deployment, deployment
from tests.integration.live import LiveDeployment, host_port
from tests.integration.pgbouncer_server import start_pgbouncer
from tests.integration.postgres_server import PostgresServer, start_postgres
from tests.integration.processes import server_uid
from tests.integration.psql import run_script
from tests.integration.redis_server import start_redis
from tests.integration.tls import TestAuthority
from tests.rendered.conftest import cached_render, skip_without_packages

SCENARIOS = [("dev", "generated"), ("prod", "generated"), ("dev", "crafted"), ("prod", "crafted")]


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def workspace() -> Iterator[Path]:
    # Not pytest's tmp_path: that is private to root, and the servers run as `nobody`.
    directory = Path(tempfile.mkdtemp(prefix="airflow-platform-it-"))
    directory.chmod(0o711)
    yield directory
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="session")
def authority(workspace: Path) -> TestAuthority:
    directory = workspace / "tls"
    directory.mkdir(mode=0o755)
    return TestAuthority(directory)


@pytest.fixture(scope="session")
def postgres(workspace: Path, authority: TestAuthority) -> Iterator[PostgresServer]:
    bindir = postgres_bin()
    try:
        server = start_postgres(bindir, workspace / "postgres", authority)
    except Exception as error:  # a server that cannot start: fail in CI, skip elsewhere
        unavailable(f"PostgreSQL would not start: {error}")
    print(f"integration tier: {server.version} with TLS forced on port {server.port}")
    yield server
    server.stop()


@pytest.fixture(scope="session", params=SCENARIOS, ids=["-".join(s) for s in SCENARIOS])
def live(
    request: pytest.FixtureRequest,
    postgres: PostgresServer,
    workspace: Path,
    authority: TestAuthority,
) -> Iterator[LiveDeployment]:
    stack, passwords = request.param
    found = deployment(stack, passwords)
    rds = found.rds
    postgres.drop_database(rds["dbName"])
    postgres.set_master(rds["username"], rds["password"], rds["dbName"])
    # The database-roles Job, before anything connects: Airflow and KEDA connect as its roles.
    run_job_script(found, postgres, ROLES_KEY)
    targets = {(found.rds_address, int(rds["port"])): postgres.port}
    directory = workspace / found.label
    directory.mkdir(mode=0o711)
    bouncer = redis = None
    names = found.names
    try:
        if found.has_secret(names.pgbouncer_config):
            config = found.secret(names.pgbouncer_config)
            bouncer = start_pgbouncer(
                debian_program("pgbouncer", "pgbouncer"),
                directory / "pgbouncer",
                ini=config["pgbouncer.ini"],
                users=config["users.txt"],
                db_port=postgres.port,
                client_tls=authority.server_pair(f"pgbouncer-{found.label}", owner=server_uid()),
            )
            for url in (
                found.secret(names.metadata)["connection"],
                found.secret(names.pgbouncer_stats)["connection"],
            ):
                targets[host_port(url)] = bouncer.port
        # A managed broker (prod: ElastiCache) has no in-cluster Redis password to start one with.
        if found.has_secret(names.broker_url) and found.has_secret(names.redis_password):
            redis = start_redis(
                debian_program("redis-server", "redis-server"),
                directory / "redis",
                found.secret(names.redis_password)["password"],
            )
            targets[host_port(found.secret(names.broker_url)["connection"])] = redis.port
    except RuntimeError as error:
        unavailable(f"a server of {found.label} would not start: {error}")
    live = LiveDeployment(found, postgres, bouncer, redis, targets)
    yield live
    for server in (bouncer, redis):
        if server is not None:
            server.stop()


@pytest.fixture(scope="session")
def airflow(live: LiveDeployment, workspace: Path) -> AirflowRuntime:
    return AirflowRuntime(live, workspace / live.deployment.label / "airflow-home")


@pytest.fixture(scope="session")
def migration(airflow: AirflowRuntime) -> Finished:
    """The migration Job's container, run once per deployment on its fresh database."""
    job = airflow.workload("Job", "run-airflow-migrations")
    finished = airflow.run(chart.container(job, "run-airflow-migrations"))
    print(f"{airflow.live.deployment.label}: the migration Job took {finished.seconds:.1f} s")
    deployment = airflow.live.deployment
    # The keda-grants Job, after the release (the migrated task_instance exists only then).
    if finished.returncode == 0 and KEDA_GRANTS_KEY in deployment.secret(
        deployment.names.database_roles
    ):
        run_job_script(deployment, airflow.live.postgres, KEDA_GRANTS_KEY)
    return finished


def run_job_script(deployment: Deployment, postgres: PostgresServer, key: str) -> None:
    """One of the program's roles scripts, from its Secret, run by psql as the master."""
    rds = deployment.rds
    done = run_script(
        deployment.secret(deployment.names.database_roles)[key],
        port=postgres.port,
        user=rds["username"],
        password=rds["password"],
        database=rds["dbName"],
    )
    assert done.returncode == 0, f"{deployment.label}: {key} failed: {done.stderr}"


@pytest.fixture(scope="session")
def gate_workspace() -> Iterator[Path]:
    """Both stacks' Terraform-plan views and rendered manifests, as the security gate scans them."""
    skip_without_packages()
    directory = Path(tempfile.mkdtemp(prefix="airflow-platform-gate-"))
    for stack in ("dev", "prod"):
        rendered = cached_render(stack)
        write_stack(directory, stack, plan_view(cached_run(stack).registrations), rendered.objects)
    yield directory
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="session")
def gate_reports(gate_workspace: Path) -> list[dict[str, Any]]:
    """checkov's reports over both stacks (one run; fails in CI, skips elsewhere if not installable)."""
    checkov_program()
    reports, seconds = scan(gate_workspace)
    print(f"security gate: checkov scanned both stacks in {seconds:.1f} s")
    return reports
