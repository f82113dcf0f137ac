"""Response headers of the web pages: a strict Content-Security-Policy and friends.

Only our own script and stylesheet may run or apply (no inline script or style, nothing from another
origin), forms post only to us, and no page may be framed. The JSON API is left alone (its /docs page
loads Swagger UI from a CDN).
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

PREFIX = "/web"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
_NO_STORE = (b"cache-control", b"no-store")  # cards are confidential: no copies in shared caches


def is_web(path: str) -> bool:
    """Whether a path belongs to the web pages."""
    return path == PREFIX or path.startswith(PREFIX + "/")


class SecurityHeaders:
    """Adds the headers to every answer under /web (pages, redirects, errors and static files)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_web(scope.get("path", "")):
            await self.app(scope, receive, send)
            return
        static = scope["path"].startswith(PREFIX + "/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [h for h in HEADERS if h[0] not in names]
                if not static and _NO_STORE[0] not in names:
                    extra.append(_NO_STORE)
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)
