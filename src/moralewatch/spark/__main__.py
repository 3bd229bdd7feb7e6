"""``spark-submit`` entry: ``spark-submit [options] moralewatch/spark/__main__.py INPUT... --out DIR`` (or
``python -m moralewatch.spark``): the ``moralewatch spark`` command, with spark-submit's master and settings."""

from __future__ import annotations

import sys

from moralewatch.cli import main

if __name__ == "__main__":
    main(["spark", *sys.argv[1:]], prog_name="moralewatch")
