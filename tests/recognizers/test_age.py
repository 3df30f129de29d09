import pytest

from safepost.detection.recognizers.age import AgeRecognizer


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a 92-year-old came in", "92-year-old"),
        ("my 14 mo has a fever", "14 mo"),
        ("a 15yo with braces", "15yo"),
        ("Ezra, age 7, loves it", "age 7"),
        ("a rancher in her 80s", "in her 80s"),
        ("my son (13) plays", "13"),
        ("I'm 71 on a fixed income", "71"),
        ("at his 2-month visit", "2-month"),
    ],
)
def test_ages(spans, text, expected):
    assert expected in spans(AgeRecognizer(), text)


def test_phone_area_code_is_not_age(spans):
    assert spans(AgeRecognizer(), "Call us (503) 555-0160") == []


def test_times_are_not_ages(spans):
    assert spans(AgeRecognizer(), "opens at 10am, back at 9:30") == []


def test_circled_and_superscript_digits_do_not_crash(spans):
    assert spans(AgeRecognizer(), "Tip ❶, Sam, ② and x², done.") == []
