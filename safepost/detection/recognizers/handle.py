"""Social-media handles and profile mentions (``@jamie_runs``)."""

from __future__ import annotations

from safepost.detection.recognizers.base import PatternSetRecognizer, compile_pattern


class HandleRecognizer(PatternSetRecognizer):
    LABELS = ("HANDLE",)
    PATTERNS = (
        compile_pattern(
            "at_mention",
            r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?",
            "HANDLE",
            0.9,
        ),
    )
