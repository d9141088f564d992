"""The metric names the alerts and the dashboard read, and where each one comes from.

Airflow sends StatsD to the chart's statsd-exporter (quay.io/prometheus/statsd-exporter v0.30.0),
which names metrics by the chart's files/statsd-mappings.yml (chart 1.22.0); a StatsD name the
mapping does not match keeps its name with dots turned into underscores. The exporter serves
Prometheus' text format, so counters carry no `_total` suffix, and timers are summaries (its
default observer) in seconds: `<name>{quantile=...}`, `<name>_sum`, `<name>_count`.
"""

from __future__ import annotations

# Mapped by statsd-mappings.yml.
SCHEDULER_HEARTBEAT = "airflow_scheduler_heartbeat"  # counter, `scheduler_heartbeat`
DAG_PROCESSOR_HEARTBEAT = "airflow_dag_processor_heartbeat"  # counter
# `executor.<x>` with one executor; `executor.<x>.<Executor>` (label `executor`) with several.
EXECUTOR_OPEN_SLOTS = "airflow_executor_open_slots"
EXECUTOR_QUEUED_TASKS = "airflow_executor_queued_tasks"
EXECUTOR_RUNNING_TASKS = "airflow_executor_running_tasks"
# Airflow's legacy name `dagrun.duration.success.<dag_id>` (metrics.legacy_names_on, default on).
DAGRUN_DURATION = "airflow_dagrun_duration"  # summary, label dag_id

# Not in the mapping: the StatsD name with dots as underscores.
DAG_IMPORT_ERRORS = "airflow_dag_processing_import_errors"  # gauge
DAG_TOTAL_PARSE_TIME = "airflow_dag_processing_total_parse_time"  # gauge, seconds
DAG_FILE_QUEUE_SIZE = "airflow_dag_processing_file_path_queue_size"  # gauge
DAG_FILES_PARSED = "airflow_dag_processing_processes"  # counter: one per file parse started
TASK_SUCCESSES = "airflow_ti_successes"  # counter
TASK_FAILURES = "airflow_ti_failures"  # counter

# PgBouncer's exporter sidecar (apache/airflow:airflow-pgbouncer-exporter-2025.03.05-0.18.0,
# jbub/pgbouncer_exporter 0.18.0): namespace `pgbouncer_exporter`, labels database/user/pool_mode.
PGBOUNCER_WAITING_CLIENTS = "pgbouncer_exporter_pools_waiting_clients"
PGBOUNCER_MAX_WAIT = "pgbouncer_exporter_pools_max_wait"  # seconds

# kube-state-metrics.
POD_PHASE = "kube_pod_status_phase"  # 1 for the pod's current phase
CONTAINER_RESTARTS = "kube_pod_container_status_restarts_total"
CONTAINER_LAST_TERMINATED = "kube_pod_container_status_last_terminated_reason"
CONTAINER_LIMITS = "kube_pod_container_resource_limits"  # label resource=cpu|memory
CONTAINER_REQUESTS = "kube_pod_container_resource_requests"

# cAdvisor (the kubelet's /metrics/cadvisor).
CONTAINER_CPU = "container_cpu_usage_seconds_total"
CONTAINER_MEMORY_WORKING_SET = "container_memory_working_set_bytes"

# Prometheus itself, per scrape target.
TARGET_UP = "up"
