"""Sign in: the only page a visitor sees while reviewer accounts are configured.

Failed sign-ins are throttled per account name and per client, with the wait shown; a
segment link opened before signing in (/review?doc=..&seg=..) is followed afterwards."""
import math

import streamlit as st

from review_app import sessions
from review_app.errors import BadInputError
from review_app.presentation import html_snippets
from review_app.ui import state

st.title("Sign in")
st.caption("This review app is for its reviewers. Ask an admin for an account "
           "(review-app accounts add NAME --role reviewer).")
state.remember_link(st.query_params.to_dict())
with st.form("login"):
    name = st.text_input("Name", key="login-name")
    password = st.text_input("Password", type="password", key="login-password")
    if st.form_submit_button("Sign in", type="primary"):
        try:
            account, token, wait = sessions.sign_in(name, password, st.context.ip_address or "unknown client")
        except BadInputError as exc:
            account, wait = None, 0
            st.error(f"The accounts file cannot be read: {html_snippets.markdown_text(str(exc))}")
        else:
            if account is None and wait > 0:
                st.error(f"Too many failed sign-ins: wait {math.ceil(wait)} s before trying again.")
            elif account is None:
                st.error("Wrong name or password.")
        if account is not None:
            state.sign_in(token)
            st.rerun()
