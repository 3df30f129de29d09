import pytest

from safepost.detection.models import Author, Kind
from safepost.detection.recognizers.patient_status import PatientStatusRecognizer


def found(text: str, kind: Kind, author: Author) -> list[str]:
    return [text[c.start : c.end] for c in PatientStatusRecognizer.find_for(text, kind, author)]


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for visiting us last week!",
        "So glad your implant went smoothly",
        "We loved seeing you both",
        "Hope everything is healing nicely",
        "We reviewed your chart and",
        "Thank you for trusting us with your care",
        "See you at your cleaning in May",
    ],
)
def test_org_replies_that_confirm_care(text):
    assert found(text, Kind.REPLY, Author.ORGANIZATION)


@pytest.mark.parametrize(
    "text",
    [
        "We can't discuss specifics online; please call our office.",
        "Thank you for the kind words! We'll share them with the team.",
    ],
)
def test_neutral_templates_do_not_confirm(text):
    assert not found(text, Kind.REPLY, Author.ORGANIZATION)


def test_same_words_depend_on_who_writes():
    text = "Missed my appointment because nobody called"
    assert found(text, Kind.REVIEW, Author.PUBLIC)
    assert not found(text, Kind.POST, Author.ORGANIZATION)


def test_staff_story_about_a_patient():
    assert found("Had a patient today who cried during a cleaning", Kind.STAFF_PERSONAL, Author.STAFF)
