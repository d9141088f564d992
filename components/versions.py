"""Every pinned version the program deploys. A version bump is a one-line change here."""

from __future__ import annotations

from dataclasses import dataclass

from components.settings import AIRFLOW_IMAGE_REPOSITORY, AIRFLOW_VERSION


@dataclass(frozen=True)
class ChartPin:
    repository: str
    chart: str
    version: str


CERT_MANAGER_CHART = ChartPin("https://charts.jetstack.io", "cert-manager", "v1.21.1")
KEDA_CHART = ChartPin("https://kedacore.github.io/charts", "keda", "2.20.2")
AIRFLOW_CHART = ChartPin("https://airflow.apache.org", "airflow", "1.22.0")

# The Airflow image default (overridable per stack, e.g. an ECR image with DAGs baked in).
AIRFLOW_IMAGE = f"{AIRFLOW_IMAGE_REPOSITORY}:{AIRFLOW_VERSION}"

# EKS managed add-on; must be a version `aws eks describe-addon-versions` lists for the cluster.
EFS_CSI_DRIVER_ADDON_VERSION = "v3.4.1-eksbuild.1"

# The RDS certificate authority current since the 2024 rotation.
RDS_CA_CERT_IDENTIFIER = "rds-ca-rsa2048-g1"
