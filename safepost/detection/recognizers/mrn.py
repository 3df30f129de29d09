"""Medical record numbers, chart numbers and patient IDs."""

from __future__ import annotations

from safepost.detection.recognizers.base import PatternSetRecognizer
from safepost.detection.recognizers.keyed import keyed_pattern


class MrnRecognizer(PatternSetRecognizer):
    LABELS = ("MRN",)
    PATTERNS = (
        keyed_pattern(
            "mrn_keyword",
            r"mrn|medical record(?: number| no| #)?|chart(?: number| no| #)?|patient id|pt id"
            r"|patient number|record number|record #|hospital number|encounter(?: id| number)?",
            "MRN",
        ),
    )
