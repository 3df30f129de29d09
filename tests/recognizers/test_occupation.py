from safepost import check
from safepost.detection.recognizers.occupation import OccupationRecognizer


def test_roles_with_modifiers(spans):
    found = spans(OccupationRecognizer(), "a retired rancher and a certain Steelers linebacker came in")
    assert any("retired rancher" in f for f in found)
    assert any("a certain Steelers linebacker" in f for f in found)


def test_occupation_is_phi_only_in_patient_context():
    team_post = check("Meet our new athletic coach, Dana! She loves trail running.", kind="post")
    assert team_post.verdict == "pass"
    staff_story = check(
        "Had a patient today, a retired pastor in his 80s, with a nasty burn.",
        kind="staff_personal",
    )
    assert staff_story.verdict == "revise"
    assert any(f.rule == "occupation" and f.is_phi for f in staff_story.findings)
