"""The organization profile: its own name, phones, addresses, websites and staff.

Identifiers listed here belong to the organization or its workforce, so the check reports them
with subject ``organization`` or ``staff`` and they never make a text fail.
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from safepost.detection.errors import OrgProfileError

_TITLES = re.compile(
    r"^(?:dr|doctor|nurse|mr|mrs|ms|miss|prof)\.?\s+|,?\s+(?:md|do|rn|np|pa-c|pa|dds|dmd|dpt|"
    r"pt|atc|lcsw|lpc|rdh|phd|psyd)\.?$",
    re.IGNORECASE,
)


def _digits(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    return digits[1:] if len(digits) == 11 and digits.startswith("1") else digits


class OrgProfile(BaseModel):
    """What a deployment configures once about itself."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    phones: list[str] = Field(default_factory=list)
    addresses: list[str] = Field(default_factory=list)
    websites: list[str] = Field(default_factory=list)
    staff: list[str] = Field(default_factory=list)

    @cached_property
    def phone_digits(self) -> frozenset[str]:
        return frozenset(_digits(p) for p in self.phones if _digits(p))

    @cached_property
    def domains(self) -> frozenset[str]:
        out = set()
        for site in self.websites:
            host = re.sub(r"^(?:https?://)?(?:www\.)?", "", site.strip().lower()).split("/")[0]
            if host:
                out.add(host)
        return frozenset(out)

    @cached_property
    def name_phrases(self) -> tuple[str, ...]:
        """The organization's name, its aliases and the distinctive words of its name."""
        phrases = {self.name, *self.aliases}
        return tuple(sorted((p for p in phrases if p.strip()), key=len, reverse=True))

    @cached_property
    def address_phrases(self) -> tuple[str, ...]:
        """Each address and its parts (street line, city), so a street named alone matches."""
        parts: set[str] = set()
        for address in self.addresses:
            parts.add(address.strip())
            pieces = [p.strip() for p in address.split(",") if p.strip()]
            if pieces:
                street = pieces[0]
                parts.add(street)
                # "1200 Harbor Blvd" -> "Harbor Blvd" also names the campus.
                parts.add(re.sub(r"^\d+[A-Za-z]?\s+", "", street))
            if len(pieces) >= 2:
                parts.add(pieces[1])
        return tuple(sorted((p for p in parts if len(p) >= 3), key=len, reverse=True))

    @cached_property
    def staff_names(self) -> frozenset[str]:
        """Lower-cased full names, first names and last names of the staff directory."""
        names: set[str] = set()
        for entry in self.staff:
            bare = _TITLES.sub("", entry.strip()).strip()
            bare = _TITLES.sub("", bare).strip()
            if not bare:
                continue
            names.add(bare.lower())
            tokens = [t for t in re.split(r"\s+", bare) if t]
            for token in tokens:
                if len(token) >= 2:
                    names.add(token.lower().strip("."))
        return frozenset(names)

    def owns_phone(self, text: str) -> bool:
        return _digits(text) in self.phone_digits

    def owns_domain(self, text: str) -> bool:
        low = text.lower()
        return any(domain in low for domain in self.domains)

    def is_staff_name(self, text: str) -> bool:
        bare = _TITLES.sub("", text.strip()).strip().lower().rstrip("'s").strip()
        if not bare:
            return False
        if bare in self.staff_names:
            return True
        tokens = bare.replace(".", " ").split()
        return bool(tokens) and all(t in self.staff_names for t in tokens)


def org_from_mapping(data: Any, *, source: str = "organization profile") -> OrgProfile:
    if not isinstance(data, dict):
        raise OrgProfileError(
            f"{source} must be a mapping with keys name, aliases, phones, addresses, websites, "
            f"staff; got {type(data).__name__}"
        )
    try:
        return OrgProfile.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'profile'}: {err['msg']}" for err in exc.errors()
        )
        raise OrgProfileError(f"{source} is not valid: {problems}") from None


def load_org(path: str | Path) -> OrgProfile:
    """Read an organization profile from a YAML (or JSON) file."""
    file = Path(path)
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise OrgProfileError(f"cannot read organization profile {file}: {exc.strerror}") from None
    try:
        data = yaml.safe_load(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise OrgProfileError(f"organization profile {file} is not UTF-8 text") from None
    except yaml.YAMLError as exc:
        raise OrgProfileError(f"organization profile {file} is not valid YAML: {exc}") from None
    return org_from_mapping(data, source=f"organization profile {file}")


def coerce_org(org: OrgProfile | dict[str, Any] | str | Path | None) -> OrgProfile | None:
    """Accept a profile object, a mapping (as in the benchmark records) or a file path."""
    if org is None or isinstance(org, OrgProfile):
        return org
    if isinstance(org, dict):
        return org_from_mapping(org)
    return load_org(org)
