"""Descriptions of biometric identifiers: fingerprints, voiceprints, retina and face scans,
and recordings of a person's voice."""

from __future__ import annotations

from safepost.detection.recognizers.base import PatternSetRecognizer, compile_pattern


class BiometricRecognizer(PatternSetRecognizer):
    LABELS = ("BIOMETRIC",)
    PATTERNS = (
        compile_pattern(
            "biometric_term",
            r"\b(?:(?:his|her|their|my|the patient'?s)\s)?(?:finger ?prints?|voice ?prints?|voice memo|voice message"
            r"|voicemail recording|voice recording|retina(?:l)? scans?|iris scans?|face ?scans?|palm ?prints?"
            r"|dna (?:sample|profile|test))\b",
            "BIOMETRIC",
            0.8,
        ),
    )
