"""What a web address given in content or on the command line may be (contract §1, §2)."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from generator.problems import visible

# Whitespace and controls: a URL never holds them, and one in base_url would write
# extra lines into robots.txt
NOT_IN_URL = re.compile("[\\s\x00-\x1f\x7f-\x9f]")
# A base URL is written into every page, the sitemap and each QR code (which holds
# at most about 2,900 characters)
MAX_BASE_URL = 1000


def _unsafe(url: str) -> bool:
    """True when url holds whitespace, a control or an invisible format character
    (a zero-width space, a bidirectional override: category Cf)."""
    return bool(NOT_IN_URL.search(url)) or any(
        unicodedata.category(character) == "Cf" for character in url if ord(character) > 127)


def is_web_url(url: str) -> bool:
    if _unsafe(url):
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
    if len(url) > MAX_BASE_URL:
        return f"is {len(url):,} characters long; the most is {MAX_BASE_URL:,}"
    if _unsafe(url):
        return f"must not contain spaces or control characters, found '{visible(url)}'"
    if not is_web_url(url):
        return f"must be an absolute http(s) URL, found '{visible(url)}'"
    parts = urlsplit(url)
    if "@" in parts.netloc:  # not quoted: the password would be published
        return ("must not hold a user name or password (user:password@): every page and "
                "the sitemap would publish it")
    if parts.query or parts.fragment:
        return f"must not have a query or fragment, found '{visible(url)}'"
    return None
