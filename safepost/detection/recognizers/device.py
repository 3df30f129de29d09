"""Device identifiers and serial numbers (implants, pumps, monitors, loaned equipment)."""

from __future__ import annotations

from safepost.detection.recognizers.base import PatternSetRecognizer
from safepost.detection.recognizers.keyed import keyed_pattern


class DeviceRecognizer(PatternSetRecognizer):
    LABELS = ("DEVICE",)
    PATTERNS = (
        keyed_pattern(
            "serial_keyword",
            r"serial(?: number| no| #)?|s/n|sn|device id|imei|udid|mac address|model number"
            r"|implant id|lot",
            "DEVICE",
        ),
    )
