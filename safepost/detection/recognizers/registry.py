"""The full set of recognizers, in one place, for the engine and for Presidio users."""

from __future__ import annotations

from safepost.detection.recognizers.account import AccountRecognizer
from safepost.detection.recognizers.age import AgeRecognizer
from safepost.detection.recognizers.base import SafePostRecognizer
from safepost.detection.recognizers.biometric import BiometricRecognizer
from safepost.detection.recognizers.date import PersonDateRecognizer
from safepost.detection.recognizers.device import DeviceRecognizer
from safepost.detection.recognizers.email import EmailAddressRecognizer
from safepost.detection.recognizers.handle import HandleRecognizer
from safepost.detection.recognizers.health import HealthRecognizer
from safepost.detection.recognizers.health_plan import HealthPlanRecognizer
from safepost.detection.recognizers.license import LicenseRecognizer
from safepost.detection.recognizers.location import LocationRecognizer
from safepost.detection.recognizers.mrn import MrnRecognizer
from safepost.detection.recognizers.name import NameRecognizer
from safepost.detection.recognizers.occupation import OccupationRecognizer
from safepost.detection.recognizers.patient_status import PatientStatusRecognizer
from safepost.detection.recognizers.phone import PhoneFaxRecognizer
from safepost.detection.recognizers.room import RoomRecognizer
from safepost.detection.recognizers.ssn import SsnRecognizer
from safepost.detection.recognizers.url import IpAddressRecognizer, WebAddressRecognizer
from safepost.detection.recognizers.vehicle import VehicleRecognizer


def all_recognizers() -> list[SafePostRecognizer]:
    """Every identifier recognizer (names differ from Presidio's own, which it looks up by class name). Patient status depends on who writes the text, so the engine
    runs it separately with the kind and author; it is included here for Presidio users."""
    return [
        PhoneFaxRecognizer(),
        EmailAddressRecognizer(),
        WebAddressRecognizer(),
        IpAddressRecognizer(),
        HandleRecognizer(),
        SsnRecognizer(),
        MrnRecognizer(),
        HealthPlanRecognizer(),
        AccountRecognizer(),
        LicenseRecognizer(),
        VehicleRecognizer(),
        DeviceRecognizer(),
        RoomRecognizer(),
        OccupationRecognizer(),
        BiometricRecognizer(),
        PersonDateRecognizer(),
        AgeRecognizer(),
        NameRecognizer(),
        LocationRecognizer(),
        HealthRecognizer(),
    ]


def presidio_recognizers() -> list[SafePostRecognizer]:
    return [*all_recognizers(), PatientStatusRecognizer()]
