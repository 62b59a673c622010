"""Sign in: the only page a visitor sees while reviewer accounts are configured."""
import streamlit as st

from review_app import auth
from review_app.errors import BadInputError
from review_app.presentation import html_snippets
from review_app.ui import state

st.title("Sign in")
st.caption("This review app is for its reviewers. Ask an admin for an account "
           "(review-app accounts add NAME --role reviewer).")
with st.form("login"):
    name = st.text_input("Name", key="login-name")
    password = st.text_input("Password", type="password", key="login-password")
    if st.form_submit_button("Sign in", type="primary"):
        try:
            account = auth.authenticate(auth.configured_file(), name, password)
        except BadInputError as exc:
            account = None
            st.error(f"The accounts file cannot be read: {html_snippets.markdown_text(str(exc))}")
        else:
            if account is None:
                st.error("Wrong name or password.")
        if account is not None:
            state.sign_in(account)
            st.rerun()
