"""Names of the Secrets the Airflow component creates."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SecretNames:
    """The chart names its own `<release>-<what>`; the `-managed-` infix keeps ours from ever
    colliding with them."""

    release: str

    def _name(self, what: str) -> str:
        return f"{self.release}-managed-{what}"

    @property
    def metadata(self) -> str:
        return self._name("metadata")

    @property
    def result_backend(self) -> str:
        return self._name("result-backend")

    @property
    def fernet_key(self) -> str:
        return self._name("fernet-key")

    @property
    def api_secret_key(self) -> str:
        return self._name("api-secret-key")

    @property
    def jwt_secret(self) -> str:
        return self._name("jwt-secret")

    @property
    def redis_password(self) -> str:
        return self._name("redis-password")

    @property
    def broker_url(self) -> str:
        return self._name("broker-url")

    @property
    def pgbouncer_config(self) -> str:
        return self._name("pgbouncer-config")

    @property
    def pgbouncer_stats(self) -> str:
        return self._name("pgbouncer-stats")

    @property
    def pgbouncer_tls(self) -> str:
        return self._name("pgbouncer-tls")

    @property
    def database_roles(self) -> str:
        """The roles scripts and the RDS master password (components/airflow/database_roles.py)."""
        return self._name("database-roles")

    @property
    def admin_password(self) -> str:
        return self._name("admin-password")

    @property
    def ingress_tls(self) -> str:
        return f"{self.release}-api-server-tls"
