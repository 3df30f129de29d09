"""Policy text kept as data: what each finding means, the rule behind it, verdict rules and
approved reply templates. Loaded once; nothing here knows about recognizers."""

from safepost.policy.loader import Policy, load_policy

__all__ = ["Policy", "load_policy"]
