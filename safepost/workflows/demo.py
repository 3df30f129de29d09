"""A demo organization: users of each role, posts in every state, authorizations valid,
expired and revoked. Used by ``safepost demo`` and the web app's first-run."""

from __future__ import annotations

import io
from datetime import date, timedelta

from PIL import ExifTags, Image, ImageDraw, ImageFont
from sqlalchemy.orm import Session

from safepost.records import audit
from safepost.records.models import Authorization, Organization, Post, User
from safepost.workflows import auth, posts
from safepost.workflows import authorizations as authz
from safepost.workflows import media as pictures

DEMO_PASSWORD = "safepost-demo-password"
DEMO_PROFILE = {
    "name": "Maple Grove Family Dental",
    "aliases": ["Maple Grove Dental", "@maplegrovedental"],
    "phones": ["(555) 010-2000"],
    "addresses": ["410 Orchard Ave, Springdale, OH 45000"],
    "websites": ["maplegrovedental.example.com"],
    "staff": ["Dr. Priya Shah", "Dr. Evan Brooks", "Lena Ortiz"],
}
DEMO_USERS = {
    "author@demo.safepost": ("Avery Author", ["author"]),
    "marketing@demo.safepost": ("Morgan Marketing", ["marketing_reviewer"]),
    "privacy@demo.safepost": ("Pat Privacy", ["privacy_reviewer"]),
    "officer@demo.safepost": ("Olive Officer", ["privacy_officer"]),
    "admin@demo.safepost": ("Adrian Admin", ["admin"]),
}


def _authorization(session: Session, org_id: int, creator: int, name: str, expires: date) -> Authorization:
    a = Authorization(
        org_id=org_id,
        patient_name=name,
        description="before/after photos and first name",
        disclosers="Maple Grove Family Dental",
        recipients="the public on the practice's social accounts",
        purpose="marketing",
        expires_on=expires,
        signed_by=name,
        signed_on=date.today() - timedelta(days=30),
        states_right_to_revoke=True,
        states_no_conditioning=True,
        states_redisclosure=True,
        channels=["instagram", "facebook"],
        created_by=creator,
        created_at=audit.utcnow(),
    )
    authz.register(session, a, creator)
    return a


def seed(session: Session) -> dict[str, str | None]:
    """Create the demo organization; returns each demo user's TOTP secret (None without MFA)."""
    org = Organization(name=DEMO_PROFILE["name"], profile=DEMO_PROFILE, created_at=audit.utcnow())
    session.add(org)
    session.flush()
    users: dict[str, User] = {}
    secrets: dict[str, str | None] = {}
    for email, (name, roles) in DEMO_USERS.items():
        users[email], secrets[email] = auth.create_user(
            session,
            org_id=org.id,
            email=email,
            name=name,
            password=DEMO_PASSWORD,
            roles=roles,
            actor_id=None,
        )
    author, marketing, privacy = (users[e] for e in list(DEMO_USERS)[:3])
    officer = users["officer@demo.safepost"]
    today = date.today()

    def approve_both(post: Post) -> None:
        for reviewer, role in ((marketing, "marketing"), (privacy, "privacy")):
            posts.review(session, post, reviewer, role, "approve", None, 1)

    valid = _authorization(session, org.id, officer.id, "Jordan Lee", today + timedelta(days=365))
    _authorization(session, org.id, officer.id, "Sam Rivera", today - timedelta(days=1))
    revoked = _authorization(session, org.id, officer.id, "Casey Morgan", today + timedelta(days=365))

    posts.create(
        session,
        author,
        "Brush twice a day and floss once: your gums will thank you! Questions? (555) 010-2000.",
        "post",
        ["instagram"],
        [],
    )
    rejected = posts.create(
        session,
        author,
        "Thanks for visiting us yesterday, Taylor! Hope the new crown feels great.",
        "reply",
        ["facebook"],
        [],
    )
    posts.review(
        session,
        rejected,
        privacy,
        "privacy",
        "reject",
        "Confirms a visit and a procedure; use the approved reply template.",
        1,
    )
    published = posts.create(
        session,
        author,
        "We're closed Thursday for Thanksgiving. Emergencies: (555) 010-2000.",
        "post",
        ["instagram"],
        [],
    )
    approve_both(published)
    posts.publish(session, published, marketing, posts.current_version(published).text, "instagram", today)
    for name, auth_row in (("Jordan", valid), ("Casey", revoked)):
        story = posts.create(
            session,
            author,
            f"Patient spotlight: {name} finished braces this month! Thank you for letting us share your smile journey.",
            "post",
            ["instagram"],
            [],
        )
        posts.link_authorization(session, story, auth_row, officer)
        approve_both(story)
        posts.publish(session, story, marketing, posts.current_version(story).text, "instagram", today)
    approved = posts.create(
        session,
        author,
        "Flu shot clinic every Saturday in October, 9am to noon. Walk-ins welcome!",
        "post",
        ["facebook"],
        [],
    )
    approve_both(approved)
    taken_down = posts.create(
        session,
        author,
        "Our office will open late on Monday at 10am. Thanks for your patience!",
        "post",
        ["instagram"],
        [],
    )
    approve_both(taken_down)
    posts.publish(session, taken_down, marketing, posts.current_version(taken_down).text, "instagram", today)
    posts.takedown(session, taken_down, officer, "the opening time changed")
    authz.revoke(session, revoked, "patient asked to withdraw consent", officer.id)
    authz.sweep(session, org.id, today, officer.id)
    # A picture with a patient's row on the whiteboard: the post page shows what was covered.
    picture = pictures.upload(session, author, _whiteboard_photo(), "front-desk-board.jpg")
    posts.create(
        session,
        author,
        "Our front desk got a makeover! Come see the new check-in area.",
        "post",
        ["instagram"],
        [picture.clean_sha256],
    )
    return secrets


def _whiteboard_photo() -> bytes:
    """A made-up front-desk whiteboard: one patient row among ordinary notices, with GPS in the EXIF."""
    image = Image.new("RGB", (1200, 520), (246, 247, 250))
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=44)
    lines = [f"Welcome to {DEMO_PROFILE['name']}!", "10:30  Riley Novak  root canal", "Please silence your phone"]
    for row, line in enumerate(lines):
        draw.text((60, 60 + 150 * row), line, fill=(25, 25, 35), font=font)
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "DemoPhone"
    exif[ExifTags.Base.GPSInfo] = {1: "N", 2: (40.0, 26.0, 46.0), 3: "W", 4: (79.0, 58.0, 56.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()
