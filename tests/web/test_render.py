"""What the pages highlight: PHI and the organization's own details, not public name guesses."""

from __future__ import annotations

from safepost import check
from safepost.web.render import highlight

ORG = {"name": "Maple Grove Family Dental", "phones": ["(555) 010-2000"]}


def test_public_name_guesses_are_not_marked_but_the_org_and_phi_are():
    text = "Brush twice a day and floss once! Questions? Call (555) 010-2000."
    result = check(text, org=ORG)
    assert any(f.text == "Brush" and f.subject == "public" for f in result.findings)  # the guess exists
    html = str(highlight(text, result.findings))
    assert ">Brush<" not in html
    assert 'class="org"' in html and ">(555) 010-2000</mark>" in html

    reply = "Sam, thanks for visiting us for your crown!"
    html = str(highlight(reply, check(reply, kind="reply", org=ORG).findings))
    assert '<mark class="phi"' in html and ">Sam</mark>" in html
