"""Every version the program pins, in one place: a bump is a one-line change here.

This is the bottom module of the project: it imports nothing from it, so settings, components
and tools can all read the pins without an import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass

# The Airflow release the chart and the default image are built for.
AIRFLOW_VERSION = "3.2.2"
AIRFLOW_IMAGE_REPOSITORY = "apache/airflow"
# The default image (overridable per stack, e.g. an ECR image with DAGs baked in).
AIRFLOW_IMAGE = f"{AIRFLOW_IMAGE_REPOSITORY}:{AIRFLOW_VERSION}"


@dataclass(frozen=True)
class ChartPin:
    repository: str
    chart: str
    version: str


CERT_MANAGER_CHART = ChartPin("https://charts.jetstack.io", "cert-manager", "v1.21.1")
KEDA_CHART = ChartPin("https://kedacore.github.io/charts", "keda", "2.20.2")
AIRFLOW_CHART = ChartPin("https://airflow.apache.org", "airflow", "1.22.0")

# EKS managed add-on; must be a version `aws eks describe-addon-versions` lists for the cluster.
EFS_CSI_DRIVER_ADDON_VERSION = "v3.4.1-eksbuild.1"

# The RDS certificate authority current since the 2024 rotation.
RDS_CA_CERT_IDENTIFIER = "rds-ca-rsa2048-g1"
