"""The errors a caller must handle.

BadInputError is bad user input: its message is a single line that names the
file and the place (line, byte, column); the CLI prints it as is and the UI
shows it in an error box. ConflictError is a save that met someone else's newer
save; NotFoundError a record that is not (or no longer) there. Anything else
escaping is a bug."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Segment


class BadInputError(ValueError):
    pass


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
