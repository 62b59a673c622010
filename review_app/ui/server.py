"""The web server `review-app serve` runs: Streamlit's own (st.App, on Starlette) around app.py,
with what a login wall needs beyond pages.

- ``POST /_review_app/session`` trades the one-time code the page hands the browser after a
  sign-in (or after a reviewer types a name) for an HttpOnly, SameSite=Strict cookie holding the
  signed session token, so a reload or a new tab stays signed in without any secret in a URL;
  ``POST /_review_app/sign-out`` revokes the cookie's token and deletes the cookie.
- Streamlit's upload endpoint (``/_stcore/upload_file/...``) answers only a request whose cookie
  holds a valid admin session when accounts are configured: before, anyone who opened the sign-in
  page had a session id and could park 50 MB files in the server's memory.
- An exception no page caught is logged with a reference and shown as one line
  (``client.showErrorDetails = "none"`` in .streamlit/config.toml hides Streamlit's own details).
"""
from __future__ import annotations

import time
from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from review_app import auth, sessions
from review_app.ui.failures import show_unexpected

SESSION_PATH = "/_review_app/session"
SIGN_OUT_PATH = "/_review_app/sign-out"
UPLOAD_PATH = "/_stcore/upload_file/"


async def set_session_cookie(request: Request) -> Response:
    code = (await request.body())[:200].decode("ascii", "replace").strip()
    token = sessions.redeem(code)
    identity = sessions.verify(token) if token else None
    if identity is None:
        return PlainTextResponse("unknown or expired code", status_code=403)
    response = Response(status_code=204)
    response.set_cookie(sessions.COOKIE, token, max_age=max(1, identity.expires - int(time.time())), path="/",
                        httponly=True, samesite="strict", secure=request.url.scheme == "https")
    return response


async def clear_session_cookie(request: Request) -> Response:
    sessions.revoke(request.cookies.get(sessions.COOKIE))
    response = Response(status_code=204)
    response.delete_cookie(sessions.COOKIE, path="/", httponly=True, samesite="strict")
    return response


def may_upload(cookie_token: str | None) -> bool:
    """Without accounts the one local user may upload; with them, only a signed-in admin."""
    if auth.configured_file() is None:
        return True
    identity = sessions.verify(cookie_token)
    return identity is not None and identity.account is not None and identity.account.is_admin


class UploadGate:
    """ASGI middleware: Streamlit's upload endpoint behind the sign-in."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and UPLOAD_PATH in scope["path"] and scope["method"] != "OPTIONS":
            request = Request(scope)
            if not may_upload(request.cookies.get(sessions.COOKIE)):
                await PlainTextResponse("sign in as an admin to upload files", status_code=403)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def on_script_error(exc: Exception) -> bool:
    show_unexpected(exc)
    return True  # Streamlit's own exception box stays hidden


app = st.App(
    Path(__file__).with_name("app.py"),
    routes=[Route(SESSION_PATH, set_session_cookie, methods=["POST"]),
            Route(SIGN_OUT_PATH, clear_session_cookie, methods=["POST"])],
    middleware=[Middleware(UploadGate)],
    on_script_error=on_script_error,
)
