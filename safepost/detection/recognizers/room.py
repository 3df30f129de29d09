"""Room, bed and bay numbers and wristband codes: unique identifying numbers (OTHER_ID)."""

from __future__ import annotations

import re

from safepost.detection.recognizers.base import PatternSetRecognizer, compile_pattern


class RoomRecognizer(PatternSetRecognizer):
    LABELS = ("OTHER_ID",)
    PATTERNS = (
        compile_pattern(
            "room_or_bed",
            r"\b(?:room|rm|bed|bay|cubicle|stall|crib|isolette|pod)\.?\s?#?\s?"
            r"[A-Z]?-?\d{1,4}[A-Z]?\b",
            "OTHER_ID",
            0.85,
        ),
        compile_pattern(
            "room_after_name",
            # "Mr. Patel in 314": a bare 3-4 digit number right after a titled name and "in".
            r"\b(?:Mr|Mrs|Ms|Miss)\.?\s[A-Z][a-z]+\s(?:in|from)\s(?P<room>\d{3,4}[A-Z]?)\b",
            "OTHER_ID",
            0.75,
            group="room",
            flags=0,
        ),
        compile_pattern(
            "wristband_code",
            r"\b(?:wristband|armband|band|badge|tag|code|barcode)\s?#?:?\s?(?=[A-Z0-9-]*\d)"
            r"[A-Z0-9-]{4,}\b",
            "OTHER_ID",
            0.8,
            flags=re.IGNORECASE,
        ),
    )
