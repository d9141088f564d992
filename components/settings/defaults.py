"""Per-environment defaults: only what differs between dev and prod.

Merged under the stack file's values, so stack files hold only what differs from these. A value
that is the same in both environments is a field default in its model instead.
"""

from __future__ import annotations

from typing import Any

from components.settings.types import Environment

ENVIRONMENT_DEFAULTS: dict[Environment, dict[str, Any]] = {
    Environment.DEV: {
        "database": {
            "instanceClass": "db.t4g.micro",
            "allocatedStorageGb": 20,
            "maxAllocatedStorageGb": 50,
            "multiAz": False,
            "backupRetentionDays": 1,
            "performanceInsights": False,
            "monitoringIntervalSeconds": 0,
            "logRetentionDays": 7,
            "protect": False,
            "deletionProtection": False,
            "finalSnapshot": False,
            "deleteAutomatedBackups": True,
            "applyImmediately": True,
            "blueGreenUpdate": False,
        },
        "storage": {
            "transitionToIaDays": 7,
            "protect": False,
            "automaticBackups": False,
            "reclaimPolicy": "Delete",
        },
        "certManager": {"acmeServer": "staging", "replicas": 1},
        "keda": {"highAvailability": False},
        "broker": {
            "type": "in-cluster",
            "nodeType": "cache.t4g.small",
            "snapshotRetentionDays": 0,
            "protect": False,
        },
        "registry": {"enabled": False, "keepImages": 10, "protect": False},
        "airflow": {
            "dags": {"source": "gitSync"},
            "logsSize": "20Gi",
            "logs": {"retentionDays": 7, "s3": {"enabled": False, "protect": False}},
            "schedulerReplicas": 1,
            "apiServerReplicas": 1,
            "triggererReplicas": 1,
            "pgbouncer": False,
            "pgbouncerReplicas": 1,
            "pgbouncerPoolSize": 10,
            "pgbouncerMaxClientConnections": 100,
            "workers": {
                "minReplicas": 0,
                "maxReplicas": 3,
                "concurrency": 8,
                "cooldownSeconds": 60,
            },
            "resources": {
                "scheduler": {"cpu": "250m", "memory": "512Mi"},
                "apiServer": {"cpu": "250m", "memory": "1Gi"},
                "triggerer": {"cpu": "100m", "memory": "512Mi"},
                "dagProcessor": {"cpu": "250m", "memory": "512Mi"},
                "celeryWorker": {"cpu": "250m", "memory": "1Gi"},
                "kubernetesWorker": {"cpu": "100m", "memory": "512Mi"},
            },
            "podDisruptionBudgets": False,
            "spreadOverZones": False,
            "keepClaimsOnUninstall": False,
            "protect": False,
            "tuning": {
                "parallelism": 32,
                "maxActiveTasksPerDag": 16,
                "parsingProcesses": 1,
                "workerPodsCreationBatchSize": 4,
            },
        },
        "monitoring": {
            "thresholds": {
                "schedulerHeartbeatMinutes": 10,
                "dagProcessorHeartbeatMinutes": 10,
                "dagParseSeconds": 120,
                "taskFailureRatio": 0.5,
                "dagRunSeconds": 7200,
                "pendingPodMinutes": 30,
                "memoryLimitRatio": 0.95,
                "cpuRequestRatio": 4,
                "pgbouncerWaitingClients": 10,
                "rdsCpuPercent": 90,
                "rdsFreeStorageGb": 2,
                # db.t4g.micro allows about 80 connections.
                "rdsConnections": 60,
                "rdsFreeableMemoryMb": 64,
                "efsIoLimitPercent": 90,
                "efsThroughputPercent": 90,
            }
        },
    },
    Environment.PROD: {
        "database": {
            "instanceClass": "db.m7g.large",
            "allocatedStorageGb": 100,
            "maxAllocatedStorageGb": 1000,
            "multiAz": True,
            "backupRetentionDays": 14,
            "performanceInsights": True,
            # Enhanced Monitoring: OS metrics (per-process CPU, memory, I/O) every minute.
            "monitoringIntervalSeconds": 60,
            "logRetentionDays": 90,
            "protect": True,
            "deletionProtection": True,
            "finalSnapshot": True,
            "deleteAutomatedBackups": False,
            "applyImmediately": False,
            "blueGreenUpdate": True,
        },
        "storage": {
            "transitionToIaDays": 30,
            "protect": True,
            "automaticBackups": True,
            "reclaimPolicy": "Retain",
        },
        "certManager": {"acmeServer": "production", "replicas": 2},
        "keda": {"highAvailability": True},
        "broker": {
            "type": "managed",
            "nodeType": "cache.m7g.large",
            "snapshotRetentionDays": 7,
            "protect": True,
        },
        "registry": {"enabled": True, "keepImages": 100, "protect": True},
        "airflow": {
            "dags": {"source": "image"},
            "logsSize": "100Gi",
            "logs": {"retentionDays": 30, "s3": {"enabled": True, "protect": True}},
            "schedulerReplicas": 2,
            "apiServerReplicas": 2,
            "triggererReplicas": 2,
            "pgbouncer": True,
            "pgbouncerReplicas": 2,
            "pgbouncerPoolSize": 20,
            "pgbouncerMaxClientConnections": 500,
            "workers": {
                "minReplicas": 2,
                "maxReplicas": 20,
                "concurrency": 16,
                "cooldownSeconds": 300,
            },
            "resources": {
                "scheduler": {"cpu": "1", "memory": "2Gi"},
                "apiServer": {"cpu": "500m", "memory": "2Gi"},
                "triggerer": {"cpu": "250m", "memory": "1Gi"},
                "dagProcessor": {"cpu": "500m", "memory": "1Gi"},
                "celeryWorker": {"cpu": "500m", "memory": "2Gi"},
                "kubernetesWorker": {"cpu": "250m", "memory": "1Gi"},
            },
            "podDisruptionBudgets": True,
            "spreadOverZones": True,
            "keepClaimsOnUninstall": True,
            "protect": True,
            "tuning": {
                "parallelism": 256,
                "maxActiveTasksPerDag": 64,
                "parsingProcesses": 4,
                "workerPodsCreationBatchSize": 32,
            },
        },
        "monitoring": {
            "thresholds": {
                "schedulerHeartbeatMinutes": 3,
                "dagProcessorHeartbeatMinutes": 5,
                "dagParseSeconds": 60,
                "taskFailureRatio": 0.2,
                "dagRunSeconds": 3600,
                "pendingPodMinutes": 10,
                "memoryLimitRatio": 0.9,
                "cpuRequestRatio": 2,
                "pgbouncerWaitingClients": 5,
                "rdsCpuPercent": 80,
                "rdsFreeStorageGb": 20,
                # db.m7g.large allows about 850 connections.
                "rdsConnections": 600,
                "rdsFreeableMemoryMb": 512,
                "efsIoLimitPercent": 80,
                "efsThroughputPercent": 80,
            }
        },
    },
}
