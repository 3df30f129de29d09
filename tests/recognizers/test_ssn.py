from safepost.detection.recognizers.ssn import SsnRecognizer


def test_dashed_ssn_validated(spans):
    assert spans(SsnRecognizer(), "my ssn is 123-45-6789") == ["123-45-6789"]
    assert spans(SsnRecognizer(), "number 000-12-3456") == []


def test_last_four(spans):
    assert "4821" in spans(SsnRecognizer(), "the last 4 of my SSN are 4821")
