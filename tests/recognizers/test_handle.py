from safepost.detection.recognizers.handle import HandleRecognizer


def test_handles_with_dots_and_underscores(spans):
    assert spans(HandleRecognizer(), "great job @sam.k_runs and @Bo!") == ["@sam.k_runs", "@Bo"]


def test_email_is_not_handle(spans):
    assert spans(HandleRecognizer(), "mail sam@example.com") == []
