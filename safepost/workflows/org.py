"""The organization's profile (its names, phones, addresses and staff) for checks in a workflow."""

from __future__ import annotations

from sqlalchemy.orm import Session

from safepost.detection.org import OrgProfile
from safepost.records.models import Organization


def org_profile(session: Session, org_id: int) -> OrgProfile | None:
    org = session.get(Organization, org_id)
    if org is None or not org.profile:
        return None
    return OrgProfile.model_validate(org.profile)
