"""How lines of text read from a picture are put together and judged: rows split by the OCR
detector are joined, OCR slips are undone, and a line is PHI only when something ties it to a
person."""

from __future__ import annotations

import pytest

from safepost.media.image import Box, join_rows, line_phi_labels, respace


def test_fragments_on_one_row_are_joined_and_rows_kept_apart():
    fragments = [
        ("Okafor", Box(360, 24, 500, 64)),
        ("11:45", Box(50, 8, 160, 46)),
        ("Grace", Box(215, 16, 330, 58)),
        ("Fire exit", Box(40, 200, 230, 240)),
    ]
    rows = join_rows(fragments)
    assert [text for text, _ in rows] == ["11:45 Grace Okafor", "Fire exit"]
    assert rows[0][1] == Box(50, 8, 500, 64)


def test_overlapping_fragments_do_not_repeat_the_shared_characters():
    # The detector's word boxes overlap and both read the glyph they share.
    rows = join_rows([("DOB: 8", Box(450, 34, 582, 64)), ("8/15/1961", Box(566, 34, 783, 69))])
    assert rows[0][0] == "DOB: 8/15/1961"


def test_far_apart_fragments_stay_separate_lines():
    rows = join_rows([("Cafeteria", Box(40, 40, 200, 80)), ("Radiology", Box(900, 40, 1060, 80))])
    assert len(rows) == 2


@pytest.mark.parametrize(
    ("ocr", "expected"),
    [
        ("MRN00482913DOB03/14/1962", "MRN 00482913 DOB 03/14/1962"),
        ("Name : JO", "Name: JO"),
        ("C0PD", "COPD"),
    ],
)
def test_respace_undoes_ocr_slips(ocr: str, expected: str):
    assert respace(ocr) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Flu shots available today",
        "Ask us about diabetes screening",
        "Visiting hours 9am to 8pm",
        "Wash your hands",
    ],
)
def test_signs_are_not_phi_even_when_they_name_a_condition(line: str):
    assert line_phi_labels(line, None, "post") == []


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("Bed 12  Haddad, Omar  pneumonia", "HEALTH"),
        ("10:15  Lena Sorensen  kidney stones", "HEALTH"),
        ("YILMAZ, DENIZ  DOB: 4/2/1977", "DATE"),
        ("Name : TOMAS HADDAD", "NAME"),
        ("MRN 4471902", "MRN"),
    ],
)
def test_lines_that_tie_a_detail_to_a_person_are_phi(line: str, label: str):
    assert label in line_phi_labels(line, None, "post")
