"""What a web address given in content or on the command line may be (contract §1, §2)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from generator.problems import visible

# Whitespace, controls and invisible characters: a URL never holds them, and one
# in base_url would write extra lines into robots.txt
NOT_IN_URL = re.compile("[\\s\x00-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff]")


def is_web_url(url: str) -> bool:
    if NOT_IN_URL.search(url):
        return False
    try:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # such as an unclosed [IPv6 address
        return False


# One address after mailto:, as readers' mail programs take it; no list, no headers
MAIL_ADDRESS = re.compile(r"mailto:[^@\s?&,;<>\"]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,63}")


def is_mail_address(address: str) -> bool:
    return bool(MAIL_ADDRESS.fullmatch(address))


def base_url_problem(url: str) -> str | None:
    """Why a base URL cannot be used (contract §1), or None."""
    if NOT_IN_URL.search(url):
        return f"must not contain spaces or control characters, found '{visible(url)}'"
    if not is_web_url(url):
        return f"must be an absolute http(s) URL, found '{url}'"
    parts = urlsplit(url)
    if parts.query or parts.fragment:
        return f"must not have a query or fragment, found '{url}'"
    return None
