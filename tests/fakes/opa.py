"""Real OPA for tests: the OPA Go library in-process, and a loopback server speaking OPA's Data API.

Production evaluates the bundle with an OPA server (docker-compose.yml); development with
regorus. Both answers are compared with real OPA here — OPA v1.20 built as a Go shared
library (PyPI `opa-golib-python-bindings`, a test dependency installed by the Makefile) — so
no test compares regorus with itself.

`OpaTestServer` answers like `opa run --server`: `POST /v1/data/<path>` with `{"input": ...}`
→ `{"result": ..., "decision_id": ...}`, no `result` key when the document is undefined,
errors as `{"code": ..., "message": ...}` with status 400/500.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import uuid
from collections.abc import Mapping
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any

from opa_bindings import OpaEngine, OpaError, OpaUndefinedError

from core.contracts.policy import PolicyEngineName
from policies.bundle import Bundle, BundleError, load_bundle


@cache
def opa_version() -> str:
    """The OPA release compiled into the bindings (read from the Go build info of the library)."""
    import opa_bindings

    lib = Path(opa_bindings.__file__).with_name("libopabridge.so").read_bytes()
    match = re.search(rb"dep\tgithub.com/open-policy-agent/opa\t(v[0-9][0-9A-Za-z.+-]*)", lib)
    if match is None:
        raise RuntimeError("OPA version not found in the bindings' build info")
    return match.group(1).decode()


class RealOpaEngine:
    """A `PolicyEngine` evaluating with real OPA in-process (thread-safe: the bindings serialise)."""

    name: PolicyEngineName = "opa"

    def __init__(self, bundle_dir: Path | str | None = None, *, bundle: Bundle | None = None) -> None:
        self.bundle = bundle or load_bundle(bundle_dir)
        self.revision = self.bundle.revision
        self.engine = OpaEngine()
        if self.bundle.data:  # the generated vocabulary, mounted at data.smm.<name> like regorus does
            self.engine.add_data(json.loads(self.bundle.data_json()))
        for rel, text in self.bundle.policies:
            try:
                self.engine.add_policy(rel, text)
            except OpaError as exc:
                raise BundleError(exc.message, rel) from exc

    def evaluate(self, rule: str, doc: Mapping[str, Any] | None) -> tuple[Any, str | None]:
        # Queries are a fixed set of rule paths (the bindings cache one prepared query per path).
        try:
            return self.engine.eval_document(rule.removeprefix("data."), doc), None
        except OpaUndefinedError:
            return None, None

    def close(self) -> None:
        self.engine.close()


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
        if not isinstance(body, dict):
            self._send(400, {"code": "invalid_parameter", "message": "request body must be an object"})
            return
        path = self.path.removeprefix("/v1/data/").split("?")[0].strip("/").replace("/", ".")
        response: dict[str, Any] = {"decision_id": str(uuid.uuid4())}
        try:
            result, _ = self.server.engine.evaluate(path, body.get("input"))
        except OpaError as exc:
            self._send(500, {"code": "internal_error", "message": str(exc)})
            return
        if result is not None:
            response["result"] = result
        self._send(200, response)


class _Server(ThreadingHTTPServer):
    # Non-daemon handler threads are joined on close; open keep-alive sockets are
    # shut down first so no thread is left blocked in a read at interpreter exit.
    daemon_threads = False
    block_on_close = True
    engine: RealOpaEngine

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


class OpaTestServer:
    """`with OpaTestServer() as url:` serves the bundle with real OPA on 127.0.0.1:<free port>."""

    def __init__(self, bundle_dir: Path | str | None = None) -> None:
        self.engine = RealOpaEngine(bundle_dir)
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.engine = self.engine
        self._thread = threading.Thread(target=self._server.serve_forever, name="opa-test-server", daemon=True)

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
        self.engine.close()

    def __enter__(self) -> str:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
