"""The review page's custom Streamlit component, built in the repo (static HTML and JS in
``review_editor/``, Streamlit's components v1 protocol, no npm build step).

Two uses of the one component:

- ``span_picker``: a text with its findings and MQM marks shown as spans (what each is,
  on hover); selecting words with the mouse opens a small form for the MQM category and
  severity, and the chosen span comes back as ``{start, end, category, severity, side}``
  (character offsets in the text sent, snapped to whole words). The page checks the
  offsets against the text it sent (``presentation.mqm_marks.read_selection``).
- ``queue_list``: the review queue, one light element however many rows (a click opens a segment).
- ``editor_helper``: invisible; puts the caret in the editor when a segment opens and
  reports the words under the editor's cursor (``{words}``) for the concordance.

Everything sent is JSON and reaches the page through ``textContent``, never as HTML.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

import streamlit.components.v1 as components

from ...scoring.mqm import CATEGORIES, MARK_SEVERITIES

_COMPONENT = components.declare_component("review_editor", path=str(Path(__file__).with_name("review_editor")))


def span_picker(text: str, spans: Sequence[dict], *, key: str, token: str, side: str = "target",
                categories: Sequence[str] = CATEGORIES, label: str = "", hint: str = "",
                on_change: Callable | None = None, args: tuple = ()) -> dict | None:
    """Show ``text`` with ``spans`` (``presentation.mqm_marks.spans_for``); returns the last span marked.
    ``token`` names what is shown (segment, candidate): a value carries it back, so a mark made on
    one text is never applied to another."""
    return _COMPONENT(mode="span-picker", text=text, spans=list(spans), side=side, token=token,
                      categories=list(categories), severities=list(MARK_SEVERITIES),
                      default_category=categories[0], label=label, hint=hint,
                      key=key, default=None, on_change=_callback(on_change, args))


def _callback(on_change: Callable | None, args: tuple) -> Callable | None:
    # Components v1 call on_change with no arguments.
    return partial(on_change, *args) if on_change is not None else None


def queue_list(rows: Sequence[dict], *, key: str, token: str, on_change: Callable | None = None,
               args: tuple = ()) -> dict | None:
    """The review queue (``presentation.review_page.queue_rows``); returns ``{segment_id}`` of a clicked row."""
    return _COMPONENT(mode="queue", rows=list(rows), token=token, key=key, default=None,
                      on_change=_callback(on_change, args))


def editor_helper(editor_key: str, token: str, *, key: str, on_change: Callable | None = None,
                  args: tuple = ()) -> dict | None:
    """Focus the text area whose widget key is ``editor_key`` once per ``token`` (a segment opened
    at a version); returns ``{words, token}`` when the reviewer puts the cursor on other words."""
    return _COMPONENT(mode="editor-helper", editor_key=editor_key, token=token, focus=True,
                      key=key, default=None, on_change=_callback(on_change, args))
