"""The image check: clean copies carry no metadata (exiftool says so), PHI text is covered,
faces are pixelated, bad files get clear errors."""

from __future__ import annotations

import io
import json
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from safepost.media import ImageError, check_image


def _jpeg_with_metadata(image: Image.Image) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Canon"  # Make
    exif[0x0131] = "Photos 4.0"  # Software
    exif[0x013B] = "Jane Nurse"  # Artist
    exif[0x0112] = 6  # Orientation: rotate 90° on display
    exif[0x8825] = {1: "N", 2: (40.0, 26.0, 46.0), 3: "W", 4: (79.0, 58.0, 56.0)}
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><dc:creator>Dr Who</dc:creator></rdf:RDF></x:xmpmeta>'
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, comment=b"room 412 patient", xmp=xmp)
    return out.getvalue()


def _text_picture(lines: list[str]) -> Image.Image:
    image = Image.new("RGB", (900, 110 * len(lines)), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=36)
    for i, line in enumerate(lines):
        draw.text((24, 30 + 110 * i), line, fill="black", font=font)
    return image


@pytest.mark.skipif(shutil.which("exiftool") is None, reason="Debian's exiftool is installed by .ci/run")
def test_clean_copy_has_no_metadata_and_stays_upright():
    original = Image.new("RGB", (300, 200), "white")
    ImageDraw.Draw(original).rectangle((0, 0, 150, 200), fill="red")
    result = check_image(_jpeg_with_metadata(original))
    assert {"GPS", "Make", "Software", "Artist", "XMP"} <= set(result.metadata)
    assert any(key.startswith("comment") for key in result.metadata)
    proc = subprocess.run(
        ["exiftool", "-j", "-a", "-G1", "-"], input=result.clean_image, capture_output=True, check=True
    )
    tags = json.loads(proc.stdout)[0]
    groups = {key.split(":")[0] for key in tags}
    # Only exiftool's own, file-level and JFIF groups may remain: no EXIF, GPS, XMP, IPTC or comment.
    assert groups <= {"SourceFile", "ExifTool", "System", "File", "JFIF", "PNG", "Composite"}, tags
    assert not any("Comment" in key for key in tags), tags
    clean = Image.open(io.BytesIO(result.clean_image))
    assert clean.size == (200, 300)  # orientation 6 applied before stripping


def test_phi_text_is_covered_and_other_text_kept():
    image = _text_picture(["PATIENT: Maria Gonzalez", "MRN 00482913  DOB 03/14/1962", "Welcome to our new lobby"])
    out = io.BytesIO()
    image.save(out, "PNG")
    result = check_image(out.getvalue())
    texts = [f for f in result.findings if f.kind == "text"]
    assert result.verdict == "revise"
    assert len(texts) == 2
    clean = np.asarray(Image.open(io.BytesIO(result.clean_image)).convert("L"))
    for finding in texts:
        box = finding.box
        assert box is not None
        assert clean[box.top + 2 : box.bottom - 2, box.left + 2 : box.right - 2].max() < 30  # solid fill
    assert clean[250:300, 24:400].min() < 100  # the lobby line is still there to read


def test_faces_are_pixelated_unless_authorized():
    skimage_data = pytest.importorskip("skimage.data")
    photo = Image.fromarray(skimage_data.astronaut())
    out = io.BytesIO()
    photo.save(out, "PNG")
    result = check_image(out.getvalue())
    faces = [f for f in result.findings if f.kind == "face"]
    assert len(faces) == 1 and result.verdict == "authorize"
    box = faces[0].box
    assert box is not None
    before = np.asarray(photo.convert("L"), dtype=float)[box.top : box.bottom, box.left : box.right]
    after = np.asarray(Image.open(io.BytesIO(result.clean_image)).convert("L"), dtype=float)[
        box.top : box.bottom, box.left : box.right
    ]
    # Detail (local contrast) inside the face is gone: it cannot be sharpened back.
    assert np.abs(np.diff(after, axis=1)).mean() < 0.2 * np.abs(np.diff(before, axis=1)).mean()
    kept = check_image(out.getvalue(), keep_faces=True)
    assert kept.verdict == "authorize"  # the face stays, so the post needs the authorization
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(kept.clean_image))), np.asarray(photo))


def test_real_faces_at_several_sizes_are_covered():
    """Faces from scikit-image's LFW subset (real photographs) pasted onto a sample photo."""
    skimage_data = pytest.importorskip("skimage.data")
    lfw = skimage_data.lfw_subset()
    scene = Image.fromarray(skimage_data.coffee()).resize((1600, 1200))
    eyes_nose = []
    for index, (size, x, y) in enumerate([(96, 80, 80), (160, 700, 120), (260, 1150, 700), (130, 200, 850)]):
        face = Image.fromarray((lfw[index] * 255).astype(np.uint8)).resize((size, size)).convert("RGB")
        scene.paste(face, (x, y))
        eyes_nose.append((x + size // 5, y + size // 4, x + 4 * size // 5, y + 7 * size // 10))
    out = io.BytesIO()
    scene.save(out, "JPEG", quality=90)
    result = check_image(out.getvalue())
    boxes = [f.box for f in result.findings if f.kind == "face" and f.box]
    for left, top, right, bottom in eyes_nose:
        assert any(b.left <= left and b.top <= top and b.right >= right and b.bottom >= bottom for b in boxes), (
            (left, top, right, bottom),
            boxes,
        )
    assert len(boxes) == len(eyes_nose)  # nothing in the coffee photo is taken for a face


def _png_bomb(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"this is a text file, not a picture", "not an image"),
        (_png_bomb(30000, 30000), "bomb"),
    ],
)
def test_bad_files_get_clear_errors(data: bytes, message: str):
    with pytest.raises(ImageError, match=message):
        check_image(data)


def test_truncated_jpeg_is_refused():
    out = io.BytesIO()
    _text_picture(["hello"]).save(out, "JPEG")
    with pytest.raises(ImageError, match="broken or truncated"):
        check_image(out.getvalue()[: len(out.getvalue()) // 2])


def test_cli_writes_clean_copy_and_exit_codes(tmp_path: Path):
    source = tmp_path / "board.png"
    _text_picture(["Room 412  J. Ferris  post-op knee"]).save(source)
    clean = tmp_path / "clean.png"
    proc = subprocess.run(
        [sys.executable, "-m", "safepost.cli", "check-image", str(source), "--out", str(clean), "--json"],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)["verdict"] == "revise"
    assert clean.exists()
    bad = tmp_path / "fake.jpg"
    bad.write_text("not an image")
    proc = subprocess.run(
        [sys.executable, "-m", "safepost.cli", "check-image", str(bad)], capture_output=True, text=True, timeout=180
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
