from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from safepost.detection.nlp import get_nlp
from safepost.detection.recognizers.base import SafePostRecognizer


@pytest.fixture(scope="session")
def parse() -> Callable[[str], Doc]:
    nlp = get_nlp()
    return lambda text: nlp(text)


@pytest.fixture(scope="session")
def spans(parse: Callable[[str], Doc]) -> Callable[[SafePostRecognizer, str], list[str]]:
    """The texts of the spans a recognizer finds in a sentence."""

    def run(recognizer: SafePostRecognizer, text: str) -> list[str]:
        return [text[c.start : c.end] for c in recognizer.find(parse(text))]

    return run
