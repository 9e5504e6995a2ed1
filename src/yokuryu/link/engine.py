"""The compute engines Splink runs on: DuckDB in process, or Spark (optional extra).

Spark is imported only when asked for, with an install hint when it is missing. In local
mode it runs on this machine's cores; on a cluster, point ``SPARK_MASTER`` (or
``spark.master`` in spark-defaults.conf) at the cluster and run the same command.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pyarrow as pa

from yokuryu.config import setting
from yokuryu.link.errors import EngineMissing

ENGINES = ("duckdb", "spark")


def spark_session() -> Any:
    """A Spark session: the cluster in ``SPARK_MASTER``, else local mode on every core."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise EngineMissing(
            "The Spark engine needs pyspark; install it with `pip install 'yokuryu[spark]'` "
            "(and Java 17), or use --engine duckdb."
        ) from exc
    from splink.backends.spark import similarity_jar_location

    builder = SparkSession.builder.appName("yokuryu-link")
    builder = builder.master(os.environ.get("SPARK_MASTER", "local[2]"))
    for key, value in {
        "spark.sql.shuffle.partitions": "8",
        "spark.ui.enabled": "false",
        # Splink's Jaro–Winkler and other string similarities, as a Scala UDF jar.
        "spark.jars": similarity_jar_location(),
        "spark.driver.memory": os.environ.get("SPARK_DRIVER_MEMORY", "4g"),
        "spark.sql.execution.arrow.pyspark.enabled": "true",
    }.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    session.sparkContext.setCheckpointDir(
        os.environ.get("SPARK_CHECKPOINT_DIR", "/tmp/yokuryu-spark")
    )
    return session


def duckdb_memory_limit() -> str:
    """DuckDB's memory limit: ``$YOKURYU_LINK_MEMORY_LIMIT``, else a quarter of this
    machine's memory (DuckDB's own default is four fifths, which on a large archive leaves
    too little for the records and pairs Python holds; above its limit DuckDB spills to
    disk). At 600,000 persons on 24 GB a run peaked at 11.25 GB with a third, the next
    (9 % more comparisons) at 9.34 GB with a quarter."""
    explicit = setting("link_memory_limit")
    if explicit:
        return explicit
    total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return f"{total // 4 // 2**20}MB"


SPILL_PREFIX = "yokuryu-duckdb-"
# Each connection spills to a folder of its own (process id, then a counter): DuckDB
# removes a temporary folder it created when its connection closes, with whatever another
# connection of the run had spilled there.
_CONNECTIONS = itertools.count()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def remove_stale_spills(folder: Path) -> list[Path]:
    """Remove the spill folders of runs whose process is gone (a run killed mid-way
    leaves its spill, gigabytes at 600,000 persons); returns what was removed."""
    removed = []
    for spill in folder.glob(f"{SPILL_PREFIX}*"):
        pid = spill.name.removeprefix(SPILL_PREFIX).split("-")[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(spill, ignore_errors=True)
            if not spill.exists():  # another user's is left as it is
                removed.append(spill)
    return removed


def duckdb_connection() -> Any:
    """An in-memory DuckDB that spills to a temporary folder of its own (not to
    DuckDB's default ``.tmp`` under the working directory), within the memory limit.
    Spill folders left by runs that were killed are removed first."""
    import duckdb

    temp = Path(tempfile.gettempdir())
    remove_stale_spills(temp)
    spill = temp / f"{SPILL_PREFIX}{os.getpid()}-{next(_CONNECTIONS)}"
    return duckdb.connect(
        config={"memory_limit": duckdb_memory_limit(), "temp_directory": str(spill)}
    )


def db_api(engine: str) -> Any:
    """A fresh Splink database API for the engine."""
    if engine == "duckdb":
        from splink import DuckDBAPI

        return DuckDBAPI(duckdb_connection())
    if engine == "spark":
        from splink.internals.spark.database_api import SparkAPI

        return SparkAPI(spark_session=spark_session(), break_lineage_method="parquet")
    raise ValueError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")


def register(api: Any, engine: str, table: pa.Table, name: str) -> Any:
    """Hand an Arrow table to the engine as a Splink input table."""
    if engine == "spark":
        frame = api.spark.createDataFrame(table.to_pandas())
        return api.register(frame, table_name=name)
    return api.register(table, table_name=name)
