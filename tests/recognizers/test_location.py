from safepost.detection.recognizers.location import LocationRecognizer


def test_street_address_and_school(spans):
    found = spans(LocationRecognizer(), "He lives at 42 Birch Lane and goes to Westfield Elementary.")
    assert "42 Birch Lane" in found
    assert any("Westfield Elementary" in f for f in found)


def test_states_are_not_reported(spans):
    assert spans(LocationRecognizer(), "We serve patients across Ohio.") == []


def test_titles_are_not_street_types(spans):
    found = spans(LocationRecognizer(), "Call Dr. Ada Quill, or visit St. Brendan's on 12 Oak Dr.")
    assert not any(f.startswith("Call") or "Brendan" in f for f in found)
    assert any("12 Oak Dr" in f for f in found)
