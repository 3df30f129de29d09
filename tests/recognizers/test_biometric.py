from safepost.detection.recognizers.biometric import BiometricRecognizer


def test_voice_and_fingerprint(spans):
    found = spans(BiometricRecognizer(), "posting her voice memo and his fingerprint scan")
    assert any("voice memo" in f for f in found)
    assert any("fingerprint" in f for f in found)
