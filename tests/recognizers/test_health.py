from safepost.detection.recognizers.health import HealthRecognizer, health_terms


def test_vocabulary_is_generated_and_large():
    terms = health_terms()
    assert len(terms) > 50_000
    assert "psoriasis" in terms and "root canal" in terms and "metformin" in terms


def test_terms_doses_and_stages(spans):
    found = spans(HealthRecognizer(), "started metformin 500mg after stage 2 breast cancer")
    assert "metformin 500mg" in found
    assert any("stage 2 breast cancer" in f for f in found)


def test_phrasings_and_hashtags(spans):
    found = spans(HealthRecognizer(), "diagnosed with celiac last year #hipreplacement")
    assert any(f.startswith("diagnosed with") for f in found)
    assert "#hipreplacement" in found


def test_plain_words_are_not_health(spans):
    assert spans(HealthRecognizer(), "Great coffee and friendly parking staff") == []
