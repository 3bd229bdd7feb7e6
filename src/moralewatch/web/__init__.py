"""The dashboard (``app``), the static report (``report``), their commands (``cli``), the fixture store that is
also the demo (``demo``) and the generator of large stores for the latency benchmark (``generate``)."""
