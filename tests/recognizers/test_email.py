from safepost.detection.recognizers.email import EmailAddressRecognizer


def test_email(spans):
    assert spans(EmailAddressRecognizer(), "write to jo.lee+care@mail.example.org now") == [
        "jo.lee+care@mail.example.org"
    ]


def test_handle_is_not_email(spans):
    assert spans(EmailAddressRecognizer(), "thanks @jo_lee for the shoutout") == []
