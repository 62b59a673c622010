"""Streamlit entry point: `review-app serve` runs this file. It only routes."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

PAGES = Path(__file__).with_name("pages")

st.set_page_config(page_title="review_app", layout="wide")
navigation = st.navigation(
    [
        st.Page(PAGES / "documents.py", title="Documents", icon=":material/folder_open:", default=True),
        st.Page(PAGES / "review.py", title="Review", icon=":material/rate_review:"),
    ]
)
navigation.run()
