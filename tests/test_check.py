"""The library API: verdicts, findings, the organization profile, rewrites and bad input."""

from __future__ import annotations

import pytest

import safepost
from safepost import InputError, OrgProfileError, check, check_batch

ORG = {
    "name": "Maple Grove Family Dental",
    "aliases": ["Maple Grove"],
    "phones": ["(555) 010-2000"],
    "addresses": ["410 Orchard Ave, Springdale, OH 45000"],
    "websites": ["maplegrove.example.com"],
    "staff": ["Dr. Priya Shah", "Lena Ortiz"],
}


def test_reply_confirming_care_must_be_revised():
    result = check(
        "Morgan, so sorry your crown on Tuesday hurt! Call us at (555) 010-2000.",
        kind="reply",
        context="Worst crown ever. - Morgan P.",
        org=ORG,
    )
    assert result.verdict == "revise"
    labels = {f.label for f in result.phi_findings}
    assert {"NAME", "HEALTH", "DATE"} <= labels
    phone = next(f for f in result.findings if f.label == "PHONE")
    assert phone.subject == "organization"
    assert all(f.citation.startswith("45 CFR") for f in result.findings)
    assert result.suggested_rewrite and "(555) 010-2000" in result.suggested_rewrite
    assert "Morgan" not in result.redacted_text


@pytest.mark.parametrize(
    ("review", "opening"),
    [
        ("They overcharged me and nobody called back. - Alex R.", "Thank you for telling us"),
        ("Lovely front desk, always friendly. - Alex R.", None),
    ],
)
def test_reply_rewrite_answers_a_complaint_with_the_complaint_template(review: str, opening: str | None):
    result = check("Alex, sorry about your bill after your cleaning!", kind="reply", context=review, org=ORG)
    assert result.verdict == "revise" and result.suggested_rewrite
    if opening:
        assert result.suggested_rewrite.startswith(opening)
    else:
        assert not result.suggested_rewrite.startswith("Thank you for telling us")


def test_neutral_reply_with_org_details_passes():
    result = check(
        "We're sorry to hear this. We can't discuss details online, but Lena Ortiz would like to "
        "hear from you at (555) 010-2000.",
        kind="reply",
        org=ORG,
    )
    assert result.verdict == "pass"
    assert not result.phi_findings
    assert any(f.subject == "staff" for f in result.findings)


def test_holiday_post_with_dates_passes():
    result = check("Closed Thursday, Nov 27 for Thanksgiving. Call (555) 010-2000.", org=ORG)
    assert result.verdict == "pass"


def test_patient_story_needs_authorization():
    result = check("Patient spotlight: Ezra, 9, finished his braces journey this week! So proud of you, Ezra!")
    assert result.verdict == "authorize"


def test_public_comment_with_own_health_details_is_hidden():
    result = check("My husband Carl had his bypass here last Tuesday, call me 555-201-7733", kind="comment")
    assert result.verdict == "hide"


def test_general_question_is_routed_and_small_talk_passes():
    assert check("Is it normal for a filling to ache for a week?", kind="comment").verdict == "route"
    assert check("Love the new lobby art!", kind="comment").verdict == "pass"


def test_batch_matches_single_checks():
    texts = ["Thanks for visiting us, Ana!", "Brush twice a day."]
    batch = check_batch([{"text": t, "kind": "reply"} for t in texts])
    single = [check(t, kind="reply") for t in texts]
    assert [r.verdict for r in batch] == [r.verdict for r in single]


def test_empty_text_passes():
    assert check("").verdict == "pass"


def test_control_characters_keep_offsets():
    text = "Hi Ana\x00! thanks for visiting us\x07"
    result = check(text, kind="reply")
    name = next(f for f in result.findings if f.label == "NAME")
    assert text[name.start : name.end] == "Ana"


def test_oversized_text_is_refused_clearly():
    with pytest.raises(InputError, match="limit"):
        check("a" * 1_000_000)


def test_unknown_kind_is_refused_clearly():
    with pytest.raises(InputError, match="unknown kind"):
        check("hello", kind="tweet")


def test_malformed_org_profile_names_the_field():
    with pytest.raises(OrgProfileError, match="phones"):
        check("hello", org={"name": "X", "phones": "not-a-list"})
    with pytest.raises(OrgProfileError):
        safepost.load_org("/nonexistent/org.yaml")


def test_case_post_without_a_name_reports_quasi_identifiers():
    result = check(
        "Case of the week: a 58-year-old retired pastor from Millbrook came in Tuesday with a "
        "rare Kawasaki disease flare.",
        kind="post",
    )
    assert result.verdict == "revise"
    assert any("164.514(b)(2)(ii)" in reason for reason in result.reasons)


def test_findings_use_only_the_spec_labels():
    from safepost.detection.models import LABELS

    result = check(
        "Hi Sam, your MRN 55120934 and room 412 are noted; call 555-201-7733 or sam@example.com",
        kind="reply",
    )
    assert result.findings
    assert {f.label for f in result.findings} <= set(LABELS)
