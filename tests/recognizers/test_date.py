import pytest

from safepost.detection.recognizers.date import PersonDateRecognizer


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("seen on 3/14 for it", "3/14"),
        ("surgery on March 14th went fine", "March 14th"),
        ("came in yesterday", "yesterday"),
        ("see you last Tues", "last Tues"),
        ("she called this morning", "this morning"),
        ("admitted on Christmas Eve", "Christmas Eve"),
        ("back on the 22nd", "the 22nd"),
        ("dob 6/30/88 thanks", "6/30/88"),
    ],
)
def test_dates(spans, text, expected):
    assert expected in spans(PersonDateRecognizer(), text)


def test_ratings_and_years_are_not_dates(spans):
    assert spans(PersonDateRecognizer(), "10/10 would recommend, since 2019") == []


def test_may_as_verb_is_not_a_month(spans):
    assert spans(PersonDateRecognizer(), "you may feel sore") == []
