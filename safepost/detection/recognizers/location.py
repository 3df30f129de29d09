"""Geography smaller than a state: street addresses, ZIP codes, cities, neighbourhoods,
schools and named small places. States and countries are allowed by Safe Harbor and skipped.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from safepost.detection.recognizers.base import (
    Candidate,
    PatternSetRecognizer,
    compile_pattern,
    doc_text,
    regex_candidates,
)

_STATES = frozenset(
    [
        "alabama",
        "alaska",
        "arizona",
        "arkansas",
        "california",
        "colorado",
        "connecticut",
        "delaware",
        "florida",
        "georgia",
        "hawaii",
        "idaho",
        "illinois",
        "indiana",
        "iowa",
        "kansas",
        "kentucky",
        "louisiana",
        "maine",
        "maryland",
        "massachusetts",
        "michigan",
        "minnesota",
        "mississippi",
        "missouri",
        "montana",
        "nebraska",
        "nevada",
        "ohio",
        "oklahoma",
        "oregon",
        "pennsylvania",
        "tennessee",
        "texas",
        "utah",
        "vermont",
        "virginia",
        "washington",
        "wisconsin",
        "wyoming",
        "al",
        "ak",
        "az",
        "ar",
        "ca",
        "co",
        "ct",
        "de",
        "fl",
        "ga",
        "hi",
        "id",
        "il",
        "in",
        "ia",
        "ks",
        "ky",
        "la",
        "me",
        "md",
        "ma",
        "mi",
        "mn",
        "ms",
        "mo",
        "mt",
        "ne",
        "nv",
        "nh",
        "nj",
        "nm",
        "ny",
        "nc",
        "nd",
        "oh",
        "ok",
        "or",
        "pa",
        "ri",
        "sc",
        "sd",
        "tn",
        "tx",
        "ut",
        "vt",
        "va",
        "wa",
        "wv",
        "wi",
        "wy",
        "dc",
        "us",
        "usa",
        "america",
        "canada",
        "mexico",
        "uk",
        "england",
    ]
) | {
    "new york",
    "new jersey",
    "new mexico",
    "new hampshire",
    "north carolina",
    "south carolina",
    "north dakota",
    "south dakota",
    "west virginia",
    "rhode island",
    "united states",
    "the us",
    "the united states",
    "the u.s.",
}

_STREET = r"(?:St(?!\.?\s+[A-Z][a-z])|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Dr(?!\.?\s+[A-Z][a-z])|Drive|Ln|Lane|Way|Ct|Court|Pl|Place|Pkwy|Hwy|Highway|Terrace|Cir|Circle|Trail|Pike)"
_CAP = r"[A-Z][a-zA-Z'’-]+"
# "Dr." and "St." before a capitalised name are titles (Doctor, Saint), not Drive and Street.


class LocationRecognizer(PatternSetRecognizer):
    LABELS = ("LOCATION",)
    PATTERNS = (
        compile_pattern(
            "street_address",
            rf"\b\d{{1,6}}\s(?:[NSEW]\.?\s)?(?:{_CAP}\s){{0,3}}{_STREET}\b\.?(?:,?\s(?:Apt|Unit|Suite|#)\s?\w+)?",
            "LOCATION",
            0.9,
            flags=0,
        ),
        compile_pattern(
            "street_name",
            rf"\b(?:\d{{1,3}}(?:st|nd|rd|th)|{_CAP})(?:\s{_CAP})?\s{_STREET}\b\.?(?:\s\d{{1,4}})?",
            "LOCATION",
            0.75,
            flags=0,
        ),
        compile_pattern(
            "county_road",
            r"\b(?:County|State|Farm to Market)\s(?:Rd|Road|Route|Hwy)\s?\d+\b",
            "LOCATION",
            0.85,
            flags=0,
        ),
        compile_pattern(
            "zip_code",
            r"(?<![\d$.,-])\d{5}(?:-\d{4})?(?![\d%]|[,.]\d|\s?(?:steps|people|patients|visits|sessions))",
            "LOCATION",
            0.5,
        ),
        compile_pattern(
            "school_or_place",
            rf"\b(?:{_CAP}\s){{1,3}}(?:High|HS|MS|Elementary|Elementary School|Middle School|High School|Academy|Montessori"
            r"|Township|County|Park|Lake|River|Creek|Heights|Village|Trailer Park|Apartments|Motel"
            r"|Hotel|Mall|Church|Library|Rec Center|School District|Campus)\b",
            "LOCATION",
            0.8,
            flags=0,
        ),
        compile_pattern(
            "lower_place_phrase",
            r"\b(?:the\s)?(?:[a-z]+\s)?(?:trailer park|lumber yard|fire station|mill|plant|factory|motel)\b",
            "LOCATION",
            0.4,
            flags=0,
        ),
        compile_pattern(
            "from_near_place",
            rf"\b(?:from|near|in|at|outside|out near|out by|on)\s(?:out\s(?:near|by|on)\s)?(?P<p>{_CAP}(?:\s{_CAP})?)",
            "LOCATION",
            0.45,
            group="p",
            flags=0,
        ),
        compile_pattern("gps", r"-?\d{1,2}\.\d{3,},\s?-?\d{1,3}\.\d{3,}", "LOCATION", 0.9),
    )

    def find(self, doc: Doc) -> list[Candidate]:
        out = list(regex_candidates(doc_text(doc), self.PATTERNS))
        for ent in doc.ents:
            if ent.label_ in {"GPE", "LOC", "FAC"}:
                out.append(Candidate(ent.start_char, ent.end_char, "LOCATION", 0.7, f"spacy_{ent.label_.lower()}"))
        return [c for c in out if _not_state(doc_text(doc)[c.start : c.end])]


def _not_state(value: str) -> bool:
    return re.sub(r"[^a-z. ]", "", value.lower()).strip() not in _STATES
