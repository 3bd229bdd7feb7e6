"""Telegram Desktop's JSON export (``result.json``) as inputs: one raw input per message, or per album (messages
that share a ``grouped_id``), for every chat or channel in the file.

The file is streamed, never held: a bounded incremental decoder finds each ``"messages": [`` array and decodes its
elements one at a time with :meth:`json.JSONDecoder.raw_decode` over a buffer that holds one message (a message
longer than the size limit is ``too_large`` and skipped to the next message). A 200 MB export reads in the memory of
its largest message. Parsing never raises and never stops the run: a service message (a pin, a join, a call) is
``service_message``, a message of a type the export format does not define is ``unknown_message``, a message
without text (a photo without a caption) is ``media_only``, an element that is not valid JSON is
``malformed_message`` (the reader resumes at the next message), and an export that ends in the middle of a message
is ``truncated_export`` (every message before it is read). A file with no messages array is ``no_messages``. An
album is one input up to the size limit: a longer run of messages sharing a ``grouped_id`` (a real album holds at
most ten) is cut into inputs of at most the limit (session 13: 200,000 messages of one group took minutes, quadratic).

A message's text is a string or a list of plain strings and entity objects (``{"type": "link", "text": ...}``):
they are concatenated; links, hashtags, mentions and bold or italic runs are kept in the input's metadata with their
offsets in the text. The metadata keep the chat, the message id, its date (and ``edited``), author, the message it
replies to and, for a forward, its first source (``forwarded_from``) and the ``via`` chain (the channel that
forwarded it).
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..lexicons import compile_regex
from .raw import RawInput, reject, sha, storable

CHUNK = 1 << 20
#: what is kept of the text between messages arrays to read the chat's name, type and id from
HEADER_KEEP = 1 << 16
_MESSAGES = compile_regex(r'"messages"\s*:\s*\[')
_NAME = compile_regex(r'"name"\s*:\s*("(?:[^"\\]|\\.)*"|null)')
_TYPE = compile_regex(r'"type"\s*:\s*"(\w+)"')
_ID = compile_regex(r'"id"\s*:\s*(-?\d+)')
#: where the next message starts: a comma, then an object whose first key is "id" (an unescaped quote cannot be
#: inside a JSON string, so this never matches inside a message's text)
_NEXT = compile_regex(r',\s*(?=\{\s*"id"\s*:)')
_WS = " \t\r\n,"
MESSAGE_TYPES = frozenset({"message", "service"})
#: entity types kept as metadata (with their offsets in the concatenated text)
KEPT_ENTITIES = frozenset({"link", "text_link", "hashtag", "mention", "mention_name", "email", "phone",
                           "cashtag", "bot_command"})


class _Stream:
    """A text buffer over a binary stream, filled on demand (UTF-8, bad bytes replaced and counted)."""

    def __init__(self, fh: BinaryIO) -> None:
        self.fh = fh
        self.dec = codecs.getincrementaldecoder("utf-8")("replace")
        self.buf = ""
        self.pos = 0
        self.eof = False

    def fill(self) -> bool:
        if self.eof:
            return False
        data = self.fh.read(CHUNK)
        if not data:
            self.eof = True
            self.buf += self.dec.decode(b"", final=True)
            return False
        if self.pos > CHUNK:
            self.buf, self.pos = self.buf[self.pos:], 0
        self.buf += self.dec.decode(data)
        return True

    def skip_ws(self) -> str | None:
        """The next character that is not white space or a comma (not consumed), None at the end."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in _WS:
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.fill():
                return None


def message_text(value: Any) -> tuple[str, list[dict[str, Any]]]:
    """The text of a message's ``text`` (a string, or a list of strings and entity objects) and its kept entities
    with their offsets in that text."""
    if isinstance(value, str):
        return value, []
    if not isinstance(value, list):
        return "", []
    parts: list[str] = []
    entities: list[dict[str, Any]] = []
    pos = 0
    for item in value:
        if isinstance(item, str):
            t = item
            kind = None
            href = None
        elif isinstance(item, dict) and isinstance(item.get("text"), str):
            t = item["text"]
            kind = item.get("type") if isinstance(item.get("type"), str) else None
            href = item.get("href") if isinstance(item.get("href"), str) else None
        else:
            continue
        if kind in KEPT_ENTITIES:
            ent = {"type": kind, "text": t, "start": pos, "end": pos + len(t)}
            if href:
                ent["href"] = href
            entities.append(ent)
        parts.append(t)
        pos += len(t)
    return "".join(parts), entities


def _str(v: Any) -> str | None:
    return storable(v) if isinstance(v, str) else str(v) if isinstance(v, int) and not isinstance(v, bool) else None


def _meta(chat: dict[str, Any], msgs: list[dict[str, Any]], entities: list[dict[str, Any]]) -> dict[str, Any]:
    first = msgs[0]
    forwarded = _str(first.get("forwarded_from")) or _str(first.get("saved_from"))
    author = _str(first.get("author")) or _str(first.get("from"))
    via: list[str] = []
    if forwarded and chat.get("name"):
        via = [chat["name"]]  # the forward reached us through this chat; the text is the first source's
    meta: dict[str, Any] = {
        "chat": chat.get("name"), "chat_type": chat.get("type"), "chat_id": chat.get("id"),
        "message_ids": [m.get("id") for m in msgs], "date": _str(first.get("date")),
        "edited": _str(first.get("edited")), "author": author, "from_id": _str(first.get("from_id")),
        "reply_to": first.get("reply_to_message_id") if isinstance(first.get("reply_to_message_id"), int) else None,
        "forwarded_from": forwarded, "first_source": forwarded or author or chat.get("name"), "via": via,
        "entities": entities,
        "links": [e.get("href") or e["text"] for e in entities if e["type"] in ("link", "text_link")],
        "hashtags": [e["text"] for e in entities if e["type"] == "hashtag"],
    }
    if first.get("grouped_id") is not None:
        meta["grouped_id"] = _str(first.get("grouped_id"))
    media = [m.get("media_type") or ("photo" if "photo" in m else "file" if "file" in m else None) for m in msgs]
    if any(media):
        meta["media"] = [x for x in media if x]
    return {k: v for k, v in meta.items() if v not in (None, [], "")}


def _locator(chat: dict[str, Any], ids: list[Any]) -> str:
    where = f"chat {chat['id']} " if chat.get("id") is not None else ""
    if len(ids) > 1:
        return f"{where}album of messages {ids[0]}-{ids[-1]}"
    return f"{where}message {ids[0]}"


def _message_input(source: str, chat: dict[str, Any], msgs: list[dict[str, Any]], blob: bytes) -> RawInput:
    ids = [m.get("id") for m in msgs]
    raw = RawInput(source, _locator(chat, ids), "telegram", sha=sha(blob), size=len(blob))
    texts: list[str] = []
    entities: list[dict[str, Any]] = []
    offset = 0
    for m in msgs:
        t, ents = message_text(m.get("text"))
        if not t.strip():
            continue
        if texts:
            offset += 2
        for e in ents:
            e["start"] += offset
            e["end"] += offset
        entities += ents
        texts.append(t)
        offset += len(t)
    text = "\n\n".join(texts)
    raw.meta = {"telegram": _meta(chat, msgs, entities)}
    if not text.strip():
        what = raw.meta["telegram"].get("media") or ["no text"]
        raw.error = reject("media_only", ", ".join(map(str, what[:5])))
        return raw
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        raw.error = ("malformed_message", f"the text holds a lone surrogate \\u{ord(text[e.start]):04x} at character "
                                    f"{e.start:,}")
        return raw
    raw.text = text
    return raw


def telegram_inputs(source: str, fh: BinaryIO, max_bytes: int) -> Iterator[RawInput]:
    """A raw input for every message (or album) of every chat in a Telegram export. Never raises."""
    s = _Stream(fh)
    decoder = json.JSONDecoder()
    header = ""
    given = arrays = 0
    while True:  # between messages arrays: look for the next one
        m = _MESSAGES.search(s.buf, s.pos)
        if m is None:
            keep = max(s.pos, len(s.buf) - 32)  # a key cut between two chunks is searched again after the next
            header = (header + s.buf[s.pos:keep])[-HEADER_KEEP:]
            s.pos = keep
            if not s.fill():
                break
            continue
        header = (header + s.buf[s.pos:m.start()])[-HEADER_KEEP:]
        s.pos = m.end()
        chat = _chat_of(header)
        header = ""
        arrays += 1
        for raw in _messages(source, s, decoder, chat, max_bytes):
            given += 1
            yield raw
    if not given:
        if arrays:
            yield RawInput(source, format="telegram", error=("empty", f"{arrays} empty messages arrays"))
        else:
            yield RawInput(source, format="telegram", error=(
                "no_messages", "no \"messages\" array: not a Telegram Desktop JSON export (result.json)"))


def _chat_of(header: str) -> dict[str, Any]:
    chat: dict[str, Any] = {}
    names = list(_NAME.finditer(header))
    if names:
        try:
            chat["name"] = storable(json.loads(names[-1].group(1)) or "") or None
        except ValueError:
            pass
    types = list(_TYPE.finditer(header))
    if types:
        chat["type"] = types[-1].group(1)
    ids = list(_ID.finditer(header))
    if ids:
        chat["id"] = int(ids[-1].group(1))
    return chat


def _messages(source: str, s: _Stream, decoder: json.JSONDecoder, chat: dict[str, Any],
              max_bytes: int) -> Iterator[RawInput]:
    """The messages of one array, up to its closing bracket (or the end of the input)."""
    album: list[dict[str, Any]] = []
    album_blobs: list[bytes] = []  # joined once, when the album is given (appending to one bytes was quadratic)
    album_size = 0
    last_id: Any = None

    def where() -> str:
        return f"after message {last_id}" if last_id is not None else "at the first message"

    def flush() -> Iterator[RawInput]:
        nonlocal album, album_blobs, album_size
        if album:
            yield _message_input(source, chat, album, b"".join(album_blobs))
        album, album_blobs, album_size = [], [], 0

    while True:
        ch = s.skip_ws()
        if ch is None:
            yield from flush()
            yield RawInput(source, f"{_locator_chat(chat)}{where()}", "telegram", error=(
                "truncated_export", f"the file ends inside the messages array, {where()}"))
            return
        if ch == "]":
            s.pos += 1
            yield from flush()
            return
        start = s.pos
        try:
            obj, end = decoder.raw_decode(s.buf, s.pos)
        except RecursionError:
            obj, end = None, -1
            err = "JSON nested too deeply to read"
        except json.JSONDecodeError as e:
            # an error in the last characters read may be a message cut by the chunk: read more and decode again
            incomplete = e.pos >= len(s.buf) - 64 or e.msg.startswith("Unterminated string")
            if incomplete and not s.eof:
                if len(s.buf) - start > max_bytes:
                    yield from flush()
                    yield RawInput(source, f"{_locator_chat(chat)}{where()}", "telegram", error=(
                        "too_large", f"a message {where()} is longer than the limit {max_bytes:,} bytes"))
                    if not _resync(s):
                        return
                    continue
                s.fill()
                continue
            if incomplete:
                yield from flush()
                yield RawInput(source, f"{_locator_chat(chat)}{where()}", "telegram", error=reject(
                    "truncated_export", f"the file ends inside a message, {where()}"))
                return
            obj, end = None, -1
            err = f"{e.msg} at character {e.pos - start:,} of the message"
        if end < 0:
            yield from flush()
            yield RawInput(source, f"{_locator_chat(chat)}{where()}", "telegram",
                           error=reject("malformed_message", f"{where()}: {err}"))
            if not _resync(s):
                return
            continue
        blob = s.buf[start:end].encode("utf-8", "surrogatepass")
        s.pos = end
        if not isinstance(obj, dict):
            yield from flush()
            yield RawInput(source, f"{_locator_chat(chat)}{where()}", "telegram", error=(
                "malformed_message", f"{where()}: a JSON {type(obj).__name__}, not a message object"))
            continue
        mid = obj.get("id")
        last_id = mid if isinstance(mid, (int, str)) and not isinstance(mid, bool) else last_id
        loc = _locator(chat, [mid])
        if len(blob) > max_bytes:
            yield from flush()
            yield RawInput(source, loc, "telegram", size=len(blob), error=(
                "too_large", f"{len(blob):,} bytes > limit {max_bytes:,}"))
            continue
        kind = obj.get("type")
        if kind not in MESSAGE_TYPES:
            yield from flush()
            yield RawInput(source, loc, "telegram", sha=sha(blob), size=len(blob), error=reject(
                "unknown_message", f"type {str(kind)[:40]!r}"))
            continue
        if kind == "service":
            yield from flush()
            action = obj.get("action")
            yield RawInput(source, loc, "telegram", sha=sha(blob), size=len(blob), error=reject(
                "service_message", f"action {str(action)[:60]!r}" if action else ""))
            continue
        group = obj.get("grouped_id")
        if album and (group is None or album[0].get("grouped_id") != group or album_size + len(blob) > max_bytes):
            yield from flush()  # an "album" of more than the limit (Telegram's hold ten messages) is cut there
        album.append(obj)
        album_blobs.append(blob)
        album_size += len(blob)
        if group is None:
            yield from flush()


def _locator_chat(chat: dict[str, Any]) -> str:
    return f"chat {chat['id']} " if chat.get("id") is not None else ""


def _resync(s: _Stream) -> bool:
    """Move to the start of the next message after a bad one; False when there is none."""
    while True:
        m = _NEXT.search(s.buf, s.pos + 1)
        if m:
            s.pos = m.end()
            return True
        if s.eof:  # no next message in this array: the caller looks for the next chat's array
            return False
        s.pos = max(s.pos, len(s.buf) - 64)
        s.fill()


__all__ = ["MESSAGE_TYPES", "message_text", "telegram_inputs"]
