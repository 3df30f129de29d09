"""Verdicts: the policy rules applied to the facts detection found, with reasons, redaction and
a safer rewrite. Sits above detection; nothing in detection imports it."""

from safepost.verdict.check import check, check_batch, check_record

__all__ = ["check", "check_batch", "check_record"]
