"""Domain errors raised by services; the API's exception handler maps them to responses."""


class DomainError(Exception):
    """A rule of the process refused the operation (HTTP 400)."""

    status_code = 400
    code = "domain_error"

    def __init__(self, detail: str, *, field: str | None = None, code: str | None = None):
        super().__init__(detail)
        self.detail = detail
        self.field = field
        if code:
            self.code = code


class ConflictError(DomainError):
    """The operation clashes with the current state (HTTP 409), e.g. an invalid transition."""

    status_code = 409
    code = "conflict"
