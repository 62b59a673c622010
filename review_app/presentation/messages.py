"""Messages shown to people in the browser: server paths taken out, so an error from a job or a
file never tells a reviewer which directories exist on the server."""
from __future__ import annotations

import re

# An absolute POSIX path, a home-relative one, or a Windows drive path: kept to its last part.
_PATH = re.compile(r"(?<![\w.~/\\-])(?:~|[A-Za-z]:)?(?:[/\\][^\s/\\:'\"()]+)+[/\\]?")


def without_paths(message: str) -> str:
    """``message`` with every path cut to its last part: "/srv/models/x (no config.json in
    /srv/models/x)" -> "…/x (no config.json in …/x)"."""
    return _PATH.sub(lambda m: "…/" + re.split(r"[/\\]", m.group(0).rstrip("/\\"))[-1], message)
