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


def test_lower_case_and_all_caps_given_names(spans):
    assert "stevie" in spans(NameRecognizer(), "you are just as humble as stevie , good luck")
    assert "ELEKTRA" in spans(NameRecognizer(), "WAS THAT ELEKTRA !")


def test_usernames_without_at_sign(spans):
    assert "iDubbbz" in spans(NameRecognizer(), "My boy iDubbbz is back")


def test_common_words_and_hashtags_are_not_given_names(spans):
    found = spans(NameRecognizer(), "someone stole my will to live #nurselife")
    assert "stole" not in found and "will" not in found and "nurselife" not in found


def test_labelled_form_fields(spans):
    assert "Maria Gonzalez" in spans(NameRecognizer(), "PATIENT: Maria Gonzalez")
    assert "JOHN SMITH" in spans(NameRecognizer(), "Name: JOHN SMITH  DOB 01/02/1950")
