"""The break-glass admin: an Airflow user with a generated password, for when single sign-on
cannot be used (the provider is down, or misconfigured).

The chart's create-user Job, without Helm hooks, runs our script instead of `airflow users
create`: that command leaves an existing user's password as it was (so a rotated password would
never take effect) and takes the password on its command line. The script reads the password
from the environment, creates or updates the user (active, Admin, the current password), and
deactivates it when break-glass is switched off, so a switched-off password stops working too.

Why the chart's Job: it already carries the Airflow environment (database connection, config,
service account, security contexts, network-policy labels) that a Job of our own would have to
copy. It is recreated on each Helm upgrade once the previous one expired
(`ttlSecondsAfterFinished`), and the password version is a pod annotation, so rotating the
password changes the release and reruns the Job.
"""

from __future__ import annotations

from typing import Any

from components.settings import BreakGlassSettings

USERNAME = "admin"
PASSWORD_ENV = "AIRFLOW_PLATFORM_BREAK_GLASS_PASSWORD"
PASSWORD_KEY = "password"
VERSION_ANNOTATION = "airflow-platform/break-glass-password-version"
JOB_TTL_SECONDS = 300

# Runs as `python -c` in the Airflow image with the chart's Airflow environment. No password on
# any command line: it comes from PASSWORD_ENV. It never contains '{{' (the chart templates args).
SCRIPT = """\
import os
import sys

from airflow.providers.fab.auth_manager.cli_commands.utils import get_application_builder
from airflow.utils.providers_configuration_loader import providers_configuration_loaded

USERNAME = os.environ["BREAK_GLASS_USERNAME"]
EMAIL = os.environ["BREAK_GLASS_EMAIL"]
ENABLED = os.environ["BREAK_GLASS_ENABLED"] == "true"


@providers_configuration_loaded
def main():
    with get_application_builder() as appbuilder:
        security = appbuilder.sm
        user = security.find_user(username=USERNAME)
        if not ENABLED:
            if user is not None and user.active:
                user.active = False
                security.update_user(user)
                print("break-glass user " + USERNAME + " deactivated")
            return
        password = os.environ["AIRFLOW_PLATFORM_BREAK_GLASS_PASSWORD"]
        admin = security.find_role("Admin")
        if admin is None:
            sys.exit("no Admin role: the metadata database is not migrated")
        if user is None:
            # Raises (and the Job fails) if it cannot, e.g. when the e-mail is taken.
            security.add_user(USERNAME, "Break-glass", "Admin", EMAIL, admin, password=password)
            print("break-glass user " + USERNAME + " created")
            return
        user.active = True
        user.roles = [admin]
        user.email = EMAIL
        if not security.update_user(user) or not security.reset_password(user.id, password):
            sys.exit("could not update break-glass user " + USERNAME)
        print("break-glass user " + USERNAME + " updated")


main()
"""


def break_glass_email(host: str) -> str:
    """An address under Airflow's own host name: FAB requires unique e-mails, and no user of the
    identity provider has one there."""
    return f"break-glass@{host}"


def job_env(settings: BreakGlassSettings, host: str, password_secret: str) -> list[dict[str, Any]]:
    env: list[dict[str, Any]] = [
        {"name": "BREAK_GLASS_USERNAME", "value": USERNAME},
        {"name": "BREAK_GLASS_EMAIL", "value": break_glass_email(host)},
        {"name": "BREAK_GLASS_ENABLED", "value": "true" if settings.enabled else "false"},
    ]
    if settings.enabled:
        env.append(
            {
                "name": PASSWORD_ENV,
                "valueFrom": {"secretKeyRef": {"name": password_secret, "key": PASSWORD_KEY}},
            }
        )
    return env


def create_user_job_values(
    settings: BreakGlassSettings,
    host: str,
    password_secret: str,
    resources: dict[str, Any],
) -> dict[str, Any]:
    """The chart's `createUserJob`, running our create-or-update script on every Helm upgrade.

    It also runs with break-glass off, to deactivate the user."""
    return {
        "enabled": True,
        # Hooks would deadlock with a release that waits for readiness (see migrateDatabaseJob).
        "useHelmHooks": False,
        "applyCustomEnv": False,
        "ttlSecondsAfterFinished": JOB_TTL_SECONDS,
        # Not used by our script; the chart's default password is never set.
        "defaultUser": {
            "role": "Admin",
            "username": USERNAME,
            "email": break_glass_email(host),
            "firstName": "Break-glass",
            "lastName": "Admin",
            "password": "",
        },
        "args": ["python", "-c", SCRIPT],
        "env": job_env(settings, host, password_secret),
        "annotations": {VERSION_ANNOTATION: str(settings.password_version)},
        "resources": resources,
    }
