"""Streamlit entry point (server.py wraps it in the web server `review-app serve` runs). It
routes, walls everything but the sign-in form off when reviewer accounts are configured, and
turns an exception no page caught into one line (the details go to the server's log)."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from review_app.presentation import html_snippets
from review_app.ui import state
from review_app.ui.failures import show_unexpected

# Not "pages/": Streamlit would serve a folder of that name as pages of its own, outside this
# router and its login wall (a direct /review URL would skip both).
VIEWS = Path(__file__).with_name("views")


def page(name: str, title: str, icon: str, **kwargs) -> st.Page:
    return st.Page(VIEWS / f"{name}.py", title=title, icon=f":material/{icon}:", **kwargs)


PAGE_PATHS = ("documents", "review", "dashboard", "models", "export")


def requested_page() -> str | None:
    """The page path of the address the visitor opened, if it is one of the app's pages."""
    path = (st.context.url or "").split("?")[0].rstrip("/").rsplit("/", 1)[-1]
    return path if path in PAGE_PATHS else None


def identity_sidebar() -> None:
    """Who is working: the signed-in account with a sign-out button, else a name typed once
    (kept in a cookie, so a reload or a new tab keeps it)."""
    acct = state.account()
    if acct is not None:
        st.sidebar.caption(f"Signed in as {html_snippets.markdown_text(acct.name)} ({acct.role})")
        if st.sidebar.button("Sign out", key="sign-out"):
            state.sign_out()
            st.rerun()
        return
    name = st.sidebar.text_input("Your name (recorded on every save)", value=state.reviewer(), key="reviewer_name")
    state.set_reviewer(name)


def main() -> None:
    st.set_page_config(page_title="review_app", layout="wide")
    if state.login_required() and state.account() is None:
        # Served under the address asked for (a segment link to /review?doc=..&seg=..), so that
        # Streamlit does not lay "page not found" over the form, and the link is followed after.
        sign_in = [page("login", "Sign in", "login", default=True)]
        requested = requested_page()
        if requested:
            sign_in.append(page("login", "Sign in", "login", url_path=requested))
        navigation = st.navigation(sign_in, position="hidden")
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
        state.follow_link_after_sign_in(pages[1])
    script = state.cookie_script()
    if script is not None:
        # A fixed script with a one-time code (letters, digits, - and _) made on the server.
        st.html(script, unsafe_allow_javascript=True, width=1)
    navigation.run()


try:
    main()
except Exception as exc:  # noqa: BLE001 -- st.stop and st.rerun are not Exceptions and pass through
    show_unexpected(exc)
