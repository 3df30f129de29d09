"""SafePost's image check beside Presidio's image redactor, on the same pictures, in one run.

    .venv/bin/python benchmarks/images.py

- Lines: benchmarks/image_set.py renders wristbands, whiteboards and screens. A line counts as
  redacted when redaction boxes cover at least half of its area.
- Faces: real faces from scikit-image's LFW subset placed on its sample photographs, and its
  astronaut photograph (benchmarks/image_set.py: face_scenes). A face counts when its eyes-nose
  box is covered; non-face LFW patches show how often something else is covered.
- Speed: seconds per picture at 12 MP, 1080p and thumbnail size (best of 3, after a warm-up).
Presidio's ImageRedactorEngine uses tesseract (Debian's tesseract-ocr) and the same spaCy model.
"""

from __future__ import annotations

import io
import time

import numpy as np
from PIL import Image, ImageDraw

from benchmarks.image_set import FaceScene, Picture, face_scenes, render
from safepost.media import check_image


def _covered(box: tuple[int, int, int, int], redactions: list[tuple[int, int, int, int]]) -> bool:
    left, top, right, bottom = box
    area = max(1, (right - left) * (bottom - top))
    mask = np.zeros((bottom - top, right - left), dtype=bool)
    for rl, rt, rr, rb in redactions:
        x0, y0, x1, y1 = max(rl, left), max(rt, top), min(rr, right), min(rb, bottom)
        if x1 > x0 and y1 > y0:
            mask[y0 - top : y1 - top, x0 - left : x1 - left] = True
    return mask.sum() / area >= 0.5


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def safepost_boxes(image: Image.Image) -> list[tuple[int, int, int, int]]:
    result = check_image(_png(image))
    return [(f.box.left, f.box.top, f.box.right, f.box.bottom) for f in result.findings if f.box and f.redacted]


class PresidioImages:
    def __init__(self) -> None:
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider
        from presidio_image_redactor import ImageAnalyzerEngine

        from safepost.detection.nlp import MODEL_PACKAGE

        provider = NlpEngineProvider(
            nlp_configuration={"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": MODEL_PACKAGE}]}
        )
        analyzer = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
        self.engine = ImageAnalyzerEngine(analyzer_engine=analyzer)

    def boxes(self, image: Image.Image) -> list[tuple[int, int, int, int]]:
        results = self.engine.analyze(image)
        return [(r.left, r.top, r.left + r.width, r.top + r.height) for r in results]


def line_scores(pictures: list[Picture], boxes_of) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    phi_hit = phi_total = other_hit = other_total = 0
    for picture in pictures:
        redactions = boxes_of(picture.image)
        for line in picture.lines:
            hit = _covered(line.box, redactions)
            if line.phi:
                phi_total += 1
                phi_hit += hit
            else:
                other_total += 1
                other_hit += hit
    return phi_hit / max(1, phi_total), other_hit / max(1, other_total)


def face_scores(scenes: list[FaceScene], boxes_of) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Share of faces whose eyes-nose box is covered, and of non-face patches covered."""
    faces = covered = decoys = decoys_covered = 0
    for scene in scenes:
        redactions = boxes_of(scene.image)
        faces += len(scene.faces)
        covered += sum(_covered(box, redactions) for box in scene.faces)
        decoys += len(scene.decoys)
        decoys_covered += sum(_covered(box, redactions) for box in scene.decoys)
    return covered / max(1, faces), decoys_covered / max(1, decoys)


def speed_photo(size: tuple[int, int]) -> Image.Image:
    from skimage import data

    photo = Image.fromarray(data.astronaut()).resize(size)
    ImageDraw.Draw(photo).text((size[0] // 10, size[1] // 10), "PATIENT: Maria Gonzalez  MRN 00482913", fill="black")
    return photo


def best_of_three(run) -> float:  # type: ignore[no-untyped-def]
    run()  # warm-up
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def safepost_seconds(size: tuple[int, int]) -> float:
    """From the uploaded file (a phone photo is a JPEG) to findings and the clean copy."""
    out = io.BytesIO()
    speed_photo(size).save(out, "JPEG", quality=92)
    data = out.getvalue()
    return best_of_three(lambda: check_image(data))


def presidio_seconds(engine: PresidioImages, size: tuple[int, int]) -> float:
    photo = speed_photo(size)
    return best_of_three(lambda: engine.boxes(photo))


def main() -> None:
    # Seed 7 is the set the image check was developed on; seed 2027 was rendered afterwards.
    line_sets = {"development": render(seed=7), "held-out": render(seed=2027)}
    face_sets = {"development": face_scenes(seed=7), "held-out": face_scenes(seed=2027)}
    presidio = PresidioImages()
    tools = {"SafePost": safepost_boxes, "Presidio image redactor": presidio.boxes}
    timers = {"SafePost": safepost_seconds, "Presidio image redactor": lambda size: presidio_seconds(presidio, size)}
    rows: dict[str, dict[str, str]] = {name: {} for name in tools}
    for name, boxes_of in tools.items():
        for set_name, pictures in line_sets.items():
            phi, other = line_scores(pictures, boxes_of)
            rows[name][f"PHI lines redacted ({set_name})"] = f"{phi:.3f}"
            rows[name][f"non-PHI lines redacted ({set_name})"] = f"{other:.3f}"
        for set_name, scenes in face_sets.items():
            covered, decoys = face_scores(scenes, boxes_of)
            rows[name][f"faces: eyes-nose covered ({set_name})"] = f"{covered:.3f}"
            rows[name][f"non-face patches covered ({set_name})"] = f"{decoys:.3f}"
        for label, size in (
            ("12 MP (4000x3000)", (4000, 3000)),
            ("1080p", (1920, 1080)),
            ("thumbnail 320x240", (320, 240)),
        ):
            rows[name][f"seconds/image {label}"] = f"{timers[name](size):.2f}"
    metrics = list(next(iter(rows.values())))
    width = max(len(m) for m in metrics)
    for set_name, pictures in line_sets.items():
        print(f"{set_name}: {len(pictures)} generated pictures, {sum(len(p.lines) for p in pictures)} lines")
    for set_name, scenes in face_sets.items():
        faces, decoys = sum(len(s.faces) for s in scenes), sum(len(s.decoys) for s in scenes)
        print(f"{set_name} faces: {faces} faces, {decoys} non-face patches")
    print(f"{'metric':<{width}}  " + "  ".join(f"{n:>24}" for n in tools))
    for metric in metrics:
        print(f"{metric:<{width}}  " + "  ".join(f"{rows[n][metric]:>24}" for n in tools))


if __name__ == "__main__":
    main()
