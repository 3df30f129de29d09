"""The image check: what a photo leaks beyond its caption.

1. Metadata: GPS, capture time, device, software, names in XMP/IPTC, comments and embedded
   thumbnails are reported; the clean copy is re-encoded from pixels only, so none survive.
   EXIF orientation is applied first so the picture stays upright.
2. Text in the picture (wristbands, whiteboards, screens): OCR with rapidocr's shipped ONNX
   models on the CPU; each line goes through SafePost's text check and PHI lines are covered
   with a solid fill (blur can be reversed for text; a fill cannot).
3. Faces: OpenCV's Haar cascade (shipped in the opencv-python-headless wheel); faces are
   pixelated to a 6×6 mosaic and blurred, which sharpening cannot undo. A post with a valid
   authorization may keep them.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
from PIL import ExifTags, Image, ImageDraw, ImageFile, ImageFilter, ImageOps, IptcImagePlugin, UnidentifiedImageError

from safepost.detection.analysis import WEAK_NAME_RULES
from safepost.detection.models import LABELS, Verdict
from safepost.detection.org import OrgProfile, coerce_org
from safepost.verdict import check

MAX_BYTES = 40_000_000
MAX_PIXELS = 60_000_000  # a 12 MP phone photo is 12 M; anything past this is refused as a bomb
OCR_MAX_SIDE = 1600
FACE_MAX_SIDE = 1200
# Identifier labels that are PHI when they appear in a clinical picture whatever the caption:
# a name on a wristband or a date on a whiteboard is a record, not a public fact.
IMAGE_PHI_LABELS = frozenset(LABELS) - {"PATIENT_STATUS", "URL", "IP", "BIOMETRIC"}
# Signs show opening hours and weekdays; a picture discloses a date of care only as a calendar date.
ABSOLUTE_DATE_RULES = frozenset({"numeric_date", "iso_date", "weekday_month_day", "day_of_month"})
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

try:  # HEIC/HEIF from iPhones
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover - pillow-heif is a declared dependency
    pass


class ImageError(ValueError):
    """The file is not an image SafePost can check (empty, broken, too large, not an image)."""


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    right: int
    bottom: int


@dataclass
class ImageFinding:
    kind: str  # metadata | text | face
    reason: str
    label: str = ""
    text: str = ""
    box: Box | None = None
    redacted: bool = False


@dataclass
class ImageCheckResult:
    verdict: Verdict
    findings: list[ImageFinding]
    metadata: dict[str, Any]
    clean_image: bytes
    clean_format: str
    size: tuple[int, int]
    reasons: list[str] = field(default_factory=list)


def _open(data: bytes) -> Image.Image:
    if not data:
        raise ImageError("the file is empty")
    if len(data) > MAX_BYTES:
        raise ImageError(f"the file is {len(data):,} bytes; the limit is {MAX_BYTES:,}")
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except Image.DecompressionBombError:
        raise ImageError(f"the image is larger than {MAX_PIXELS:,} pixels: refused as a decompression bomb") from None
    except UnidentifiedImageError:
        raise ImageError("the file is not an image SafePost can read (JPEG, PNG, WebP, HEIC, GIF)") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageError(f"the image is broken or truncated: {exc}") from None
    if image.width * image.height > MAX_PIXELS:
        raise ImageError(f"the image is larger than {MAX_PIXELS:,} pixels")
    return image


def read_metadata(image: Image.Image) -> dict[str, Any]:
    """What the file carries besides pixels, in words a person can act on."""
    found: dict[str, Any] = {}
    exif = image.getexif()
    names = {**ExifTags.TAGS}
    for tag, value in exif.items():
        name = names.get(tag, str(tag))
        if name in {
            "DateTime",
            "Make",
            "Model",
            "Software",
            "Artist",
            "Copyright",
            "ImageDescription",
            "XPAuthor",
            "XPComment",
        }:
            found[name] = str(value)[:200]
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    if gps:
        found["GPS"] = {ExifTags.GPSTAGS.get(k, str(k)): str(v)[:60] for k, v in gps.items()}
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    for tag in (ExifTags.Base.DateTimeOriginal, ExifTags.Base.BodySerialNumber, ExifTags.Base.CameraOwnerName):
        if tag in sub:
            found[ExifTags.TAGS.get(tag, str(tag))] = str(sub[tag])[:200]
    if exif.get_ifd(ExifTags.IFD.IFD1):
        found["thumbnail"] = "an embedded thumbnail (it can show the uncropped picture)"
    xmp = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp")
    if xmp:
        found["XMP"] = (xmp.decode("utf-8", "replace") if isinstance(xmp, bytes) else str(xmp))[:300]
    try:
        iptc = IptcImagePlugin.getiptcinfo(image) if isinstance(image, ImageFile.ImageFile) else None
    except Exception:
        iptc = {(0, 0): b"unreadable IPTC block"}
    if iptc:
        found["IPTC"] = {
            str(k): (v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v))[:100] for k, v in iptc.items()
        }
    for key in ("comment", "Comment", "parameters", "Description", "Author"):
        if key in image.info:
            value = image.info[key]
            found[f"comment:{key}"] = (value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value))[
                :200
            ]
    return found


@lru_cache(maxsize=1)
def _ocr() -> Any:
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR()


@lru_cache(maxsize=1)
def _face_cascade() -> Any:
    import cv2

    cascades: str = cv2.data.haarcascades  # type: ignore[attr-defined]
    return cv2.CascadeClassifier(cascades + "haarcascade_frontalface_default.xml")


def _scaled(image: Image.Image, max_side: int) -> tuple[Image.Image, float]:
    scale = min(1.0, max_side / max(image.size))
    if scale < 1.0:
        image = image.resize(
            (max(1, int(image.width * scale)), max(1, int(image.height * scale))), Image.Resampling.BILINEAR
        )
    return image, scale


def find_text_lines(image: Image.Image) -> list[tuple[str, Box]]:
    small, scale = _scaled(image, OCR_MAX_SIDE)
    # Word boxes make rapidocr rebuild the spaces its recogniser drops ("MRN00482913").
    result, _elapsed = _ocr()(np.asarray(small.convert("RGB")), return_word_box=True)
    lines = []
    for item in result or []:
        points, text = item[0], item[1]
        xs = [p[0] / scale for p in points]
        ys = [p[1] / scale for p in points]
        lines.append((str(text), Box(int(min(xs)), int(min(ys)), int(max(xs)) + 1, int(max(ys)) + 1)))
    return lines


def find_faces(image: Image.Image) -> list[Box]:
    import cv2

    small, scale = _scaled(image, FACE_MAX_SIDE)
    gray = cv2.equalizeHist(np.asarray(small.convert("L")))
    faces = _face_cascade().detectMultiScale(gray, scaleFactor=1.1, minNeighbors=5, minSize=(24, 24))
    return [
        Box(int(x / scale), int(y / scale), int((x + w) / scale) + 1, int((y + h) / scale) + 1) for x, y, w, h in faces
    ]


def _pixelate(image: Image.Image, box: Box) -> None:
    region = image.crop((box.left, box.top, box.right, box.bottom))
    tiny = region.resize((6, 6), Image.Resampling.BILINEAR)
    mosaic = tiny.resize(region.size, Image.Resampling.NEAREST).filter(
        ImageFilter.GaussianBlur(radius=max(4, region.width // 12))
    )
    image.paste(mosaic, (box.left, box.top))


_CASE_BOUNDARY = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])|(?<=:)(?=\S)")


def respace(text: str) -> str:
    """OCR often drops spaces ("MRN00482913DOB03/14/1962"): put them back at case, letter/digit
    and colon boundaries so the text check sees words."""
    return _CASE_BOUNDARY.sub(" ", text)


def _line_is_phi(text: str, org: OrgProfile | None, kind: str) -> list[str]:
    result = check(respace(text), kind=kind, org=org)
    # The recall-tuned name rules need a sentence around them; one OCR line has none.
    return sorted(
        {
            f.label
            for f in result.findings
            if f.label in IMAGE_PHI_LABELS
            and f.subject.value not in {"organization", "staff"}
            and f.rule not in WEAK_NAME_RULES
            and (f.label != "DATE" or f.rule in ABSOLUTE_DATE_RULES)
        }
    )


def check_image(data: bytes, org: Any = None, kind: str = "post", keep_faces: bool = False) -> ImageCheckResult:
    """Check an image and return findings with boxes, a verdict and a clean copy.

    ``keep_faces``: the post has a valid authorization covering the people shown."""
    profile = coerce_org(org)
    original = _open(data)
    if getattr(original, "is_animated", False):
        original.seek(0)  # animated GIF/WebP: the first frame is what previews show
    metadata = read_metadata(original)
    upright = ImageOps.exif_transpose(original.copy()) or original.copy()
    pixels = upright.convert("RGB")
    findings = [ImageFinding("metadata", f"{key} is stored in the file", label=key, redacted=True) for key in metadata]

    for text, box in find_text_lines(pixels):
        labels = _line_is_phi(text, profile, kind)
        if labels:
            ImageDraw.Draw(pixels).rectangle((box.left, box.top, box.right, box.bottom), fill=(0, 0, 0))
            findings.append(
                ImageFinding(
                    "text", "text in the picture identifies a patient: covered", ", ".join(labels), text, box, True
                )
            )
    for box in find_faces(pixels):
        if not keep_faces:
            _pixelate(pixels, box)
        findings.append(
            ImageFinding(
                "face",
                "a face identifies the person" + ("" if keep_faces else ": pixelated"),
                "BIOMETRIC",
                "",
                box,
                not keep_faces,
            )
        )

    fmt = "PNG" if original.format in {"PNG", "GIF"} else "JPEG"
    out = io.BytesIO()
    clean = Image.frombytes("RGB", pixels.size, pixels.tobytes())  # pixels only: no info, EXIF, ICC or XMP
    # PNG "optimize" tries every filter: 20+ seconds on a 12 MP photo for a few percent of size.
    clean.save(out, format=fmt, **({"quality": 92} if fmt == "JPEG" else {"compress_level": 1}))
    reasons = []
    verdict = Verdict.PASS
    if any(f.kind == "text" for f in findings):
        verdict = Verdict.REVISE
        reasons.append("The picture shows text that identifies a patient; use the clean copy (45 CFR 164.514(b)).")
    elif any(f.kind == "face" for f in findings) and not keep_faces:
        verdict = Verdict.AUTHORIZE
        reasons.append(
            "A person's face is identifiable: publish only with a valid authorization, "
            "or use the clean copy (45 CFR 164.508)."
        )
    if metadata:
        reasons.append("The file carries metadata (" + ", ".join(sorted(metadata)) + "); the clean copy has none.")
    return ImageCheckResult(verdict, findings, metadata, out.getvalue(), fmt, pixels.size, reasons)
