"""Pictures in the browser: an author attaches a whiteboard photo while composing; the post
page shows the clean copy with the covered line outlined, and the image the page loads is the
clean copy (the name is gone from its pixels); a broken file gets a clear message."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont
from playwright.sync_api import Browser, expect

from tests.web.conftest import SHOTS, Site
from tests.web.test_end_to_end import sign_in

SAFE_TEXT = "Our new lobby is open! Come say hi at the front desk."


def _whiteboard(path: Path) -> Path:
    image = Image.new("RGB", (1000, 320), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=40)
    draw.text((30, 50), "Rm 214  Haddad, Omar  pneumonia", fill="black", font=font)
    draw.text((30, 200), "Welcome to our new lobby", fill="black", font=font)
    image.save(path, "JPEG", quality=92)
    return path


def _compose(page, site: Site, text: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site.url + "/compose")
    page.get_by_label("Your text").fill(text)
    expect(page.locator("#verdict")).to_have_text("pass", timeout=15000)
    for box in page.locator("fieldset.checklist input[type=checkbox]").all():
        box.check()


def test_picture_is_checked_and_shown_with_outlines(browser: Browser, site: Site, tmp_path: Path) -> None:
    author = sign_in(browser, site, "author@demo.safepost")
    _compose(author, site, SAFE_TEXT)
    author.get_by_label("Pictures").set_input_files(str(_whiteboard(tmp_path / "board.jpg")))
    author.get_by_role("button", name="Submit for approval").click()
    expect(author.locator("#post-status")).to_have_text("in review")
    figure = author.locator("figure.picture").first
    expect(figure.locator("rect.box.text")).to_have_count(1)
    expect(figure).to_contain_text("text in the picture identifies a patient")
    author.screenshot(path=str(SHOTS / "post-picture.png"), full_page=True)

    href = figure.locator("image").get_attribute("href")
    assert href and href.startswith("/media/")
    response = author.request.get(site.url + href)
    assert response.ok and response.headers["content-type"] == "image/jpeg"
    clean = np.asarray(Image.open(io.BytesIO(response.body())).convert("L"))
    rect = figure.locator("rect.box.text")
    x, y = int(rect.get_attribute("x") or 0), int(rect.get_attribute("y") or 0)
    width, height = int(rect.get_attribute("width") or 0), int(rect.get_attribute("height") or 0)
    assert clean[y + 3 : y + height - 3, x + 3 : x + width - 3].max() < 40  # the line is filled solid
    assert clean[200:240, 30:500].min() < 100  # the lobby line is still there


def test_an_edit_can_drop_a_picture_and_add_one_that_keeps_faces(browser: Browser, site: Site, tmp_path: Path) -> None:
    from skimage import data

    author = sign_in(browser, site, "author@demo.safepost")
    _compose(author, site, SAFE_TEXT)
    author.get_by_label("Pictures").set_input_files(str(_whiteboard(tmp_path / "board.jpg")))
    author.get_by_role("button", name="Submit for approval").click()
    expect(author.locator("figure.picture")).to_have_count(1)
    expect(author.locator(".verdict").first).to_have_text("pass")

    portrait = tmp_path / "portrait.png"
    Image.fromarray(data.astronaut()).save(portrait)
    author.get_by_label("Keep board.jpg").uncheck()
    author.get_by_label("Add pictures").set_input_files(str(portrait))
    author.get_by_label("Keep faces in added pictures").check()
    author.get_by_role("button", name="Save new version").click()
    expect(author.get_by_role("heading", name="Version 2")).to_be_visible()
    figure = author.locator("figure.picture")
    expect(figure).to_have_count(1)
    expect(figure).to_contain_text("portrait.png")
    expect(figure.locator("rect.box.face.kept")).to_have_count(1)
    expect(author.locator(".verdict").first).to_have_text("authorize")  # a kept face needs the authorization
    expect(author.locator("#pictures-changed")).to_have_text("Pictures: 1 removed, 1 added.")
    author.screenshot(path=str(SHOTS / "post-picture-faces-kept.png"), full_page=True)


def test_a_broken_picture_gets_a_clear_message_and_keeps_the_text(browser: Browser, site: Site, tmp_path: Path) -> None:
    author = sign_in(browser, site, "author@demo.safepost")
    _compose(author, site, SAFE_TEXT)
    broken = tmp_path / "broken.jpg"
    broken.write_text("this is not a picture")
    author.get_by_label("Pictures").set_input_files(str(broken))
    author.get_by_role("button", name="Submit for approval").click()
    expect(author.get_by_role("alert")).to_contain_text("broken.jpg")
    expect(author.get_by_role("alert")).to_contain_text("not an image")
    expect(author.get_by_label("Your text")).to_have_value(SAFE_TEXT)
