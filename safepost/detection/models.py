"""Typed results of a check. These are the public shapes of the library, CLI and API."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field, field_validator


class Kind(StrEnum):
    POST = "post"
    REPLY = "reply"
    STAFF_PERSONAL = "staff_personal"
    COMMENT = "comment"
    REVIEW = "review"
    DM = "dm"

    @property
    def written_by_public(self) -> bool:
        return self in (Kind.COMMENT, Kind.REVIEW, Kind.DM)


class Author(StrEnum):
    ORGANIZATION = "organization"
    STAFF = "staff"
    PUBLIC = "public"


class Subject(StrEnum):
    """Whose identifier a finding is. Only ``patient`` (and ``unknown``) are treated as PHI."""

    PATIENT = "patient"
    STAFF = "staff"
    ORGANIZATION = "organization"
    PUBLIC = "public"
    UNKNOWN = "unknown"

    @property
    def is_phi(self) -> bool:
        return self in (Subject.PATIENT, Subject.UNKNOWN)


class Verdict(StrEnum):
    PASS = "pass"
    AUTHORIZE = "authorize"
    REVISE = "revise"
    ROUTE = "route"
    HIDE = "hide"


LABELS: tuple[str, ...] = (
    "NAME",
    "HANDLE",
    "LOCATION",
    "DATE",
    "AGE",
    "PHONE",
    "FAX",
    "EMAIL",
    "SSN",
    "MRN",
    "HEALTH_PLAN",
    "ACCOUNT",
    "LICENSE",
    "VEHICLE",
    "DEVICE",
    "URL",
    "IP",
    "BIOMETRIC",
    "OTHER_ID",
    "HEALTH",
    "PATIENT_STATUS",
)


class Finding(BaseModel):
    """One span of the text that is an identifier, a health detail or a patient-status statement."""

    start: int = Field(ge=0, description="Python str offset, inclusive")
    end: int = Field(ge=0, description="Python str offset, exclusive")
    text: str
    label: str
    subject: Subject
    confidence: float = Field(ge=0.0, le=1.0)
    rule: str = Field(description="the recognizer rule that fired")
    explanation: str = Field(description="plain-language reason a person can act on")
    citation: str = Field(description="the regulation the finding rests on")

    @field_validator("label")
    @classmethod
    def _known_label(cls, label: str) -> str:
        if label not in LABELS:
            raise ValueError(f"unknown label {label!r}; the spec's labels are {', '.join(LABELS)}")
        return label

    @property
    def is_phi(self) -> bool:
        return self.subject.is_phi


class CheckResult(BaseModel):
    """The outcome of checking one text."""

    verdict: Verdict
    kind: Kind
    author: Author
    findings: list[Finding]
    reasons: list[str] = Field(description="why the verdict, each with its rule and citation")
    redacted_text: str
    suggested_rewrite: str | None = Field(
        default=None, description="a safer text to publish instead, where one applies"
    )
    detector_version: str

    @property
    def phi_findings(self) -> list[Finding]:
        return [f for f in self.findings if f.is_phi]
