"""The whole path a marketing coordinator and a privacy officer take, in a real browser:
sign in with MFA, compose a reply that confirms patient status, see it flagged, apply the safe
rewrite, submit, approve in two other sessions, publish, revoke an authorization and see its
post flagged, verify the audit chain. Screenshots of each main page go to build/screenshots."""

from __future__ import annotations

import re

import pyotp
from playwright.sync_api import Browser, Page, expect

from safepost.workflows.demo import DEMO_PASSWORD
from tests.web.conftest import SHOTS, Site

REVIEW = "Dr. Shah did my crown last week and it still hurts. - Sam P."
CONFIRMING_REPLY = "Sam, we're so sorry your crown from last week still hurts! Thanks for visiting us."


def sign_in(browser: Browser, site: Site, email: str, width: int = 1280) -> Page:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(site.url + "/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    secret = site.secrets[email]
    if secret:
        page.get_by_label("Authenticator code").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Sign in").click()
    if secret and page.get_by_role("heading", name="Set up two-step sign-in").is_visible():
        # First sign-in of a reviewer: enrol the authenticator from the QR code.
        expect(page.locator("figure.qr svg")).to_be_visible()
        page.screenshot(path=str(SHOTS / "enroll.png"), full_page=True)
        page.get_by_label("Code from your app").fill(pyotp.TOTP(secret).now())
        page.get_by_role("button", name="Confirm and sign in").click()
    expect(page.get_by_role("heading", name="My work")).to_be_visible()
    return page


def test_compose_review_publish_revoke_audit(browser: Browser, site: Site) -> None:
    author = sign_in(browser, site, "author@demo.safepost")
    author.screenshot(path=str(SHOTS / "my-work.png"), full_page=True)
    author.get_by_role("link", name="Compose").click()
    author.get_by_label("What are you writing?").select_option("reply")
    author.get_by_label("The comment or review you are answering").fill(REVIEW)
    author.get_by_label("Your text").fill(CONFIRMING_REPLY)
    expect(author.locator("#verdict")).to_have_text("revise", timeout=15000)
    expect(author.locator("#highlighted mark.phi").first).to_be_visible()
    author.screenshot(path=str(SHOTS / "compose-revise.png"), full_page=True)
    author.get_by_role("button", name="Use this version").click()
    expect(author.locator("#verdict")).to_have_text("pass", timeout=15000)
    author.screenshot(path=str(SHOTS / "compose-pass.png"), full_page=True)
    for box in author.locator("fieldset.checklist input[type=checkbox]").all():
        box.check()
    author.get_by_role("button", name="Submit for approval").click()
    expect(author.locator("#post-status")).to_have_text("in review")
    post_url = author.url

    marketing = sign_in(browser, site, "marketing@demo.safepost")
    marketing.goto(post_url)
    marketing.get_by_role("button", name="Approve as marketing").click()
    expect(marketing.locator("#two-person")).to_contain_text("Marketing: approve")

    privacy = sign_in(browser, site, "privacy@demo.safepost")
    privacy.goto(site.url + "/approvals")
    privacy.screenshot(path=str(SHOTS / "approvals.png"), full_page=True)
    privacy.goto(post_url)
    privacy.get_by_role("button", name="Approve as privacy").click()
    expect(privacy.locator("#post-status")).to_have_text("approved")
    privacy.screenshot(path=str(SHOTS / "post-approved.png"), full_page=True)

    marketing.goto(post_url)
    marketing.get_by_role("button", name="Mark published").click()
    expect(marketing.locator("#post-status")).to_have_text("published")

    officer = sign_in(browser, site, "officer@demo.safepost")
    officer.get_by_role("link", name="Authorizations").click()
    row = officer.locator("tr", has_text="Jordan Lee")
    expect(row).to_contain_text("valid")
    row.get_by_label(re.compile("Reason for revoking")).fill("patient withdrew consent")
    row.get_by_role("button", name="Revoke").click()
    row = officer.locator("tr", has_text="Jordan Lee")
    expect(row).to_contain_text("revoked")
    expect(row).to_contain_text("(flagged)")
    officer.screenshot(path=str(SHOTS / "authorizations.png"), full_page=True)
    officer.get_by_role("link", name="My work").click()
    expect(officer.get_by_role("heading", name=re.compile("Takedown tasks"))).to_contain_text("2")

    officer.get_by_role("link", name="Audit").click()
    officer.get_by_role("button", name="Verify chain").click()
    expect(officer.locator("#verify-ok")).to_contain_text("Chain intact")
    officer.screenshot(path=str(SHOTS / "audit.png"), full_page=True)
    officer.get_by_role("link", name="Organization").click()
    officer.screenshot(path=str(SHOTS / "organization.png"), full_page=True)


MAIN_PAGES = (
    ("/", "my-work"),
    ("/approvals", "approvals"),
    ("/authorizations", "authorizations"),
    ("/authorizations/new", "authorization-new"),
    ("/audit", "audit"),
    ("/org", "organization"),
    ("/posts/1", "post"),
)


def test_pages_work_at_375px_with_labels_and_keyboard(browser: Browser, site: Site) -> None:
    officer = sign_in(browser, site, "officer@demo.safepost", width=375)
    admin = sign_in(browser, site, "admin@demo.safepost", width=375)
    pages = [(officer, path, f"mobile-{name}") for path, name in MAIN_PAGES] + [(admin, "/compose", "mobile-compose")]
    for page, path, name in pages:
        page.goto(site.url + path)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
        # Nothing wider than the screen: no sideways scrolling at 375 px.
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        unlabeled = page.evaluate(
            """[...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                 .filter(e => !(e.id && document.querySelector(`label[for="${e.id}"]`))
                              && !e.getAttribute('aria-label'))
                 .map(e => e.name)"""
        )
        assert unlabeled == [], (path, unlabeled)
    # Keyboard only: Tab from the skip link reaches the editor on the compose page.
    page = admin
    page.goto(site.url + "/compose")
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "text":
            break
    assert page.evaluate("document.activeElement.id") == "text"
