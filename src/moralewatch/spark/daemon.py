"""Spark's Python daemon, with the pipeline loaded before it forks its workers (``spark.python.daemon.module``).

PySpark starts one daemon per executor, which forks a Python worker for each task slot. Loaded here, the
pipeline's lexicons, gazetteer and compiled patterns are in every worker from its first task, shared copy-on-write
(as ``analyze --workers`` does before it forks), instead of built by each worker in its first task; a one-line
unit analysed and written here also does pyarrow's first-use work (its Parquet writer and kernels, ~0.2-0.5 CPU-s)
once an executor instead of once a worker. Should the
warm-up fail, the workers build the pipeline themselves (:func:`moralewatch.spark._pipeline`).
"""

from __future__ import annotations

import contextlib
import gc
import sys


def main() -> None:
    from pyspark import daemon

    try:
        with contextlib.redirect_stdout(sys.stderr):  # the daemon's stdout tells Spark its port: nothing else on it
            import pyarrow.compute
            import pyarrow.fs
            import pyarrow.parquet  # noqa: F401 - the staging and the tables' writing: loaded once, before the fork

            from . import warm_up

            warm_up()  # the pipeline, and a first unit written (pyarrow's first use) before the fork
        gc.freeze()  # the loaded objects stay shared with the forked workers (no refcount writes by the collector)
    except Exception as e:  # noqa: BLE001 - the workers will build it, and say what fails
        print(f"moralewatch: pipeline warm-up in the Spark daemon failed: {type(e).__name__}: {e}", file=sys.stderr)
    daemon.manager()


if __name__ == "__main__":
    main()
