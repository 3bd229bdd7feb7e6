"""Which files the inputs name: paths, directories (recursive), globs and ``-`` (stdin).

Discovery never blocks and never loops: only regular files are read (a FIFO, socket or device gets the outcome
``not_a_file`` and is never opened), every real directory is visited once (symbolic links are followed, but a
directory already seen by its ``(st_dev, st_ino)`` is not entered again, so a link loop ends), a folder that cannot
be listed gets the outcome ``unreadable``, and a file is one input however it is named (``corpus`` and
``./corpus``, a link and its target): it is identified by its resolved path.
"""

from __future__ import annotations

import fnmatch
import glob
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .raw import display_path, reject


@dataclass(frozen=True, slots=True)
class Found:
    """One input file (or the reason there is none): ``path`` to open, ``source`` to name it by (its resolved
    path, storable), ``kind`` (txt, html, jsonl, warc, telegram, srt, vtt, stdin), ``gz`` when gzip-compressed."""

    path: str
    source: str
    kind: str | None = None
    gz: bool = False
    error: tuple[str, str] | None = None


def kind_of(path: str) -> tuple[str | None, bool]:
    """``(kind, gzipped)`` from a file name; kind None for names ingest does not read in a directory."""
    low = path.lower()
    gz = low.endswith(".gz")
    if gz:
        low = low[:-3]
    if low.endswith(".warc"):
        return "warc", gz
    ext = os.path.splitext(low)[1]
    if ext in (".html", ".htm"):
        return "html", gz
    if ext in (".jsonl", ".ndjson"):
        return "jsonl", gz
    if ext in (".txt", ".text"):
        return "txt", gz
    if ext == ".md":  # scraped pages saved as markdown: link and emphasis marks are read
        return "md", gz
    if ext == ".json":  # Telegram Desktop's export (result.json)
        return "telegram", gz
    if ext in (".srt", ".vtt"):
        return ext[1:], gz
    return None, gz


_KINDS = {stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a character device",
          stat.S_IFBLK: "a block device"}


class _Walk:
    """One discovery: the directories and files already seen, so that nothing is visited or yielded twice."""

    def __init__(self) -> None:
        self.dirs: set[tuple[int, int]] = set()
        self.files: set[str] = set()

    def file(self, path: str, kind: str | None, gz: bool) -> Iterator[Found]:
        try:
            st = os.stat(path)
        except FileNotFoundError:
            yield Found(path, display_path(os.path.abspath(path)), error=reject(
                "not_found", f"{display_path(path)} (a symbolic link to a missing file)"))
            return
        except OSError as e:
            yield Found(path, display_path(os.path.abspath(path)), error=reject("unreadable", _os_error(e)))
            return
        real = os.path.realpath(path)
        if real in self.files:
            return
        self.files.add(real)
        source = display_path(real)
        if not stat.S_ISREG(st.st_mode):
            what = _KINDS.get(stat.S_IFMT(st.st_mode), "not a regular file")
            yield Found(path, source, kind, gz, error=reject("not_a_file", f"{display_path(path)} is {what}"))
            return
        yield Found(path, source, kind or "txt", gz)

    def directory(self, path: str) -> Iterator[Found]:
        """Files in ``path`` (sorted, files before subfolders, as os.walk gives them), then its subfolders."""
        try:
            st = os.stat(path)
            if (st.st_dev, st.st_ino) in self.dirs:
                return
            self.dirs.add((st.st_dev, st.st_ino))
            with os.scandir(path) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as e:
            real = os.path.realpath(path)
            yield Found(path, display_path(real), error=reject("unreadable", f"folder: {_os_error(e)}"))
            return
        subdirs = []
        for entry in entries:
            try:
                is_dir = entry.is_dir()  # follows links: a link loop is stopped by self.dirs
            except OSError:
                is_dir = False
            if is_dir:
                subdirs.append(entry.path)
                continue
            kind, gz = kind_of(entry.name)
            if kind:
                yield from self.file(entry.path, kind, gz)
        for sub in subdirs:
            yield from self.directory(sub)

    def pattern(self, pat: str) -> Iterator[Found]:
        if "**" in pat:
            matches = self._recursive_glob(pat)
        else:  # no recursion: finite even over link loops
            matches = sorted(glob.glob(pat))
        if not matches:
            yield Found(pat, display_path(pat), error=reject("not_found", display_path(pat)))
        for m in matches:
            if os.path.isdir(m):
                yield from self.directory(m)
            else:
                yield from self.file(m, *_named_kind(m))

    def _recursive_glob(self, pat: str) -> list[str]:
        """``glob(pat, recursive=True)`` that visits each real directory once (``**`` over a link loop ends)."""
        parts = pat.split("/")
        i = next(n for n, p in enumerate(parts) if glob.has_magic(p))
        base_parts, rest = parts[:i], parts[i:]
        base = "/".join(base_parts) or ("/" if base_parts else ".")
        out: list[str] = []
        seen: set[tuple[int, int]] = set()

        def walk(d: str, rel: list[str]) -> None:
            try:
                st = os.stat(d)
                if (st.st_dev, st.st_ino) in seen:
                    return
                seen.add((st.st_dev, st.st_ino))
                with os.scandir(d) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError:
                return
            for e in entries:
                r = rel + [e.name]
                if _match(r, rest):
                    out.append(e.path if base_parts else os.path.join(*r))
                try:
                    if e.is_dir() and _could_match(r, rest):
                        walk(e.path, r)
                except OSError:
                    pass

        walk(base, [])
        return sorted(set(out))


def _named_kind(path: str) -> tuple[str | None, bool]:
    return kind_of(path)


def _hidden(name: str, pat: str) -> bool:
    return name.startswith(".") and not pat.startswith(".")  # glob's rule: wildcards skip hidden names


def _match(names: list[str], pats: list[str]) -> bool:
    if not pats:
        return not names
    if pats[0] == "**":
        for k in range(len(names) + 1):
            if k and _hidden(names[k - 1], "**"):
                return False
            if _match(names[k:], pats[1:]):
                return True
        return False
    if not names or _hidden(names[0], pats[0]):
        return False
    return fnmatch.fnmatchcase(names[0], pats[0]) and _match(names[1:], pats[1:])


def _could_match(names: list[str], pats: list[str]) -> bool:
    """Whether a path below ``names`` could still match ``pats``."""
    if not pats:
        return False
    if pats[0] == "**" or not names:
        return True
    if _hidden(names[0], pats[0]):
        return False
    return fnmatch.fnmatchcase(names[0], pats[0]) and _could_match(names[1:], pats[1:])


def _os_error(e: OSError) -> str:
    name = e.filename if isinstance(e.filename, str) else ""
    return f"{e.strerror or type(e).__name__}{': ' + display_path(name) if name else ''}"


def expand(paths: Iterable[str | Found]) -> Iterator[Found]:
    """Every input file named by ``paths``, each once, in a stable order. A path that matches nothing, a folder
    that cannot be listed and anything that is not a regular file are yielded with an ``error``. A :class:`Found`
    (an input already discovered) is passed on as it is, not looked up again."""
    walk = _Walk()
    for p in paths:
        if isinstance(p, Found):
            yield p
            continue
        if p == "-":
            yield Found("-", "-", "stdin")
            continue
        try:
            st = os.stat(p)
        except FileNotFoundError:
            yield from walk.pattern(p) if glob.has_magic(p) else \
                [Found(p, display_path(p), error=reject("not_found", display_path(p)))]
            continue
        except OSError as e:
            yield Found(p, display_path(os.path.abspath(p)), error=reject("unreadable", _os_error(e)))
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from walk.directory(p)
        else:
            yield from walk.file(p, *_named_kind(p))
