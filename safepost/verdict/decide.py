"""Apply the verdict rules of ``policy/rules.yaml`` to an analysis."""

from __future__ import annotations

from safepost.detection.analysis import Analysis
from safepost.detection.models import Finding, Verdict
from safepost.detection.org import OrgProfile
from safepost.detection.recognizers.patient_status import status_explanation
from safepost.policy import Policy


def _holds(condition: str, analysis: Analysis) -> bool:
    facts = analysis.facts
    phi = bool(analysis.phi_spans)
    conditions = {
        "always": True,
        "no_phi": not phi,
        "phi": phi,
        "discloses": analysis.discloses,
        # A post featuring a named patient can be published with consent; one that shows records,
        # schedules or case details cannot.
        "patient_feature": phi and analysis.kind.value == "post" and facts.named_patient and not facts.record_details,
        "needs_response": facts.needs_response,
    }
    return conditions[condition]


def decide(analysis: Analysis, policy: Policy) -> tuple[Verdict, list[str]]:
    rules = policy.public_rules if analysis.kind.written_by_public else policy.organization_rules
    for rule in rules:
        if _holds(rule.when, analysis):
            reasons = [f"{rule.reason} ({rule.citation})"]
            if analysis.facts.quasi_parts and rule.verdict != "pass":
                parts = ", ".join(analysis.facts.quasi_parts)
                reasons.append(f"{policy.quasi_reason.format(parts=parts)} ({policy.quasi_citation})")
            return Verdict(rule.verdict), reasons
    raise RuntimeError("policy/rules.yaml must end each audience with an 'always' rule")


def findings(analysis: Analysis, policy: Policy) -> list[Finding]:
    out = []
    for span in analysis.spans:
        explanation, citation = policy.explain(span.label)
        if span.label == "PATIENT_STATUS":
            explanation = f"{status_explanation(span.rule)}; {explanation}"
        if not span.subject.is_phi:
            explanation = policy.subjects.get(span.subject.value, explanation)
        out.append(
            Finding(
                start=span.start,
                end=span.end,
                text=analysis.text[span.start : span.end],
                label=span.label,
                subject=span.subject,
                confidence=round(span.score, 2),
                rule=span.rule,
                explanation=explanation,
                citation=citation,
            )
        )
    return out


def redact(text: str, found: list[Finding]) -> str:
    """Replace each PHI span with its label; overlapping spans are redacted as one. Patient-status
    phrases are redacted only when nothing else is, so the rest of the sentence stays readable."""
    identifiers = [f for f in found if f.is_phi and f.label != "PATIENT_STATUS"]
    chosen = identifiers or [f for f in found if f.is_phi]
    merged: list[tuple[int, int, str]] = []
    for f in sorted(chosen, key=lambda f: (f.start, f.end)):
        if merged and f.start < merged[-1][1]:
            start, end, label = merged[-1]
            merged[-1] = (start, max(end, f.end), label)
        else:
            merged.append((f.start, f.end, f.label))
    out, last = [], 0
    for start, end, label in merged:
        out.append(text[last:start])
        out.append(f"[{label}]")
        last = end
    out.append(text[last:])
    return "".join(out)


def rewrite(analysis: Analysis, verdict: Verdict, policy: Policy, org: OrgProfile | None, redacted: str) -> str | None:
    """A safer text: an approved non-confirming reply template, else the redacted text."""
    if verdict is Verdict.PASS:
        return None
    if analysis.kind.value == "reply":
        facts = analysis.facts
        template_key = "general"
        context_complaint = facts.complaint
        if context_complaint:
            template_key = "complaint"
        elif any(s.label == "HEALTH" for s in analysis.phi_spans):
            template_key = "praise" if not facts.record_details else "general"
        template = policy.reply_templates[template_key]
        phone = org.phones[0] if org and org.phones else policy.fallback_phone
        name = org.name if org else "our office"
        return template.format(org_phone=phone, org_name=name)
    if verdict in (Verdict.HIDE, Verdict.ROUTE):
        return None
    return redacted
