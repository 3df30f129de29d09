"""One recognizer per identifier family, each a Presidio ``EntityRecognizer``.

A Presidio user can add any of them to their own ``AnalyzerEngine`` registry; SafePost's own
engine calls :meth:`SafePostRecognizer.find` directly on one shared spaCy ``Doc``.
"""

from safepost.detection.recognizers.registry import all_recognizers

__all__ = ["all_recognizers"]
