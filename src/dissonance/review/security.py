"""Access token, CSRF protection and security headers of the review app.

- The server binds 127.0.0.1 by default. Binding any other address needs a
  token (`check_bind` refuses otherwise); with a token, every request must
  carry it: `?token=...` once (the app answers with a cookie and a redirect
  to the same URL without it), then the cookie, or an
  `Authorization: Bearer ...` header.
- Every response sets a per-session CSRF token cookie (HttpOnly,
  SameSite=Strict); every POST must send the same value back in the
  `csrf_token` form field or the `X-CSRF-Token` header (double submit),
  and a cross-origin `Origin` header is refused.
- Responses carry a Content-Security-Policy that allows only the app's own
  scripts and styles: even a missed escape could not run inline script.
"""

from __future__ import annotations

import ipaddress
import secrets
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import PlainTextResponse, RedirectResponse

TOKEN_COOKIE = "dissonance_token"
CSRF_COOKIE = "dissonance_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}

HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


class SecurityError(RuntimeError):
    """The server would be exposed without protection."""


def is_loopback(host: str) -> bool:
    host = host.strip().strip("[]").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to serve on a non-loopback address without a token."""
    if not is_loopback(host) and not token:
        raise SecurityError(
            f"refusing to listen on {host} without --token: anyone who can reach it could read the "
            "documents and change decisions. Give --token SECRET (or bind 127.0.0.1)."
        )


def new_token() -> str:
    return secrets.token_urlsafe(32)


def _same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and secrets.compare_digest(str(a).encode(), str(b).encode())


def _cookie(response: Any, name: str, value: str) -> None:
    response.set_cookie(name, value, httponly=True, samesite="strict", path="/")


def install(app: FastAPI, token: str | None) -> None:
    """Add the token check, the CSRF cookie and the security headers to every response."""

    @app.middleware("http")
    async def _security(request: Request, call_next):  # noqa: ANN001, ANN202
        if token:
            supplied = request.query_params.get("token")
            if supplied is not None and _same(supplied, token):
                if request.method in ("GET", "HEAD"):
                    url = request.url.remove_query_params("token")
                    target = url.path + (f"?{url.query}" if url.query else "")
                    response = RedirectResponse(target, status_code=303)
                    _cookie(response, TOKEN_COOKIE, token)
                    return _finish(request, response)
            else:
                bearer = request.headers.get("authorization", "")
                bearer = bearer[7:].strip() if bearer.lower().startswith("bearer ") else None
                if not (_same(request.cookies.get(TOKEN_COOKIE), token) or _same(bearer, token)):
                    return _finish(request, PlainTextResponse(
                        "401: this review server needs its access token (open the URL it printed, "
                        "with ?token=...)", status_code=401))
        csrf = request.cookies.get(CSRF_COOKIE)
        request.state.csrf_token = csrf if csrf and len(csrf) >= 32 else new_token()
        response = await call_next(request)
        if token and request.cookies.get(TOKEN_COOKIE) != token:
            _cookie(response, TOKEN_COOKIE, token)
        return _finish(request, response)


def _finish(request: Request, response: Any) -> Any:
    state_token = getattr(request.state, "csrf_token", None)
    if state_token and request.cookies.get(CSRF_COOKIE) != state_token:
        _cookie(response, CSRF_COOKIE, state_token)
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


async def checked_form(request: Request) -> Any:
    """The POST's form, once its CSRF token and origin are checked (403 otherwise)."""
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host"):
        raise HTTPException(status_code=403, detail="cross-origin request refused")
    form = await request.form()
    supplied = form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER)
    if not _same(request.cookies.get(CSRF_COOKIE), supplied if isinstance(supplied, str) else None):
        raise HTTPException(status_code=403, detail="missing or wrong CSRF token; reload the page and try again")
    return form
