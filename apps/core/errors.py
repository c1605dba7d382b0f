"""The one error type for broken domain rules. Views turn it into a form error or a 4xx."""


class DomainError(Exception):
    """A rule of the portal forbids this change; `message` is shown to the person as is."""

    status_code = 400

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class Conflict(DomainError):
    """The change was based on data someone else has changed since."""

    status_code = 409
