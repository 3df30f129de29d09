from safepost.detection.name_model import person_token_flags


def test_shipped_crf_tags_names_in_tweet_style_text():
    words = ["omg", "Jessica", "and", "Tyler", "at", "the", "game", "tonight"]
    tagged = [w for w, flag in zip(words, person_token_flags(words), strict=True) if flag]
    assert tagged == ["Jessica", "Tyler"]


def test_places_and_teams_are_not_people():
    words = ["Going", "to", "Paris", "with", "the", "Lakers"]
    assert not any(person_token_flags(words))


def test_empty_input():
    assert person_token_flags([]) == []
