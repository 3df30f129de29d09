from safepost.detection.name_model import person_probabilities, person_token_flags


def test_shipped_crf_tags_names_in_tweet_style_text():
    words = ["omg", "Jessica", "and", "Tyler", "at", "the", "game", "tonight"]
    tagged = [w for w, flag in zip(words, person_token_flags(words), strict=True) if flag]
    assert tagged == ["Jessica", "Tyler"]


def test_people_score_far_above_places_and_teams():
    person = person_probabilities(["omg", "Jessica", "at", "the", "game"])[1]
    place, team = person_probabilities(["Going", "to", "Paris", "with", "the", "Lakers"])[2::3]
    assert person > 0.9
    assert place < 0.2 and team < 0.2


def test_ordinary_words_are_not_names():
    words = ["going", "to", "the", "store", "with", "my", "mom", "later"]
    assert not any(person_token_flags(words))


def test_empty_input():
    assert person_token_flags([]) == []
