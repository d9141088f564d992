"""components/settings/cert_manager.py: the ACME contact and the challenge type."""

from __future__ import annotations

from components.settings import parse_settings
from tests.settings.stacks import VALID_DEV, assert_rejected, prod, with_changes


def test_malformed_email_is_said_in_words() -> None:
    raw = with_changes(VALID_DEV, **{"certManager.email": "ops@"})
    assert_rejected(raw, "airflow-platform:certManager.email", "an e-mail address")


def test_dns01_needs_a_zone_and_http01_refuses_one() -> None:
    raw = with_changes(VALID_DEV, **{"certManager.solver": "dns01"})
    assert_rejected(raw, "airflow-platform:certManager.hostedZoneId", "solver dns01 needs")
    raw = with_changes(VALID_DEV, **{"certManager.hostedZoneId": "Z0123456789ABC"})
    assert_rejected(raw, "airflow-platform:certManager.hostedZoneId", "only used with solver dns01")


def test_dns01_with_a_zone_parses() -> None:
    raw = with_changes(
        VALID_DEV, **{"certManager.solver": "dns01", "certManager.hostedZoneId": "Z0123456789ABC"}
    )
    assert parse_settings(raw).cert_manager.hosted_zone_id == "Z0123456789ABC"
    assert parse_settings(VALID_DEV).cert_manager.solver == "http01"


def test_acme_server_and_replicas_follow_the_environment() -> None:
    dev, prod_ = parse_settings(VALID_DEV).cert_manager, parse_settings(prod()).cert_manager
    assert (dev.acme_server, dev.replicas) == ("staging", 1)
    assert (prod_.acme_server, prod_.replicas) == ("production", 2)


def test_unknown_acme_server_is_refused() -> None:
    raw = with_changes(VALID_DEV, **{"certManager.acmeServer": "https://acme.example"})
    assert_rejected(raw, "airflow-platform:certManager.acmeServer", "'staging' or 'production'")
