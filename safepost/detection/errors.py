"""Errors raised for bad input; each message says what is wrong and what is accepted."""


class SafePostError(ValueError):
    """Base class for errors a caller can fix by changing the input."""


class InputError(SafePostError):
    """The text, kind or author given to the check is not usable."""


class OrgProfileError(SafePostError):
    """The organization profile is missing, malformed or has wrong types."""
