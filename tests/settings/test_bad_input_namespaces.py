"""Class 3: Airflow's namespace colliding with a system namespace or one the program creates."""

from __future__ import annotations

import pytest

from tests.settings.bad_input import assert_clear, one_error, section

CASES = [
    ("default", "a Kubernetes system namespace"),
    ("kube-system", "a Kubernetes system namespace"),
    ("kube-public", "a Kubernetes system namespace"),
    ("kube-node-lease", "a Kubernetes system namespace"),
    ("cert-manager", "the program installs cert-manager into namespace cert-manager"),
    ("keda", "the program installs keda into namespace keda"),
]


@pytest.mark.parametrize(("namespace", "rule"), CASES, ids=[c[0] for c in CASES])
def test_a_shared_namespace_is_one_clear_error(namespace: str, rule: str) -> None:
    line = one_error("dev", section("airflow", namespace=namespace))
    assert_clear(line, "airflow.namespace", namespace, rule)


def test_the_add_ons_namespaces_are_the_ones_the_settings_know() -> None:
    from components import cert_manager, keda
    from components.settings import names

    assert (cert_manager.NAMESPACE, keda.NAMESPACE) == (
        names.CERT_MANAGER_NAMESPACE,
        names.KEDA_NAMESPACE,
    )
