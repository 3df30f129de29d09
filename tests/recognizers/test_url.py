from safepost.detection.recognizers.url import IpAddressRecognizer, WebAddressRecognizer


def test_bare_domain_with_path(spans):
    assert spans(WebAddressRecognizer(), "donate at gofundme.com/f/help-sam please") == ["gofundme.com/f/help-sam"]


def test_abbreviation_is_not_url(spans):
    assert spans(WebAddressRecognizer(), "Bring ID, e.g. a license.") == []


def test_ipv4_validated(spans):
    assert spans(IpAddressRecognizer(), "logged from 192.168.10.4 not 999.1.1.1") == ["192.168.10.4"]
