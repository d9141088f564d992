"""Connect arguments for Airflow against a PgBouncer that cannot track prepared statements (Debian's
1.18 in the integration tier; prod's sets max_prepared_statements). Through such a transaction pool
a statement psycopg 3 prepared on one server connection is missing, or worse, another client's
statement of the same name runs instead. Named by import path in
AIRFLOW__DATABASE__SQL_ALCHEMY_CONNECT_ARGS(_ASYNC)."""

import uuid

SYNC = {"prepare_threshold": None}
ASYNC = {
    "statement_cache_size": 0,
    "prepared_statement_name_func": lambda: f"__asyncpg_{uuid.uuid4()}__",
}
