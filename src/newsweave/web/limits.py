"""ASGI middleware guarding every request: a body size cap, and headers that keep pages inert.

``BodyLimit`` refuses a body over the cap with 413: at once when ``Content-Length`` says so, and
while reading when a chunked body grows past it, so a client cannot make the server buffer more than
the cap. ``SecurityHeaders`` adds a Content-Security-Policy allowing only this server's own scripts
and styles: even if some text escaped the templates' escaping, an inline script could not run.
"""

from __future__ import annotations

import json

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


class _TooLarge(BaseException):
    # BaseException so that no "except Exception" between here and the body reader (FastAPI turns
    # body errors into 400s) can swallow it: the client must see 413.
    pass


class BodyLimit:
    def __init__(self, app, *, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope.get("headers", ())).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            return await self._refuse(send, length.isdigit())
        seen, started = 0, False

        async def counted_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge()
            return message

        async def tracked_send(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except _TooLarge:
            if not started:
                await self._refuse(send, True)

    async def _refuse(self, send, numeric: bool) -> None:
        status = 413 if numeric else 400
        message = (f"request body over the limit of {self.max_bytes} bytes (web.max_body_bytes)" if numeric
                   else "Content-Length is not a number")
        body = json.dumps({"error": message}).encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"no-referrer")]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
