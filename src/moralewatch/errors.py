"""Errors with codes, what went wrong and how to fix it (one place, so messages stay consistent)."""

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
    "no_text": ("no article text could be extracted", "check that the page holds an article, not only navigation"),
    "too_deep": ("the HTML is nested too deeply to parse safely", "simplify the page or extract its text first"),
    "too_complex": ("the HTML has too many elements to parse safely", "extract the page's article text first, or "
                    "split the page"),
    "stage_failed": ("an analysis stage failed on this document", "report the error with the input attached"),
    "worker_lost": ("the worker process analysing this line ended unexpectedly (killed, or out of memory)",
                    "re-run these lines; with --workers 1 an error in the analysis shows as stage_failed"),
}


def rejection_reason(code: str, detail: str = "") -> str:
    what, fix = REJECTIONS[code]
    return f"{what}{': ' + detail if detail else ''}. Fix: {fix}."
