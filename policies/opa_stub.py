"""A loopback server speaking OPA's Data API, answering from the bundle with regorus.

Used by the tests and the benchmark so that `OpaEngine` is exercised over real
HTTP with OPA's wire format: `POST /v1/data/<path>` with `{"input": ...}` →
`{"result": ..., "decision_id": ...}` (no `result` key when undefined; errors as
`{"code": ..., "message": ...}` with status 400/500).
"""

from __future__ import annotations

import json
import socket
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any

from policies.gate import EmbeddedEngine


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in separate writes; without NODELAY, Nagle plus the
        # client's delayed ACK adds ~40 ms to every keep-alive round trip.
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _send(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        if self.path.startswith("/health"):
            self._send(200, {})
        else:
            self._send(404, {"code": "resource_not_found", "message": self.path})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        if not self.path.startswith("/v1/data/"):
            self._send(404, {"code": "resource_not_found", "message": self.path})
            return
        try:
            body = json.loads(raw or b"{}")
        except json.JSONDecodeError as exc:
            self._send(400, {"code": "invalid_parameter", "message": str(exc)})
            return
        rule = "data." + self.path.removeprefix("/v1/data/").split("?")[0].strip("/").replace("/", ".")
        try:
            result, _ = self.server.engine.evaluate(rule, body.get("input", {}))
        except Exception as exc:
            if "not a valid rule path" in str(exc):
                self._send(200, {"decision_id": str(uuid.uuid4())})  # OPA: undefined document
            else:
                self._send(500, {"code": "internal_error", "message": str(exc)})
            return
        response: dict[str, Any] = {"decision_id": str(uuid.uuid4())}
        if result is not None:
            response["result"] = result
        self._send(200, response)


class _Server(ThreadingHTTPServer):
    # Non-daemon handler threads are joined on close; open keep-alive sockets are
    # shut down first so no thread is left blocked in a read at interpreter exit.
    daemon_threads = False
    block_on_close = True
    engine: EmbeddedEngine

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.open_sockets: set[socket.socket] = set()
        self.sockets_lock = threading.Lock()

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.sockets_lock:
            self.open_sockets.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self.sockets_lock:
            self.open_sockets.discard(request)
        super().shutdown_request(request)

    def close_open_sockets(self) -> None:
        with self.sockets_lock:
            for sock in list(self.open_sockets):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


class FakeOpaServer:
    """`with FakeOpaServer() as url:` serves the bundle on 127.0.0.1:<free port>."""

    def __init__(self, bundle_dir: Path | str | None = None) -> None:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.engine = EmbeddedEngine(bundle_dir)
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-opa", daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> str:
        self._thread.start()
        return self.url

    def stop(self) -> None:
        self._server.shutdown()
        self._server.close_open_sockets()
        self._server.server_close()

    def __enter__(self) -> str:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
