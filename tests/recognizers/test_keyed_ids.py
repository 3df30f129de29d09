import pytest

from safepost.detection.recognizers.account import AccountRecognizer
from safepost.detection.recognizers.device import DeviceRecognizer
from safepost.detection.recognizers.health_plan import HealthPlanRecognizer
from safepost.detection.recognizers.license import LicenseRecognizer
from safepost.detection.recognizers.mrn import MrnRecognizer
from safepost.detection.recognizers.room import RoomRecognizer
from safepost.detection.recognizers.vehicle import VehicleRecognizer


@pytest.mark.parametrize(
    ("recognizer", "text", "expected"),
    [
        (MrnRecognizer(), "MRN 00482913 for the biopsy", "00482913"),
        (MrnRecognizer(), "her chart #QX-77120 says", "QX-77120"),
        (HealthPlanRecognizer(), "my Aetna member id W9981234 is on file", "W9981234"),
        (AccountRecognizer(), "owe $200 on account #AC-449120", "AC-449120"),
        (LicenseRecognizer(), "my driver's license (D1234567)", "D1234567"),
        (VehicleRecognizer(), "his red Civic (KTX-4410) again", "KTX-4410"),
        (DeviceRecognizer(), "the pump, serial PX-40221, failed", "PX-40221"),
        (RoomRecognizer(), "visiting room 412 tonight", "room 412"),
        (RoomRecognizer(), "the man in bed H-4 waited", "bed H-4"),
    ],
)
def test_keyed_identifier(spans, recognizer, text, expected):
    assert expected in spans(recognizer, text)


def test_keywords_without_codes_are_ignored(spans):
    assert spans(MrnRecognizer(), "your chart is private") == []
    assert spans(AccountRecognizer(), "log in to your account today") == []
    assert spans(RoomRecognizer(), "the waiting room is bright") == []


def test_medicare_mbi_pattern_from_presidio(spans):
    assert spans(HealthPlanRecognizer(), "MBI 1EG4-TE5-MK73 on the card") == ["1EG4-TE5-MK73"]
