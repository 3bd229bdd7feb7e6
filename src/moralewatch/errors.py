"""Every code a user can meet, defined once: the E-codes of errors (:data:`ERRORS`) and the rejection codes of
inputs (:data:`REJECTIONS`), each with its meaning and its fix, as spaCy keeps its codes in ``errors.py``.

A code means one thing. ``tests/test_errors.py`` checks that the codes are unique, that every code written in the
source is in these tables, and that the README lists them. A raise site gives its own message (what exactly went
wrong) and may give a more specific fix; :func:`error` fills in the table's fix when it gives none.
"""

from __future__ import annotations


class MoraleWatchError(Exception):
    """An error a user can act on: ``code`` is stable, ``fix`` says what to do."""

    def __init__(self, code: str, message: str, fix: str = "") -> None:
        self.code = code
        self.message = message
        self.fix = fix
        super().__init__(f"[{code}] {message}" + (f" Fix: {fix}" if fix else ""))

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "fix": self.fix}


class PipelineError(MoraleWatchError):
    """The pipeline cannot be built: a stage's requirement is not met or a name is unknown."""


# E-codes: (meaning, fix). Hundreds: 1 pipeline and data, 2 store, 3 commands and workers, 4 scorers and gold data,
# 4xx/5xx also the dashboard API (whose HTTP errors answer with E + the HTTP status), 6 Spark.
ERRORS: dict[str, tuple[str, str]] = {
    "E101": ("a stage's name has no version", "name stages like 'quotes.v1'"),
    "E102": ("two registered stages have the same versioned name", "give the new one a new version"),
    "E103": ("no registered stage has that name", "use one of the names the message lists"),
    "E104": ("a stage requires (or rewrites) what no earlier stage provides",
             "put the stages that provide it earlier in the pipeline"),
    "E105": ("a stage was given an option it does not have", "use one of the valid options the message lists"),
    "E106": ("a data file was loaded that no stage's stamp covers",
             "add it (or its directory) to the stage's data in moralewatch/stages.py REGISTRATIONS"),
    "E107": ("a registered function is not a stage function",
             "decorate it with @stage('name.v1', requires=..., provides=...)"),
    "E108": ("a word-list data file is malformed or lacks a list a pattern names",
             "restore the file from the release (data/*/words/patterns.txt), or the list the pattern names"),
    "E109": ("the learned indicator model's files are missing or damaged",
             "reinstall the package, or rebuild the model with `make train`; to run the cue rules alone, set the "
             "indicators.v2 mode to rules"),
    "E110": ("a Russian/Ukrainian indicator rule file (data/ruuk/indicators/) is malformed",
             "fix the line the message names (format: INDICATORS LANG SIDE FLAGS :: REGEX), or restore the file "
             "from the release"),
    "E111": ("a Russian/Ukrainian entity data file (data/ruuk/entities/) is malformed, or the installed pymorphy3 "
             "is not the version it declares (the Russian/Ukrainian quote and entity stages read it)",
             "fix the line the message names (format: TYPE<TAB>NAME<TAB>FORMS) or restore the file from the release; "
             "for pymorphy3, install requirements.lock (make install)"),
    "E201": ("there is no database at that path", "run `moralewatch analyze INPUT --db PATH` first"),
    "E202": ("the file is not a MoraleWatch database", "pass another --db path, or move the file"),
    "E203": ("the store has no table of that name", "use one of the tables the message lists"),
    "E204": ("the database cannot be used (permissions, a lock, a full disk)",
             "check the file's and its directory's permissions and free space, and that no other process holds it "
             "locked"),
    "E205": ("the database or its folder is read-only",
             "make the file and its folder writable (SQLite keeps its -wal and -shm files beside it), or pass another "
             "--db"),
    "E206": ("the disk holding the database is full or failing; what was stored before is kept",
             "free space and run the same command again: it goes on where it stopped"),
    "E207": ("the database is locked by another process, or another analyze run is writing to it",
             "wait for the other writer to finish, or pass another --db"),
    "E208": ("the folder of the database does not exist", "create it (mkdir -p FOLDER) or pass another --db"),
    "E209": ("standard output takes one table as JSONL or CSV", "pass one --table, or -o DIRECTORY"),
    "E210": ("the filters narrow the tables evidence and indicators only",
             "export the table evidence (or indicators) with filters, or leave the filters out"),
    "E211": ("an output file or folder cannot be made or written (export, report)",
             "check that the folder exists and is writable (mkdir -p FOLDER), and that the path is not a file"),
    "E212": ("the article-extraction benchmark directory holds no ground-truth.json and html/ (eval pages)",
             "pass the benchmark directory (shared/data/benchmarks/article-extraction), or set MORALEWATCH_SHARED"),
    "E213": ("a page the pages gold names is not in the benchmark directory (eval pages --furniture / --dates)",
             "pass the benchmark directory the gold was made from (shared/data/benchmarks/article-extraction)"),
    "E214": ("a row of the pages gold cannot be read (eval pages --furniture / --dates)",
             "check the gold file: one JSON object a line, with the fields gold/pages/README.md lists"),
    "E215": ("a places gold set names a corpus that shared/data/corpora does not hold",
             "check the gold lines' corpus field against the files in shared/data/corpora"),
    "E216": ("the store was made by a newer MoraleWatch (its schema is newer than this version's)",
             "use the MoraleWatch that made it, or upgrade (make install)"),
    "E301": ("the input file of extract does not exist", "pass an existing JSONL file, or - for stdin"),
    "E302": ("worker processes keep ending before they finish any batch",
             "run with --workers 1 to see the error; reinstall with `make install` if it is an import error"),
    "E303": ("the input or output file of extract cannot be opened",
             "check the path and its permissions (the output's folder must exist)"),
    "E310": ("the input, output or state file of stories cannot be opened",
             "check the paths and their permissions (the output's folder must exist; --state must be a SQLite file)"),
    "E400": ("the dashboard answers only to its loopback address", "open http://127.0.0.1:PORT/ on this machine"),
    "E401": ("shared/data/corpora, where the gold sets' texts are, cannot be found",
             "set MORALEWATCH_SHARED to the shared directory"),
    "E402": ("a gold article is not in its corpus", "check the gold ids against shared/data/corpora"),
    "E403": ("the pipeline failed on a gold article while scoring", "fix the stage, or pass predictions as PRED"),
    "E404": ("the requested page or evidence item does not exist",
             "pick an item from /api/evidence (see /docs); the store may have been rebuilt"),
    "E405": ("the dashboard API does not answer that HTTP method", "see /docs for the API's calls"),
    "E406": ("a gold span no longer matches its sha1: the corpus text changed", "re-anchor the gold offsets"),
    "E407": ("the dashboard refused an API request another site made the browser send (cross-site or foreign Origin)",
             "open the dashboard itself at http://127.0.0.1:PORT/ and use it there; scripts are served as they are"),
    "E408": ("a prediction file (PRED) has an error line for a gold document, not predictions",
             "fix the cause the error names and run extract again on those documents"),
    "E409": ("a gold document has no line in the prediction file (PRED)",
             "run extract on every document the gold set names (the gold file's ids) and pass that output as PRED"),
    "E500": ("a parameter of an API call is invalid", "see /docs for the parameters of each call"),
    "E501": ("a filter has a value it cannot take", "use one of the values the message lists"),
    "E502": ("the filter's since date is after its until date", "swap the two dates"),
    "E503": ("the store cannot answer the dashboard: it lacks the read model (migration 2) or a query failed",
             "run `moralewatch serve DB` once with write access (it migrates); if a query keeps failing, check the "
             "store"),
    "E599": ("the dashboard met an unexpected error", "report it with the URL that caused it"),
    "E601": ("pyspark is not installed", "pip install 'moralewatch[spark]' (in a clone: make spark-deps)"),
    "E602": ("Spark needs a Java runtime and none was found",
             "install one (Debian: apt-get install openjdk-17-jre-headless; in a clone: make spark-deps) or set "
             "JAVA_HOME"),
    "E603": ("the folder is not the output of moralewatch spark (or of another version of it)",
             "pass the --out folder of a moralewatch spark run made with this version"),
    "E604": ("an input URL's scheme has no Hadoop file system on this Spark (its connector is missing)",
             "add the connector to Spark (--packages or --jars: hadoop-aws for s3a://, the GCS connector for gs://, "
             "hadoop-azure for abfss://), or copy the inputs to a file system Spark reads"),
    "E605": ("the executors' Python cannot write the --out of moralewatch spark (pyarrow has no file system for it)",
             "give --out a local or shared path, or a file://, hdfs:// (libhdfs), s3:// or s3a://, or gs:// URL, "
             "with the credentials pyarrow reads in the executors' environment"),
    "E608": ("Spark's speculative execution is on: a killed duplicate attempt of a task could put back a unit's table "
             "files after they were rewritten",
             "run without it (--conf spark.speculation=false, Spark's default)"),
}


def error(code: str, message: str, fix: str = "") -> MoraleWatchError:
    """The error of ``code`` (one of :data:`ERRORS`) with this message, and the table's fix unless one is given."""
    return MoraleWatchError(code, message, fix or ERRORS[code][1])


#: the statuses of an input's outcome (``outcomes.status``): a ``rejected`` one has a code of :data:`REJECTIONS`
OUTCOME_STATUSES: dict[str, str] = {
    "ok": "the input was analysed and its document stored",
    "duplicate": "the same canonical text is already stored",
    "rejected": "the input yields no document: its code says why and how to fix it",
}

# Rejection codes of inputs: each with the fix a user can apply. Tests and docs read this table.
REJECTIONS: dict[str, tuple[str, str]] = {
    "not_found": ("the input does not exist", "check the path or the glob pattern"),
    "unreadable": ("the input could not be read", "check the file's permissions"),
    "not_a_file": ("the input is not a regular file (a named pipe, socket or device) and was not opened",
                   "pass regular files; copy the data to a file first"),
    "empty": ("the input holds no text", "remove the file, or check that the export that made it succeeded"),
    "binary": ("the input is binary, not text", "pass .txt, .html, .jsonl or .warc[.gz] files"),
    "undecodable": ("the input's character encoding could not be detected",
                    "convert it to UTF-8 (iconv -f ENCODING -t UTF-8)"),
    "too_large": ("the input is larger than the size limit", "split it, or raise --max-bytes"),
    "malformed_json": ("a JSONL line is not valid JSON", "fix or remove the line; each line must be one JSON object"),
    "missing_field": ("a JSONL object lacks a required field", "give every line an \"id\" and a \"text\""),
    "bad_field": ("a JSONL field has the wrong type", "\"id\" must be a string or number, \"text\" a string"),
    "bad_unicode": ("a JSONL string holds a lone surrogate (half of a UTF-16 pair), which is not valid Unicode",
                    "re-export the line as valid UTF-8; a lone surrogate usually comes from text cut inside an emoji"),
    "truncated": ("the compressed input ends early", "re-download or re-export the archive"),
    "malformed_warc": ("the WARC file could not be parsed", "check it with `warcio index FILE`"),
    "no_records": ("the WARC file holds no response, resource or conversion record (only requests, metadata, ...)",
                   "pass the WARC of the crawl's responses; list its records with `warcio index FILE`"),
    "service_message": ("a Telegram service message (a pin, a join, a call, a channel created): no reporting to "
                        "analyse", "nothing to do: service messages are recorded and skipped"),
    "unknown_message": ("a Telegram export's message has a type the export format does not define",
                        "check that the file is a Telegram Desktop JSON export; the other messages are read"),
    "media_only": ("a Telegram message holds no text (a photo, video, voice message or sticker without a caption)",
                   "nothing to do: MoraleWatch reads text; transcribe a video or call to a .srt file to analyse it"),
    "malformed_message": ("a message of a Telegram export is not a valid JSON object",
                          "re-export the chat from Telegram Desktop (Export chat history, format JSON); the other "
                          "messages are read"),
    "truncated_export": ("the Telegram export ends in the middle of its messages (every message before is read)",
                         "re-export the chat from Telegram Desktop, or copy the whole file again"),
    "no_messages": ("the JSON file has no \"messages\" array: it is not a Telegram Desktop export",
                    "pass Telegram Desktop's result.json (Export chat history, format JSON); other JSON goes in as "
                    ".jsonl, one object a line"),
    "no_text": ("no article text could be extracted", "check that the page holds an article, not only navigation"),
    "too_deep": ("the HTML is nested too deeply to parse safely", "simplify the page or extract its text first"),
    "too_complex": ("the HTML has too many elements to parse safely", "extract the page's article text first, or "
                    "split the page"),
    "stage_failed": ("an analysis stage failed on this document", "report the error with the input attached"),
    "timeout": ("the analysis of this input took longer than the time limit",
                "split the input or raise --time-limit"),
    "worker_lost": ("the worker process analysing this input ended unexpectedly, alone on it (killed, or out of "
                    "memory)", "re-run it; with --workers 1 an error in the analysis shows as stage_failed"),
}


def rejection_reason(code: str, detail: str = "") -> str:
    what, fix = REJECTIONS[code]
    return f"{what}{': ' + detail if detail else ''}. Fix: {fix}."
