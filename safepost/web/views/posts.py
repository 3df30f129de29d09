"""A post's page (versions, pictures, reviews, publishing, takedown) and the approvals queue."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from safepost.api.deps import db
from safepost.api.responses import clean_copy_response
from safepost.detection.models import CheckResult
from safepost.records.models import Authorization, Post, User
from safepost.web import pictures as web_pictures
from safepost.web.render import result_context, side_by_side
from safepost.web.views.common import ANY, REVIEW_ROLE_OF, csrf_form, need, page
from safepost.workflows import authorizations as authz
from safepost.workflows import posts
from safepost.workflows.errors import NotFound

router = APIRouter(include_in_schema=False)


def _post(session: Session, post_id: int, user: User) -> Post:
    return posts.get_post(session, post_id, user)


@router.get("/posts/{post_id}", response_class=HTMLResponse)
def post_page(
    request: Request, post_id: int, user: User = Depends(need(*ANY)), session: Session = Depends(db)
) -> HTMLResponse:
    post = _post(session, post_id, user)
    version = posts.current_version(post)
    previous = post.versions[-2] if len(post.versions) > 1 else None
    # The result stored with the version is the record reviewers approve; no need to re-run it.
    result = CheckResult.model_validate(version.check_result)
    reviews = posts.approvals(session, version)
    reviewers = {u.id: u.name for u in session.execute(select(User).where(User.org_id == user.org_id)).scalars()}
    auths = [a for a in session.execute(select(Authorization).where(Authorization.org_id == user.org_id)).scalars()]
    linked = session.get(Authorization, post.authorization_id) if post.authorization_id else None
    return page(
        request,
        "post.html",
        post=post,
        version=version,
        previous=previous,
        diff=side_by_side(previous.text, version.text) if previous else None,
        pictures_removed=len(set(previous.media_hashes) - set(version.media_hashes)) if previous else 0,
        pictures_added=len(set(version.media_hashes) - set(previous.media_hashes)) if previous else 0,
        state=posts.review_state(session, post),
        reviews=reviews,
        reviewers=reviewers,
        my_review_roles=sorted({REVIEW_ROLE_OF[r] for r in user.roles if r in REVIEW_ROLE_OF}),
        authorizations=auths,
        linked=linked,
        linked_validity=authz.validity(linked, date.today()) if linked else None,
        pictures=web_pictures.overlays(session, post.org_id, version.media_hashes),
        **result_context(result, version.text),
    )


def _back(post_id: int) -> RedirectResponse:
    return RedirectResponse(f"/posts/{post_id}", status_code=303)


@router.post("/posts/{post_id}/review")
def post_review(
    post_id: int,
    role: Annotated[str, Form()],
    decision: Annotated[str, Form()],
    version: Annotated[int, Form()],
    note: Annotated[str, Form()] = "",
    _: None = Depends(csrf_form),
    user: User = Depends(need("marketing_reviewer", "privacy_reviewer", "privacy_officer", "admin")),
    session: Session = Depends(db),
) -> Response:
    post = posts.get_post(session, post_id, user, lock=True)
    posts.review(session, post, user, role, decision, note or None, version)
    return _back(post_id)


@router.post("/posts/{post_id}/edit")
def post_edit(
    post_id: int,
    text: Annotated[str, Form()],
    keep_media: Annotated[list[str] | None, Form()] = None,
    images: Annotated[list[UploadFile] | None, File()] = None,
    keep_faces: Annotated[bool, Form()] = False,
    _: None = Depends(csrf_form),
    user: User = Depends(need("author", "admin")),
    session: Session = Depends(db),
) -> Response:
    """A new version: the edited text, the pictures left ticked, and any pictures added."""
    post = posts.get_post(session, post_id, user, lock=True)
    version = posts.current_version(post)
    kept = [h for h in version.media_hashes if h in set(keep_media or [])]
    added = web_pictures.upload_all(session, user, images or [], keep_faces)
    posts.edit(session, post, user, text, version.channels, kept + [h for h in added if h not in kept])
    return _back(post_id)


@router.post("/posts/{post_id}/publish")
def post_publish(
    post_id: int,
    channel: Annotated[str, Form()],
    _: None = Depends(csrf_form),
    user: User = Depends(need("marketing_reviewer", "privacy_officer", "admin")),
    session: Session = Depends(db),
) -> Response:
    post = posts.get_post(session, post_id, user, lock=True)
    version = posts.current_version(post)
    # The page publishes what it shows: the approved text and the approved clean copies.
    posts.publish(session, post, user, version.text, channel, date.today(), version.media_hashes)
    return _back(post_id)


@router.post("/posts/{post_id}/link")
def post_link(
    post_id: int,
    authorization_id: Annotated[int, Form()],
    _: None = Depends(csrf_form),
    user: User = Depends(need("privacy_reviewer", "privacy_officer", "admin")),
    session: Session = Depends(db),
) -> Response:
    post = posts.get_post(session, post_id, user, lock=True)
    found = session.get(Authorization, authorization_id)
    if found is None:
        raise NotFound("authorization not found")
    posts.link_authorization(session, post, found, user)
    return _back(post_id)


@router.post("/posts/{post_id}/takedown")
def post_takedown(
    post_id: int,
    reason: Annotated[str, Form()],
    _: None = Depends(csrf_form),
    user: User = Depends(need("marketing_reviewer", "privacy_officer", "admin")),
    session: Session = Depends(db),
) -> Response:
    post = posts.get_post(session, post_id, user, lock=True)
    posts.takedown(session, post, user, reason)
    return _back(post_id)


@router.get("/approvals", response_class=HTMLResponse)
def approvals_page(
    request: Request,
    user: User = Depends(need("marketing_reviewer", "privacy_reviewer", "privacy_officer", "admin")),
    session: Session = Depends(db),
) -> HTMLResponse:
    queue = list(
        session.execute(
            select(Post)
            .where(Post.org_id == user.org_id, Post.status.in_(["in_review", "approved", "rejected"]))
            .order_by(Post.id)
        ).scalars()
    )
    return page(
        request, "approvals.html", queue=[(p, posts.current_version(p), posts.review_state(session, p)) for p in queue]
    )


@router.get("/media/{media_id}/image")
def media_image(
    media_id: int,
    faces: Literal["pixelated", "kept"] = "pixelated",
    user: User = Depends(need(*ANY)),
    session: Session = Depends(db),
) -> Response:
    """A clean copy, exactly the bytes reviewers approve and the post publishes."""
    return clean_copy_response(session, media_id, user, faces)
