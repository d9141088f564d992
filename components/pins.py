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
    # sha256 of the packaged chart (`<chart>-<version>.tgz`) the offline engine renders: part of
    # the pin, so a version bump without its package is refused rather than rendered from stale bytes.
    sha256: str


# fmt: off
CERT_MANAGER_CHART = ChartPin("https://charts.jetstack.io", "cert-manager", "v1.21.1", "a8cd66ff9f8a185ad95acc56ce933d740a3957902e7c3054016f9b9779f6006e")
KEDA_CHART = ChartPin("https://kedacore.github.io/charts", "keda", "2.20.2", "08e477a00622e95d9b906a01ecc7564c23df89464aed75e339e593a273667100")
AIRFLOW_CHART = ChartPin("https://airflow.apache.org", "airflow", "1.22.0", "1f7d1dfe3d58e2c54899950aba907a43625a18c8b6fb3c54760c21592129a5b6")
# fmt: on
# Every chart the program installs: rendered offline, fetched by tools/fetch_charts.py.
CHARTS = (CERT_MANAGER_CHART, KEDA_CHART, AIRFLOW_CHART)

# The Kubernetes minor version the program targets (EKS): charts render and manifests validate for it.
KUBERNETES_VERSION = "1.33"

# EKS managed add-on; must be a version `aws eks describe-addon-versions` lists for the cluster.
EFS_CSI_DRIVER_ADDON_VERSION = "v3.4.1-eksbuild.1"

# The RDS certificate authority current since the 2024 rotation.
RDS_CA_CERT_IDENTIFIER = "rds-ca-rsa2048-g1"

# ElastiCache for Valkey, the managed Celery broker in prod (Redis OSS-compatible, which kombu
# speaks), and the parameter group family of that major version.
VALKEY_ENGINE_VERSION = "8.1"
VALKEY_PARAMETER_FAMILY = "valkey8"

# psql for the Job that creates the database roles as the RDS master (components/airflow/
# database_roles.py); a 17 client speaks to every server major the program deploys.
POSTGRES_CLIENT_IMAGE = "postgres:17.6"
