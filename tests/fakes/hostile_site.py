"""A hostile web site on a loopback port, for crawler hardening tests.

    with serve_hostile() as base:              # robots.txt: 404 (no rules)
        ...  # crawl base + "/start/bomb-gzip"
    with serve_hostile(robots="huge-disallow") as base:
        ...

``/start/<case>`` is an ordinary page that links to ``/hostile/<case>`` and to
two ordinary pages ``/good/<case>/a`` and ``/good/<case>/b``; for the link cases
it also carries the hostile hrefs itself. A test crawls it and checks that the
hostile part is reported and the good pages are still crawled.

Bombs are about 1 GiB of zeros, compressed on the fly while they are sent, so
neither side ever holds the decompressed gigabyte unless it decodes unboundedly.
"""

from __future__ import annotations

import socket
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import brotli
import zstandard

BOMB_BYTES = 1 << 30  # decompressed size of each bomb
_BLOCK = b"\0" * (1 << 20)
_WRITE_PIECE = 256 * 1024
TRICKLE_MAX_S = 60  # a slow-loris response gives up after this, whatever the client does

BOMB_CODINGS = ("gzip", "deflate", "br", "zstd")

# Hostile hrefs placed on /start/links-*: each must be dropped, none may stop the crawl.
BAD_HREFS = {
    "links-control": "/good/links-control/\x01evil",
    "links-huge": "/good/links-huge/" + "a" * 70_000,
    "links-ipv6": "http://[::1/broken",
    "links-port": "http://127.0.0.1:99999/x",
    "links-space-host": "http://exa mple.com/",
    "links-bad-idna": "http://xn--a.xn--/",
}

LATIN1_TEXT = "Café Müller serves crème brûlée in Zürich, façade renovated"


def _page(title: str, body: str) -> str:
    head = f"<!doctype html><html><head><title>{title}</title></head>"
    return f"{head}<body><main><h1>{title}</h1>{body}</main></body></html>"


def _paragraphs(case: str, slug: str) -> str:
    # Distinct, long enough text per page so dedup and the JS-only heuristic leave it alone.
    return "".join(
        f"<p>Page {slug} of case {case}: paragraph {i} describes ordinary products and services.</p>" for i in range(4)
    )


def _bomb_stream(coding: str) -> Iterator[bytes]:
    """About BOMB_BYTES of zeros in ``coding``, produced lazily."""
    blocks = BOMB_BYTES // len(_BLOCK)
    if coding in ("gzip", "deflate"):
        comp = zlib.compressobj(9, zlib.DEFLATED, 31 if coding == "gzip" else zlib.MAX_WBITS)
        for _ in range(blocks):
            yield comp.compress(_BLOCK)
        yield comp.flush()
    elif coding == "br":
        bcomp = brotli.Compressor(quality=5)
        for _ in range(blocks):
            yield bcomp.process(_BLOCK)
        yield bcomp.finish()
    elif coding == "zstd":
        zcomp = zstandard.ZstdCompressor(level=3).compressobj()
        for _ in range(blocks):
            yield zcomp.compress(_BLOCK)
        yield zcomp.flush()
    else:
        raise ValueError(coding)


class _Handler(BaseHTTPRequestHandler):
    server_version = "HostileSite/1.0"
    robots: ClassVar[str] = "none"
    stopping: ClassVar[threading.Event]

    def log_message(self, format: str, *args: Any) -> None:
        return

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        try:
            self._route(self.path)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the crawler hung up, as it should on a hostile response

    def _route(self, path: str) -> None:
        if path == "/robots.txt":
            self._robots()
        elif path.startswith("/start/"):
            self._start(path.removeprefix("/start/"))
        elif path.startswith("/good/"):
            case, _, slug = path.removeprefix("/good/").partition("/")
            links = f'<a href="/start/{case}">back</a>'
            self._send(200, _page(f"{case} {slug}", _paragraphs(case, slug) + links).encode())
        elif path.startswith("/hostile/"):
            self._hostile(path.removeprefix("/hostile/"))
        else:
            self._send(404, b"not found", "text/plain")

    def _robots(self) -> None:
        if self.robots == "huge-disallow":
            # RFC 9309 asks crawlers to parse at least 500 KiB: the first rule must count.
            pad = b"# " + b"x" * 70 + b"\n"
            body = b"User-agent: *\nDisallow: /\n" + pad * (2_200_000 // len(pad))
            self._send(200, body, "text/plain")
        elif self.robots == "huge-cr":
            # Old Mac line endings: no "\n" anywhere in the first 500 KiB.
            pad = b"# " + b"x" * 70 + b"\r"
            body = b"User-agent: *\rDisallow: /\r" + pad * (2_200_000 // len(pad))
            self._send(200, body, "text/plain")
        elif self.robots == "padded-disallow":
            # The one rule's line runs past the parse bound.
            self._send(200, b"User-agent: *\nDisallow: /" + b" " * 2_200_000 + b"\n", "text/plain")
        elif self.robots == "huge-allow-then-cut":
            # Past 500 KiB comes a rule that would block /good/: it is beyond the parse bound.
            pad = b"# " + b"x" * 70 + b"\n"
            body = b"User-agent: *\nDisallow: /private/\n" + pad * (600_000 // len(pad)) + b"Disallow: /good/\n"
            self._send(200, body, "text/plain")
        elif self.robots == "error":
            self._send(503, b"try later", "text/plain")
        elif self.robots == "slow":
            self._trickle(b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n", body=True)
        elif self.robots == "delay":
            self._send(200, b"User-agent: *\nCrawl-delay: 100\nDisallow: /private/\n", "text/plain")
        else:
            self._send(404, b"no robots", "text/plain")

    def _start(self, case: str) -> None:
        links = [f"/hostile/{case}", f"/good/{case}/a", f"/good/{case}/b"]
        if case in BAD_HREFS:
            links = [BAD_HREFS[case], f"/good/{case}/a", f"/good/{case}/b"]
        if case == "links-all":
            links = [*BAD_HREFS.values(), f"/good/{case}/a", f"/good/{case}/b"]
        anchors = "".join(f'<a href="{href}">link</a> ' for href in links)
        self._send(200, _page(f"start {case}", _paragraphs(case, "start") + anchors).encode())

    def _hostile(self, case: str) -> None:
        if case.startswith("bomb-"):
            self._bomb(case.removeprefix("bomb-"))
        elif case == "slow-body":
            self._trickle(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n", body=True)
        elif case == "slow-headers":
            self._trickle(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n", body=False)
        elif case == "charset-idna":
            body = _page("idna", '<meta charset="idna">' + _paragraphs(case, "hostile")).encode()
            self._send(200, body, "text/html")
        elif case == "charset-nonsense":
            self._send(200, _page("nonsense", _paragraphs(case, "hostile")).encode(), "text/html; charset=x-nonsense")
        elif case == "latin1":
            body = _page("Latin-1", f"<p>{LATIN1_TEXT}.</p>" + _paragraphs(case, "hostile")).encode("latin-1")
            self._send(200, body, "text/html; charset=iso-8859-1")
        elif case == "corrupt-gzip":
            self._send(200, b"\x1f\x8b\x08\x00garbage" * 100, "text/html", Content_Encoding="gzip")
        elif case == "stacked-encoding":
            self._send(200, b"whatever", "text/html", Content_Encoding="gzip, br")
        elif case == "unknown-encoding":
            self._send(200, b"whatever", "text/html", Content_Encoding="x-evil")
        elif case == "redirect-ipv6":
            self._send(302, b"", "text/html", Location="http://[::1/broken")
        elif case == "redirect-control":
            self._send(302, b"", "text/html", Location="/good/redirect-control/\x01x")
        elif case == "binary-html":
            self._send(200, bytes(range(256)) * 64, "text/html")
        else:
            self._send(404, b"not found", "text/plain")

    def _bomb(self, coding: str) -> None:
        # A small send buffer keeps the server from compressing far ahead of a crawler that stopped reading.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 65536)
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Encoding", coding)
        self.end_headers()
        # Written in large pieces, so that one socket read holds a lot of compressed data: a
        # client that decodes a whole read in one call (httpx does) then meets the full ratio.
        pending = bytearray()
        for piece in _bomb_stream(coding):
            if self.stopping.is_set():
                return
            pending += piece
            if len(pending) >= _WRITE_PIECE:
                self.wfile.write(pending)
                pending.clear()
        self.wfile.write(pending)

    def _trickle(self, head: bytes, *, body: bool) -> None:
        """Slow loris: send ``head`` at once, then one byte a second (body or header bytes)."""
        self.wfile.write(head)
        self.wfile.flush()
        drip = b"<" if body else b"X"
        deadline = time.monotonic() + TRICKLE_MAX_S
        while time.monotonic() < deadline and not self.stopping.wait(1.0):
            self.wfile.write(drip)
            self.wfile.flush()


@contextmanager
def serve_hostile(robots: str = "none") -> Iterator[str]:
    """Serve the hostile site on 127.0.0.1 (free port); yields the base URL."""
    stopping = threading.Event()
    handler = type("HostileHandler", (_Handler,), {"robots": robots, "stopping": stopping})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
