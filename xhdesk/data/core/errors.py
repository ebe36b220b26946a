"""One exception hierarchy.

``XhdeskError`` and its subclasses are the errors a user can cause or the environment can cause
(bad input, unusable file, refused action). They carry a Chinese message that the window shows in
a dialog and the CLI prints as one line. Anything else is a bug and goes to the crash handler.
"""

from __future__ import annotations


class XhdeskError(Exception):
    """A user or environment error with a message fit to show a person."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class ValidationError(XhdeskError):
    """Input that does not satisfy a rule (ID number, phone, required field, …)."""


class NotFoundError(XhdeskError):
    """A record the caller named does not exist (or is in the recycle bin)."""


class StorageError(XhdeskError):
    """The database file cannot be opened, created or written."""


class PermissionDenied(XhdeskError):
    """This node's role (or the origin node's role, on import) may not take this step."""


class WorkflowError(XhdeskError):
    """A transition that makes no sense in the current state."""


class SyncError(XhdeskError):
    """A sync package failed a check and was refused whole."""
