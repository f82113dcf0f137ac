"""A real HTTP server on 127.0.0.1 speaking the OpenAI chat-completions and embeddings wire format.

Scriptable: queue replies (valid JSON, invalid JSON, HTTP errors) and inspect
the requests received. Used to test the openai provider through the real
``openai`` client — the only mock is at the edge of the world (a remote LLM).
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import numpy as np


@dataclass
class Reply:
    content: str | None = None
    status: int = 200
    error_message: str = "scripted error"
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    model: str | None = None  # only answer when the request asks for this model


class FakeOpenAIServer:
    def __init__(self, *, embedding_dim: int = 384) -> None:
        self.replies: deque[Reply] = deque()
        self.requests: list[dict[str, Any]] = []
        self.embedding_dim = embedding_dim
        self.default: Callable[[dict[str, Any]], str] | None = None
        self.failing_models: set[str] = set()  # models that always get HTTP 500
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self.base_url = ""

    # scripting
    def push(self, content: str | dict[str, Any], **kwargs: Any) -> None:
        text = content if isinstance(content, str) else json.dumps(content)
        self.replies.append(Reply(content=text, **kwargs))

    def push_error(self, status: int = 500, message: str = "scripted error") -> None:
        self.replies.append(Reply(status=status, error_message=message))

    def chat_requests(self) -> list[dict[str, Any]]:
        return [r for r in self.requests if r["path"].endswith("/chat/completions")]

    # wire format
    def _chat(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        model = body.get("model", "")
        if model in self.failing_models:
            return 500, {"error": {"message": f"model {model} is down", "type": "server_error"}}
        with self._lock:
            reply = self.replies.popleft() if self.replies else None
        if reply is None:
            if self.default is None:
                return 500, {"error": {"message": "no scripted reply", "type": "server_error"}}
            reply = Reply(content=self.default(body))
        if reply.status != 200:
            return reply.status, {"error": {"message": reply.error_message, "type": "server_error"}}
        content = reply.content or ""
        prompt = sum(len(str(m.get("content", "")).split()) for m in body.get("messages", []))
        return 200, {
            "id": f"chatcmpl-{len(self.requests)}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
            "usage": {
                "prompt_tokens": reply.prompt_tokens if reply.prompt_tokens is not None else prompt,
                "completion_tokens": reply.completion_tokens
                if reply.completion_tokens is not None
                else len(content.split()),
                "total_tokens": (reply.prompt_tokens or prompt) + (reply.completion_tokens or len(content.split())),
            },
        }

    def _embeddings(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        inputs = body.get("input", [])
        if isinstance(inputs, str):
            inputs = [inputs]
        dim = self.embedding_dim
        data = []
        for i, text in enumerate(inputs):
            seed = int.from_bytes(hashlib.sha256(str(text).encode()).digest()[:8], "little")
            vec = np.random.default_rng(seed).standard_normal(dim)
            data.append({"object": "embedding", "index": i, "embedding": [float(x) for x in vec]})
        return 200, {
            "object": "list",
            "data": data,
            "model": body.get("model", ""),
            "usage": {"prompt_tokens": len(inputs), "total_tokens": len(inputs)},
        }

    @contextmanager
    def running(self) -> Iterator[FakeOpenAIServer]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", "0"))
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append({"path": self.path, "body": body, "auth": self.headers.get("authorization")})
                if self.path.endswith("/chat/completions"):
                    status, payload = fake._chat(body)
                elif self.path.endswith("/embeddings"):
                    status, payload = fake._embeddings(body)
                else:
                    status, payload = 404, {"error": {"message": "not found"}}
                raw = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        self._server = server
        self.base_url = f"http://127.0.0.1:{server.server_address[1]}/v1"
        try:
            yield self
        finally:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)
