"""Web addresses (with or without a scheme) and IP addresses."""

from __future__ import annotations

import ipaddress

from safepost.detection.recognizers.base import PatternSetRecognizer, compile_pattern

# Top-level domains common in social text; a bare "word.word" is only a URL with one of these,
# so that "e.g." or a missing space after a full stop is not taken for a site.
_TLDS = "com|org|net|edu|gov|io|co|us|info|me|ly|health|care|app|ca|uk|biz|ai|tv|gl|gd|link|page|site"


def _valid_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


class WebAddressRecognizer(PatternSetRecognizer):
    LABELS = ("URL",)
    PATTERNS = (
        compile_pattern("url_with_scheme", r"\bhttps?://[^\s<>\"')]+[^\s<>\"').,!?;:]", "URL", 0.9),
        compile_pattern(
            "url_bare_domain",
            rf"(?<![@\w.-])(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:{_TLDS})\b"
            r"(?:/[^\s<>\"')]*[^\s<>\"').,!?;:])?",
            "URL",
            0.8,
        ),
    )


class IpAddressRecognizer(PatternSetRecognizer):
    LABELS = ("IP",)
    PATTERNS = (
        compile_pattern("ipv4", r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])", "IP", 0.9, validate=_valid_ip),
        compile_pattern(
            "ipv6",
            r"(?<![\w:])(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{1,4}(?![\w:])",
            "IP",
            0.8,
            validate=_valid_ip,
        ),
    )
