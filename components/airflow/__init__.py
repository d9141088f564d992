"""Apache Airflow 3 from the official chart, wired to RDS, EFS, cert-manager and KEDA.

One concern per module:

    component.py          the `Airflow` ComponentResource that composes the pieces below
    values/               the chart values, pure functions of the settings (one file per part)
    generated_secrets.py  pulumi_random values and the Kubernetes Secrets that carry them
    pgbouncer.py          PgBouncer's own config, users file and client certificate
    secret_names.py       the names of the Secrets this component creates
    addresses.py          in-cluster host names and ports the chart gives its services
    service_accounts.py   the service accounts the chart creates (IAM roles trust these names)

Secrets are generated here once (pulumi_random, stable across updates) and handed to the chart as
Kubernetes Secrets by name only: no generated value ever appears in the Helm values.
"""

from components.airflow.component import Airflow, AirflowArgs, AirflowAws

__all__ = ["Airflow", "AirflowArgs", "AirflowAws"]
