"""Validation of what callers hand to the check: text, kind and author."""

from __future__ import annotations

import re

from safepost.detection.errors import InputError
from safepost.detection.models import Author, Kind

# A social post is at most a few thousand characters; a review thread pasted whole stays well
# under this. Larger input is refused rather than truncated, so that nothing is silently unchecked.
MAX_TEXT_CHARS = 200_000

# C0/C1 control characters other than tab and newlines: they are replaced by spaces (same length,
# so every finding's offsets still index the caller's original text).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

_SURROGATE = re.compile("[\ud800-\udfff]")

DEFAULT_AUTHOR = {
    Kind.POST: Author.ORGANIZATION,
    Kind.REPLY: Author.ORGANIZATION,
    Kind.STAFF_PERSONAL: Author.STAFF,
    Kind.COMMENT: Author.PUBLIC,
    Kind.REVIEW: Author.PUBLIC,
    Kind.DM: Author.PUBLIC,
}


def decode_text(data: bytes | str, *, what: str = "text") -> str:
    """Return ``data`` as text; bytes must be UTF-8 (a BOM is accepted)."""
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{what} is not valid UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r}); "
            "save it as UTF-8 and try again"
        ) from None


def clean_text(text: object) -> str:
    """Validate the text to check and neutralise control characters without moving offsets."""
    if not isinstance(text, str):
        raise InputError(f"text must be a string, not {type(text).__name__}")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"text is {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}. "
            "Split it into the posts or replies it is made of."
        )
    # Lone surrogates (from bytes decoded with 'surrogateescape') cannot be encoded or stored.
    text = _SURROGATE.sub(" ", text)
    return _CONTROL.sub(" ", text)


def parse_kind(kind: object) -> Kind:
    try:
        return Kind(str(kind))
    except ValueError:
        allowed = ", ".join(k.value for k in Kind)
        raise InputError(f"unknown kind {kind!r}; use one of: {allowed}") from None


def parse_author(author: object, kind: Kind) -> Author:
    if author is None:
        return DEFAULT_AUTHOR[kind]
    try:
        return Author(str(author))
    except ValueError:
        allowed = ", ".join(a.value for a in Author)
        raise InputError(f"unknown author {author!r}; use one of: {allowed}") from None
