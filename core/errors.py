"""Domain errors: raised by services, mapped to exit codes (CLI) and HTTP statuses (API) in one place each."""

from __future__ import annotations


class SmmError(Exception):
    """Base class for errors that carry a message meant for the user."""

    #: CLI exit code; 2 is "bad input", 1 is "something failed".
    exit_code = 1
    #: HTTP status the API maps this error to.
    http_status = 500


class InvalidInput(SmmError):
    """The caller gave something malformed or unknown."""

    exit_code = 2
    http_status = 422


class NotFound(SmmError):
    """A referenced object does not exist (or is not visible to this tenant)."""

    exit_code = 2
    http_status = 404


class Conflict(SmmError):
    """The request clashes with existing state (duplicate name, reused key...)."""

    exit_code = 2
    http_status = 409


class Unauthorized(SmmError):
    """Missing or invalid credentials."""

    exit_code = 2
    http_status = 401


class Forbidden(SmmError):
    """Credentials are valid but the action is not allowed."""

    exit_code = 2
    http_status = 403


class ServiceError(SmmError):
    """A backing service (Postgres, Temporal) is missing, dead or misconfigured."""

    exit_code = 1
    http_status = 503


class TenantNotSet(SmmError):
    """A tenant-scoped query ran without a tenant: refusing rather than returning everything."""

    exit_code = 1
    http_status = 500


class PolicyDenied(SmmError):
    """The policy gate said no; the reasons are in the message (and the decision is recorded)."""

    exit_code = 1
    http_status = 403

    def __init__(self, message: str, *, decision_id: str | None = None, reasons: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.decision_id = decision_id
        self.reasons = reasons


class StartRefused(SmmError):
    """A workflow start that was not signed by this installation (or expired, or altered)."""

    exit_code = 1
    http_status = 403


class RateLimited(SmmError):
    """Too many requests in the current window; ``retry_after`` whole seconds until it ends."""

    exit_code = 1
    http_status = 429

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = max(1, retry_after)
