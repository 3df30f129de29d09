from safepost.detection.recognizers.phone import PhoneFaxRecognizer


def test_finds_us_numbers_in_common_formats(spans):
    found = spans(PhoneFaxRecognizer(), "Call me at 317-555-0189 or (317) 555-0152 today")
    assert found == ["317-555-0189", "(317) 555-0152"]


def test_fax_label_from_context(parse):
    cands = PhoneFaxRecognizer().find(parse("please fax my notes to (720) 555-0149 thanks"))
    assert [c.label for c in cands] == ["FAX"]


def test_ignores_counts_and_prices(spans):
    assert spans(PhoneFaxRecognizer(), "We saw 3,412 patients and raised $50,000 in 2024") == []
