"""Crawl politeness without a fixed delay: request starts follow the server's latency, and a 429 slows
the rest of the crawl down (Retry-After). (robots.txt Crawl-delay: test_crawler_hostile.py.)"""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

from agents.crawler import CrawlConfig, crawl_site

PAGES = ["/a", "/b", "/c", "/d"]
CONFIG = CrawlConfig(allow_private=True, concurrency=4)  # the defaults otherwise: no fixed delay


_LOCK = threading.Lock()


class _Handler(BaseHTTPRequestHandler):
    arrivals: ClassVar[list[tuple[str, float]]]
    in_flight: ClassVar[list[int]]  # [now, most at once]
    latency_s: ClassVar[float]
    too_many: ClassVar[str]  # a path answered 429 with Retry-After: 1

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self.arrivals.append((self.path, time.monotonic()))
        with _LOCK:
            self.in_flight[0] += 1
            self.in_flight[1] = max(self.in_flight)
        time.sleep(self.latency_s)
        with _LOCK:
            self.in_flight[0] -= 1
        if self.path == "/robots.txt":
            self._send(404, "none", "text/plain")
        elif self.path == self.too_many:
            self.send_response(429)
            self.send_header("Retry-After", "1")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/":
            links = "".join(f'<a href="{p}">{p}</a>' for p in PAGES)
            self._send(200, f"<html><body><main><p>Home page with ordinary text.</p>{links}</main></body></html>")
        else:
            text = f"<p>Page {self.path} with its own ordinary text.</p>"
            self._send(200, f"<html><body><main>{text}</main></body></html>")

    def _send(self, code: int, body: str, ctype: str = "text/html") -> None:
        data = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@contextmanager
def serve(latency_s: float, too_many: str = "", in_flight: list[int] | None = None,
          ) -> Iterator[tuple[str, list[tuple[str, float]]]]:
    arrivals: list[tuple[str, float]] = []
    handler = type("H", (_Handler,), {"arrivals": arrivals, "latency_s": latency_s, "too_many": too_many,
                                      "in_flight": [0, 0] if in_flight is None else in_flight})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", arrivals
    finally:
        server.shutdown()
        server.server_close()


def _gaps(arrivals: list[tuple[str, float]]) -> list[float]:
    times = [t for path, t in arrivals if path in PAGES]
    return [b - a for a, b in itertools.pairwise(times)]


def test_request_starts_follow_the_server_latency() -> None:
    # Four pages may be in flight at once, but a server answering in 0.4 s sees one start per ~0.2 s.
    with serve(0.4) as (base, arrivals):
        result = asyncio.run(crawl_site(base + "/", CONFIG))
    assert len(result.pages) == 1 + len(PAGES), result.problems
    # Starts ~0.2 s apart: the four arrive over ~0.6 s (without the throttle: all at once). Compared end
    # to end, since one arrival can be late by a connection set-up on a busy machine.
    assert sum(_gaps(arrivals)) >= 0.4, _gaps(arrivals)


def test_requests_overlap_up_to_the_cap() -> None:
    # Latency 0.4 s, starts every ~0.2 s: two requests overlap (a serial crawler never would), never five.
    in_flight = [0, 0]
    with serve(0.4, in_flight=in_flight) as (base, _):
        result = asyncio.run(crawl_site(base + "/", CONFIG))
    assert len(result.pages) == 1 + len(PAGES), result.problems
    assert 2 <= in_flight[1] <= CONFIG.concurrency, in_flight


def test_too_many_requests_slows_the_rest_of_the_crawl() -> None:
    with serve(0.0, too_many="/a") as (base, arrivals):
        result = asyncio.run(crawl_site(base + "/", CONFIG.model_copy(update={"concurrency": 1})))
    assert {p.status_code for p in result.problems} == {429}
    after = [t for path, t in arrivals if path in PAGES]
    # /a answered 429 (Retry-After: 1): /b, /c and /d each wait about a second.
    assert all(b - a >= 0.9 for a, b in itertools.pairwise(after)), _gaps(arrivals)
