"""The errors a caller must handle.

BadInputError is bad user input: its message is a single line that names the
file and the place (line, byte, column); the CLI prints it as is and the UI
shows it in an error box. ConflictError is a save that met someone else's newer
save; NotFoundError a record that is not (or no longer) there; StorageError the
database failing under the app (the Store turns driver errors into it). Anything
else escaping is a bug."""
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Segment


class BadInputError(ValueError):
    """Bad user input. An error about an option names it by a ``{placeholder}`` in the message and
    ``fields`` maps each placeholder to the command line's flag (``source_lang="--source-lang"``):
    ``str()`` reads as the CLI says it, and a page words it with its own labels (:meth:`worded`)."""

    def __init__(self, message: str, **fields: str):
        self.template = message
        self.fields = fields
        super().__init__(self.worded({}))

    def worded(self, labels: Mapping[str, str]) -> str:
        """The message with each option named as ``labels`` names it (else by its flag)."""
        text = self.template
        for placeholder, flag in self.fields.items():
            text = text.replace("{" + placeholder + "}", labels.get(placeholder, flag))
        return text


class ConflictError(Exception):
    """A save was based on a segment version that someone else has replaced."""

    def __init__(self, segment: "Segment", based_on_version: int):
        self.segment = segment
        self.based_on_version = based_on_version
        super().__init__(
            f"segment {segment.position} was saved by someone else (now version {segment.version}, "
            f"you started from version {based_on_version}); reload and choose which text to keep"
        )


class NotFoundError(LookupError):
    pass


class StorageError(Exception):
    """The database itself failed: unreachable, full, read-only, corrupt, or newer than this code.
    Its message is one line that names the database and says what to do; ``public`` says the same
    without the database's name or address, for the browser."""

    def __init__(self, message: str, public: str | None = None):
        super().__init__(message)
        self.public = public or "The database failed; the server's log has the details."


class NameTakenError(Exception):
    """Another writer stored a document (or project) of this name first; the caller picks again."""
