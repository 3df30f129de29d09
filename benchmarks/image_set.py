"""Render the labelled picture set for the image benchmark: wristbands, whiteboards and
screens with names, dates and MRNs (PHI lines) beside ordinary signage (non-PHI lines), in
several fonts, sizes, small angles and sensor noise. Every line's box and PHI label is known.

The names, numbers and phrases are made up here from small word lists; nothing is copied from
any data set.
"""

from __future__ import annotations

import glob
import random
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFont

# fmt: off
FIRST = [
    "Maria", "James", "Aisha", "Robert", "Mei", "Carlos", "Olivia", "Daniel", "Priya", "Ethan",
    "Fatima", "Noah", "Grace", "Tomasz", "Keisha", "Liam", "Sofia", "Hiroshi", "Amara", "Declan",
]
LAST = [
    "Gonzalez", "Whitaker", "Okafor", "Lindqvist", "Nakamura", "Brennan", "Patel", "Kowalski", "Ferris",
    "Haddad", "Moreau", "Adeyemi", "Castillo", "Sorensen", "Delacroix", "Mbeki", "Fitzgerald", "Yilmaz",
]
CARE = [
    "post-op knee", "chest pain", "cellulitis", "CHF exacerbation", "hip fracture", "sepsis", "asthma",
    "pneumonia", "COPD", "kidney stones", "appendicitis", "stroke", "diabetic foot ulcer", "UTI",
]
SIGNS = [
    "Wash your hands",
    "Visiting hours 9am to 8pm",
    "Please silence your phone",
    "Cafeteria on level 2",
    "Welcome to our new lobby",
    "Staff only beyond this point",
    "Fire exit",
    "Thank you for your patience",
    # Health words with nobody attached: posters and signs, not records.
    "Flu shots available today",
    "Ask us about diabetes screening",
    "Masks required in this area",
    "Hand hygiene saves lives",
    "Pharmacy closes at 6pm",
    "Elevators to Radiology",
]
# fmt: on


@dataclass
class Line:
    text: str
    phi: bool
    box: tuple[int, int, int, int]


@dataclass
class Picture:
    name: str
    image: Image.Image
    lines: list[Line]


def _fonts() -> list[str]:
    found = sorted(glob.glob("/usr/share/fonts/truetype/*/*.ttf"))
    preferred = [
        f
        for f in found
        if any(
            k in f
            for k in (
                "DejaVuSans.ttf",
                "DejaVuSerif.ttf",
                "LiberationSans-Regular",
                "LiberationMono-Regular",
                "DejaVuSansMono.ttf",
            )
        )
    ]
    return preferred or found


def _font(path: str | None, size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size) if path else ImageFont.load_default(size=size)


def _phi_line(rng: random.Random) -> str:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    name = f"{first} {last}"
    birth = f"{rng.randrange(1, 13)}/{rng.randrange(1, 29)}/{rng.randrange(1935, 2015)}"
    kind = rng.randrange(8)
    if kind == 0:
        return f"PATIENT: {name}"
    if kind == 1:
        return f"MRN {rng.randrange(10**6, 10**8)}  DOB {birth}"
    if kind == 2:
        return f"Rm {rng.randrange(100, 999)}  {first[0]}. {last}  {rng.choice(CARE)}"
    if kind == 3:
        return f"{rng.randrange(7, 12)}:{rng.choice(['00', '15', '30', '45'])}  {name}  {rng.choice(CARE)}"
    if kind == 4:
        return f"Name: {name.upper()}"
    if kind == 5:
        return f"Bed {rng.randrange(1, 30)}  {last}, {first}  {rng.choice(CARE)}"
    if kind == 6:
        return f"{last.upper()}, {first.upper()}  DOB: {birth}"
    return f"Call back {first} re: {rng.choice(CARE)}  {rng.randrange(200, 999)}-555-{rng.randrange(1000, 9999)}"


def render(seed: int = 7, count: int = 36) -> list[Picture]:
    rng = random.Random(seed)
    fonts = _fonts() or [None]
    pictures = []
    for index in range(count):
        kind = ("wristband", "whiteboard", "screen")[index % 3]
        width, height = (1200, 260) if kind == "wristband" else (1400, 900)
        background = {"wristband": (250, 250, 245), "whiteboard": (245, 247, 250), "screen": (28, 32, 40)}[kind]
        ink = (20, 20, 30) if kind != "screen" else (225, 230, 235)
        image = Image.new("RGB", (width, height), background)
        draw = ImageDraw.Draw(image)
        font_path = fonts[index % len(fonts)]
        size = rng.choice([30, 36, 42]) if kind != "wristband" else rng.choice([34, 40])
        font = _font(font_path, size)
        n_lines = 2 if kind == "wristband" else rng.randrange(4, 7)
        lines = []
        y = 30
        for _ in range(n_lines):
            phi = rng.random() < 0.55
            text = _phi_line(rng) if phi else rng.choice(SIGNS)
            left, top, right, bottom = draw.textbbox((40, y), text, font=font)
            draw.text((40, y), text, fill=ink, font=font)
            lines.append(Line(text, phi, (left, top, right, bottom)))
            y = bottom + rng.randrange(40, 80)
            if y > height - 60:
                break
        angle = rng.uniform(-4, 4)
        image, lines = _rotate(image, lines, angle, background)
        array = np.asarray(image).astype(np.int16)
        noise = np.random.default_rng(index).normal(0, 6, array.shape)
        image = Image.fromarray(np.clip(array + noise, 0, 255).astype(np.uint8))
        pictures.append(Picture(f"{kind}-{index:02d}", image, lines))
    return pictures


def _rotate(
    image: Image.Image, lines: list[Line], angle: float, fill: tuple[int, int, int]
) -> tuple[Image.Image, list[Line]]:
    rotated = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=fill)
    cx, cy = image.width / 2, image.height / 2
    theta = np.deg2rad(-angle)
    moved = []
    for line in lines:
        left, top, right, bottom = line.box
        corners = [(left, top), (right, top), (right, bottom), (left, bottom)]
        xs, ys = [], []
        for x, y in corners:
            dx, dy = x - cx, y - cy
            xs.append(cx + dx * np.cos(theta) - dy * np.sin(theta))
            ys.append(cy + dx * np.sin(theta) + dy * np.cos(theta))
        moved.append(Line(line.text, line.phi, (int(min(xs)), int(min(ys)), int(max(xs)), int(max(ys)))))
    return rotated, moved


@dataclass
class FaceScene:
    name: str
    image: Image.Image
    faces: list[tuple[int, int, int, int]]  # the eyes-nose box of each face
    decoys: list[tuple[int, int, int, int]]  # non-face patches of the same kind


def face_scenes(seed: int = 7, count: int = 25) -> list[FaceScene]:
    """Real faces from scikit-image's LFW subset (100 faces and 100 non-face patches from
    Labeled Faces in the Wild, shipped in the wheel), placed at several sizes on scikit-image's
    sample photographs, plus the astronaut photo. The LFW crops are tight (brow to chin), so
    the eyes-nose box is the middle of each crop."""
    from skimage import data

    rng = random.Random(seed)
    lfw = data.lfw_subset()
    backdrops = [data.coffee(), data.rocket(), data.chelsea(), data.hubble_deep_field(), data.astronaut()]
    scenes = []
    face_ids = list(range(100))
    decoy_ids = list(range(100, 200))
    rng.shuffle(face_ids)
    rng.shuffle(decoy_ids)
    for index in range(count):
        backdrop = Image.fromarray(backdrops[index % len(backdrops)]).convert("RGB").resize((1600, 1200))
        faces, decoys = [], []
        slots = [(x, y) for x in (80, 600, 1120) for y in (80, 700)]
        rng.shuffle(slots)
        for slot, (ids, boxes) in zip(slots, [(face_ids, faces)] * 4 + [(decoy_ids, decoys)] * 2, strict=False):
            size = rng.choice([72, 110, 160, 240, 360])
            crop = lfw[ids[(index * 4 + len(boxes)) % len(ids)]]
            patch = Image.fromarray((crop * 255).astype(np.uint8)).resize((size, size), Image.Resampling.BICUBIC)
            x, y = slot
            backdrop.paste(patch.convert("RGB"), (x, y))
            boxes.append((x + size // 5, y + size // 4, x + 4 * size // 5, y + 7 * size // 10))
        scenes.append(FaceScene(f"faces-{index:02d}", backdrop, faces, decoys))
    astronaut = Image.fromarray(data.astronaut())
    scenes.append(FaceScene("astronaut", astronaut, [(200, 95, 250, 140)], []))
    return scenes
