"""Airflow 3's asynchronous metadata engine, exactly as airflow.settings derives and configures it
from the environment the chart gives the API server; many sessions at once, each repeating its
statements (asyncpg prepares them). Prints the async URL's driver and, per session, TLS and rows."""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

from airflow import settings
from sqlalchemy import text

SESSIONS = 12
REPEATS = 8


async def session_work(number: int) -> dict[str, Any]:
    factory = settings.AsyncSession
    assert factory is not None, "main() configures the ORM first"
    async with factory() as session, session.begin():
        tls = True
        for _ in range(REPEATS):
            tls &= bool(
                (
                    await session.execute(
                        text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
                    )
                ).scalar_one()
            )
        tables = (
            await session.execute(text("SELECT count(*) FROM pg_tables WHERE tablename = 'dag'"))
        ).scalar_one()
    return {"session": number, "server_tls": tls, "dag_table": tables}


async def main() -> list[dict[str, Any]]:
    if settings.AsyncSession is None:
        settings.configure_orm()
    engine = settings.async_engine
    assert engine is not None, "configure_orm() builds the async engine"
    try:
        return list(await asyncio.gather(*(session_work(n) for n in range(SESSIONS))))
    finally:
        await engine.dispose()


if __name__ == "__main__":
    results = asyncio.run(main())
    assert settings.async_engine is not None and settings.SQL_ALCHEMY_CONN_ASYNC is not None
    driver = settings.async_engine.dialect.driver
    print(
        json.dumps(
            {
                "driver": driver,
                "url": settings.SQL_ALCHEMY_CONN_ASYNC.split("@")[-1],
                "sessions": results,
            }
        )
    )
    sys.stdout.flush()
