from safepost.detection.recognizers.email import EmailRecognizer


def test_email(spans):
    assert spans(EmailRecognizer(), "write to jo.lee+care@mail.example.org now") == ["jo.lee+care@mail.example.org"]


def test_handle_is_not_email(spans):
    assert spans(EmailRecognizer(), "thanks @jo_lee for the shoutout") == []
