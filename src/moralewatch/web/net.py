"""Which addresses are loopback (light: imported by the command line without the web stack)."""

from __future__ import annotations

import ipaddress


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and any loopback address (127.0.0.0/8, ::1), bracketed or not."""
    if host.lower() in ("localhost", "localhost."):
        return True
    bracketed = host.startswith("[") and host.endswith("]")  # an IPv6 address in a URL or a Host header
    try:
        address = ipaddress.ip_address(host[1:-1] if bracketed else host)
    except ValueError:
        return False
    return address.is_loopback and (address.version == 6 or not bracketed)


def host_of(header: str) -> str:
    """The host part of a Host header (``127.0.0.1:8765`` -> ``127.0.0.1``, ``[::1]:80`` -> ``[::1]``)."""
    if header.startswith("["):
        end = header.find("]")
        return header[:end + 1] if end > 0 else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header
