"""Streamlit entry point: `review-app serve` runs this file. It routes, and walls
everything but the sign-in form off when reviewer accounts are configured."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from review_app.presentation import html_snippets
from review_app.ui import state

# Not "pages/": Streamlit would serve a folder of that name as pages of its own, outside this
# router and its login wall (a direct /review URL would skip both).
VIEWS = Path(__file__).with_name("views")


def page(name: str, title: str, icon: str, **kwargs) -> st.Page:
    return st.Page(VIEWS / f"{name}.py", title=title, icon=f":material/{icon}:", **kwargs)


def identity_sidebar() -> None:
    """Who is working: the signed-in account with a sign-out button, else a name typed once per session."""
    acct = state.account()
    if acct is not None:
        st.sidebar.caption(f"Signed in as {html_snippets.markdown_text(acct.name)} ({acct.role})")
        if st.sidebar.button("Sign out", key="sign-out"):
            state.sign_out()
            st.rerun()
        return
    name = st.sidebar.text_input("Your name (recorded on every save)", value=state.reviewer(), key="reviewer_name")
    state.set_reviewer(name)


st.set_page_config(page_title="review_app", layout="wide")
if state.login_required() and state.account() is None:
    navigation = st.navigation([page("login", "Sign in", "login")], position="hidden")
else:
    pages = [
        page("documents", "Documents", "folder_open", default=True),
        page("review", "Review", "rate_review"),
        page("dashboard", "Dashboard", "monitoring"),
        page("models", "Models", "leaderboard"),
    ]
    if state.is_admin():
        pages.append(page("export", "Export", "download"))
        pages.append(page("team", "Team", "group"))
    navigation = st.navigation(pages)
    identity_sidebar()
navigation.run()
