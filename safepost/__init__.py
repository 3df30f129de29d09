"""SafePost: keeps a healthcare organization's social media inside HIPAA.

The library entry points are :func:`check` and :func:`check_batch`; the organization's own
identifiers come from :func:`load_org`.
"""

from safepost.detection.errors import InputError, OrgProfileError
from safepost.detection.models import CheckResult, Finding
from safepost.detection.org import OrgProfile, load_org
from safepost.media import ImageCheckResult, ImageError, check_image
from safepost.verdict import check, check_batch, check_record

__version__ = "0.1.0"

__all__ = [
    "CheckResult",
    "Finding",
    "ImageCheckResult",
    "ImageError",
    "InputError",
    "OrgProfile",
    "OrgProfileError",
    "__version__",
    "check",
    "check_batch",
    "check_image",
    "check_record",
    "load_org",
]
