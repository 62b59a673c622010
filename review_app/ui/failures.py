"""What a page shows when something fails that no page caught: one line for the person, the
details (traceback, file paths, SQL) only in the server's log, under a reference they can quote."""
from __future__ import annotations

import logging
import secrets

import streamlit as st

from ..errors import BadInputError, StorageError
from ..presentation import html_snippets
from ..presentation.messages import without_paths

log = logging.getLogger("review_app.ui")


def show_unexpected(exc: BaseException) -> None:
    if isinstance(exc, StorageError):  # the log names the database; the page only says what happened
        log.error("%s", exc)
        st.error(html_snippets.markdown_text(exc.public))
        return
    if isinstance(exc, BadInputError):
        log.warning("%s", exc)
        st.error(html_snippets.markdown_text(without_paths(str(exc).splitlines()[0] if str(exc) else "bad input")))
        return
    reference = secrets.token_hex(4)
    log.error("unexpected error, reference %s", reference, exc_info=exc)
    st.error(f"Something went wrong ({type(exc).__name__}, reference {reference}); the server's log has the "
             "details. Reload the page to go on.")
