"""The dashboard (``app``), the static report (``report``), their commands (``cli``), the fixture store that is
also the demo (``demo``) and the generator of large stores for the latency benchmark (``generate``)."""

#: below this many indicators the dashboard reads its model from the store in well under a second and keeps no copy
#: of it beside the store (:mod:`.snapshot`); here so that ``analyze`` can tell without importing numpy
COPY_MIN_ROWS = 20_000
