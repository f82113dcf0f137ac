"""The sandbox platform on a loopback socket: a threading HTTP/1.1 server and the helpers to run it.

The stdlib server is used because the faults need control below HTTP: ``lost_response_after_commit``
closes the connection after the post is stored without writing a single byte, and
``timeout_after_commit`` answers only after a delay (interrupted at once when the server stops).
Keep-alive (HTTP/1.1) keeps a benchmark's connection reuse honest.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import signal
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from agents.publisher.sandbox.app import Sandbox, SandboxConfig
from agents.publisher.sandbox.faults import Fault
from agents.publisher.sandbox.store import Account
from agents.publisher.sandbox.wire import Request, Response

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 1_000_000
IDLE_TIMEOUT_S = 30  # an idle keep-alive connection is closed after this


class NotLoopback(ValueError):
    """The sandbox only ever listens on a loopback address."""


def check_loopback(host: str) -> str:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        raise NotLoopback(f"the sandbox binds a loopback address only (127.0.0.1 or ::1), got {host!r}") from None
    if not address.is_loopback:
        raise NotLoopback(f"the sandbox binds a loopback address only (127.0.0.1 or ::1), got {host!r}")
    return host


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = IDLE_TIMEOUT_S
    server: SandboxHTTPServer

    def do_GET(self) -> None:
        self._serve()

    do_POST = do_DELETE = do_PUT = do_PATCH = do_GET

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s %s", self.address_string(), format % args)

    def _serve(self) -> None:
        if self.headers.get("Transfer-Encoding"):
            self._plain(411, "send a Content-Length, not a chunked body")
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self._plain(400, "bad Content-Length")
            return
        if length < 0:
            self._plain(400, "bad Content-Length")
            return
        if length > MAX_BODY_BYTES:
            self._plain(413, f"the body is over {MAX_BODY_BYTES} bytes")
            return
        body = self.rfile.read(length)
        req = Request.build(self.command, self.path, dict(self.headers.items()), body,
                            client_host=str(self.client_address[0]))
        try:
            response = self.server.sandbox.handle(req)
        except Exception:  # a bug in the sandbox must not look like a platform fault: say so loudly
            log.exception("sandbox error on %s %s", self.command, self.path)
            response = Response.json(500, {"error": "sandbox bug: see the sandbox log"})
        if response.lose:
            self.close_connection = True  # the post is stored; the client gets EOF and no byte of an answer
            return
        if response.delay_s and self.server.stopping.wait(response.delay_s):
            self.close_connection = True
            return
        self._write(response)

    def _plain(self, status: int, message: str) -> None:
        self.close_connection = True  # the unread body would otherwise be parsed as the next request
        self._write(Response.json(status, {"error": message}, [("Connection", "close")]))

    def _write(self, response: Response) -> None:
        try:
            self.send_response(response.status)
            for name, value in response.headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            if response.body and self.command != "HEAD":
                self.wfile.write(response.body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (e.g. its own timeout)
            self.close_connection = True


class SandboxHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, sandbox: Sandbox, host: str = "127.0.0.1", port: int = 0) -> None:
        check_loopback(host)
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.sandbox = sandbox
        self.stopping = threading.Event()
        self._connections: set[socket.socket] = set()
        self._conn_lock = threading.Lock()
        super().__init__((host, port), _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._conn_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._conn_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def stop(self) -> None:
        """Stop accepting, wake delayed answers and close open keep-alive connections."""
        self.stopping.set()
        self.shutdown()
        with self._conn_lock:
            open_connections = list(self._connections)
        for conn in open_connections:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self.server_close()

    @property
    def base_url(self) -> str:
        host, port = str(self.server_address[0]), int(self.server_address[1])
        host_text = f"[{host}]" if ":" in host else host
        return f"http://{host_text}:{port}"


def platform_url(base_url: str, platform: str, graph_version: str) -> str:
    """The connector base URL of a platform on this sandbox."""
    if platform == "x":
        return f"{base_url}/x"
    if platform == "linkedin":
        return f"{base_url}/linkedin"
    if platform in ("facebook", "instagram"):
        return f"{base_url}/meta/{graph_version}"
    raise ValueError(f"unknown platform {platform!r}")


class SandboxHandle:
    """A running sandbox: its URLs, and in-process versions of the control API for tests and the demo."""

    def __init__(self, server: SandboxHTTPServer) -> None:
        self.server = server
        self.sandbox = server.sandbox

    @property
    def base_url(self) -> str:
        return self.server.base_url

    def url_for(self, platform: str) -> str:
        return platform_url(self.base_url, platform, self.sandbox.config.graph_version)

    def create_account(self, platform: str) -> Account:
        return self.sandbox.store.create_account(platform)

    def add_fault(self, platform: str, operation: str, kind: str, *, times: int = 1, retry_after_s: float = 1.0,
                  delay_s: float = 10.0) -> Fault:
        from agents.publisher.sandbox.faults import parse_fault

        fault, count = parse_fault({"platform": platform, "operation": operation, "kind": kind, "times": times,
                                    "retry_after_s": retry_after_s, "delay_s": delay_s})
        self.sandbox.faults.add(fault, count)
        return fault

    def clear_faults(self) -> int:
        return self.sandbox.faults.clear()

    def stats(self) -> dict[str, Any]:
        return self.sandbox.store.stats()

    def posts(self) -> list[dict[str, Any]]:
        return self.sandbox.store.all_posts()

    def delete_by_hand(self, platform: str, post_id: str) -> bool:
        return self.sandbox.store.delete_post(platform, post_id, how="hand")

    def set_sentiment(self, negative_rate: float, after_s: float = 0.0, platform: str | None = None) -> None:
        from agents.publisher.sandbox.control import set_sentiment

        set_sentiment(self.sandbox, {"negative_rate": negative_rate, "after_s": after_s, "platform": platform})

    def clear_sentiment(self) -> None:
        self.sandbox.engagement.clear_spikes()

    def reset(self) -> None:
        self.sandbox.reset()


def start_sandbox(config: SandboxConfig, host: str = "127.0.0.1", port: int = 0) -> tuple[SandboxHTTPServer,
                                                                                         threading.Thread]:
    server = SandboxHTTPServer(Sandbox(config), host, port)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                              name="smm-sandbox", daemon=True)
    thread.start()
    return server, thread


@contextmanager
def serve_sandbox(seed: int = 0, time_scale: float = 3600.0, *, host: str = "127.0.0.1", port: int = 0,
                  **options: Any) -> Iterator[SandboxHandle]:
    """Run a sandbox in a background thread for the ``with`` block; ``options`` are other SandboxConfig fields."""
    config = replace(SandboxConfig(), seed=seed, time_scale=time_scale, **options)
    server, thread = start_sandbox(config, host, port)
    try:
        yield SandboxHandle(server)
    finally:
        server.stop()
        thread.join(timeout=5)


def run_foreground(config: SandboxConfig, host: str = "127.0.0.1", port: int = 0,
                   on_ready: Callable[[SandboxHandle], None] | None = None) -> None:
    """Serve until SIGINT or SIGTERM (main thread only), then stop cleanly."""
    server, thread = start_sandbox(config, host, port)
    stop = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        if on_ready is not None:
            on_ready(SandboxHandle(server))
        while not stop.wait(0.5):
            pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        server.stop()
        thread.join(timeout=5)


def ready_line(handle: SandboxHandle, accounts: dict[str, Account]) -> str:
    """The one JSON line `smm sandbox serve` prints: where to connect and the accounts made at start."""
    config = handle.sandbox.config
    return json.dumps({
        "base_url": handle.base_url,
        "urls": {p: handle.url_for(p) for p in ("x", "linkedin", "facebook", "instagram")},
        "accounts": {p: a.public() for p, a in accounts.items()},
        "seed": config.seed, "time_scale": config.time_scale, "graph_version": config.graph_version,
    }, separators=(",", ":"))
