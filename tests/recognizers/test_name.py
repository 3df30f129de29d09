import pytest

from safepost.detection.models import Subject
from safepost.detection.recognizers.name import NameRecognizer


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sorry Mr. Okonkwo, no jello today", "Mr. Okonkwo"),
        ("7:00 R. Castillo post-op knee", "R. Castillo"),
        ("then Mara T. at 8", "Mara T."),
        ("My daughter Zoe has a rash", "Zoe"),
        ("shoutout to baby otis today", "otis"),
        ("Hi Devin! All set", "Devin"),
        ("Best visit ever. - Priya N.", "Priya N."),
    ],
)
def test_names(spans, text, expected):
    assert expected in spans(NameRecognizer(), text)


def test_titled_clinician_is_staff(parse):
    found = NameRecognizer().find(parse("Dr. Alvarez fixed it"))
    assert any(c.subject is Subject.STAFF for c in found)


def test_credentials_are_not_names(spans):
    assert "PA-C" not in spans(NameRecognizer(), "Meet Rosa Diaz, PA-C! She loves hiking.")
