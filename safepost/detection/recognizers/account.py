"""Account, invoice, billing and claim numbers."""

from __future__ import annotations

from safepost.detection.recognizers.base import PatternSetRecognizer
from safepost.detection.recognizers.keyed import keyed_pattern


class AccountRecognizer(PatternSetRecognizer):
    LABELS = ("ACCOUNT",)
    PATTERNS = (
        keyed_pattern(
            "account_keyword",
            r"account|acct|invoice|billing(?: id| number| #)?|statement|claim|bill|receipt"
            r"|confirmation|case",
            "ACCOUNT",
        ),
    )
