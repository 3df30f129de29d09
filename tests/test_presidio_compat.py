"""A Presidio user can load SafePost's recognizers into their own AnalyzerEngine."""

from __future__ import annotations

from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import NlpEngineProvider

from safepost.detection.nlp import MODEL_PACKAGE
from safepost.detection.recognizers.registry import presidio_recognizers


def test_recognizers_run_inside_presidio():
    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": MODEL_PACKAGE}],
        }
    )
    registry = RecognizerRegistry(supported_languages=["en"])
    for recognizer in presidio_recognizers():
        registry.add_recognizer(recognizer)
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=provider.create_engine(), supported_languages=["en"])
    text = "MRN 00482913: Mr. Okafor, 92-year-old, seen yesterday. Thanks for visiting us!"
    results = analyzer.analyze(text=text, language="en")
    labels = {r.entity_type for r in results}
    assert {"MRN", "NAME", "AGE", "DATE", "PATIENT_STATUS"} <= labels
