"""Errors a workflow raises; the API maps each to an HTTP status."""


class WorkflowError(Exception):
    status = 409
    code = "conflict"

    def __init__(self, message: str, details: dict[str, object] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}


class NotFound(WorkflowError):
    status = 404
    code = "not_found"


class Forbidden(WorkflowError):
    status = 403
    code = "forbidden"


class Unauthenticated(WorkflowError):
    status = 401
    code = "unauthenticated"


class Invalid(WorkflowError):
    status = 422
    code = "invalid"
