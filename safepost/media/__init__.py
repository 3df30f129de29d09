"""Media: images checked for metadata, text in the picture and faces, with a clean copy."""

from safepost.media.image import ImageCheckResult, ImageError, check_image

__all__ = ["ImageCheckResult", "ImageError", "check_image"]
