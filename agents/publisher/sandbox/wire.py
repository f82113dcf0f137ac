"""The HTTP request and answer as the platform modules see them, independent of the server underneath."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, unquote


class BadRequest(Exception):
    """A malformed body or parameter; each platform turns it into its own 400 shape."""


@dataclass
class Request:
    method: str
    path: str  # raw (still percent-encoded), without the query string
    query: dict[str, list[str]]
    headers: Mapping[str, str]  # lower-case names
    body: bytes = b""
    client_host: str = "127.0.0.1"

    @classmethod
    def build(cls, method: str, target: str, headers: Mapping[str, str], body: bytes,
              client_host: str = "127.0.0.1") -> Request:
        path, _, query = target.partition("?")
        return cls(method=method.upper(), path=path, query=parse_qs(query, keep_blank_values=True),
                   headers={k.lower(): v for k, v in headers.items()}, body=body, client_host=client_host)

    def arg(self, name: str, default: str | None = None) -> str | None:
        values = self.query.get(name)
        return values[-1] if values else default

    def bearer(self) -> str | None:
        auth = self.headers.get("authorization", "")
        scheme, _, token = auth.partition(" ")
        if scheme.lower() != "bearer":
            return None
        return token.strip() or None

    def json(self) -> Any:
        try:
            return json.loads(self.body or b"null")
        except (ValueError, UnicodeDecodeError):
            raise BadRequest("the body is not valid JSON") from None

    def json_object(self) -> dict[str, Any]:
        data = self.json()
        if not isinstance(data, dict):
            raise BadRequest("the body must be a JSON object")
        return data

    def params(self) -> dict[str, str]:
        """Query parameters merged with a form or JSON body (how the Graph API reads a POST)."""
        out = {k: v[-1] for k, v in self.query.items()}
        content_type = self.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type == "application/json" and self.body:
            for key, value in self.json_object().items():
                out[key] = value if isinstance(value, str) else json.dumps(value)
        elif self.body:
            try:
                form = parse_qs(self.body.decode("utf-8"), keep_blank_values=True)
            except UnicodeDecodeError:
                raise BadRequest("the form body is not UTF-8") from None
            out.update({k: v[-1] for k, v in form.items()})
        return out


@dataclass
class Response:
    status: int
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)
    lose: bool = False  # close the socket without answering (after the operation committed)
    delay_s: float = 0.0  # wait this long before answering (after the operation committed)

    @classmethod
    def json(cls, status: int, data: Any, headers: list[tuple[str, str]] | None = None) -> Response:
        body = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        return cls(status=status, body=body, headers=[("Content-Type", "application/json"), *(headers or [])])


@dataclass(frozen=True)
class Route:
    """One matched endpoint: the operation it counts as, the fault queues it consumes, and its handler."""

    operation: str
    handler: Callable[..., Response]
    match: re.Match[str]
    target: str | None = None  # the object id in the path (decoded), for 404 faults and errors
    fault_chain: tuple[str, ...] = ()

    @property
    def chain(self) -> tuple[str, ...]:
        return self.fault_chain or (self.operation,)


def segment(value: str) -> str:
    """A decoded path segment (LinkedIn URNs arrive percent-encoded)."""
    return unquote(value)


def int_arg(req: Request, name: str, default: int, low: int, high: int) -> int:
    raw = req.arg(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest(f"{name} must be an integer, got {raw!r}") from None
    if not low <= value <= high:
        raise BadRequest(f"{name} must be from {low} to {high}, got {value}")
    return value


def unix_arg(req: Request, name: str) -> float | None:
    raw = req.arg(name)
    if raw is None or raw == "":
        return None
    try:
        value = float(raw)
    except ValueError:
        raise BadRequest(f"{name} must be a unix timestamp, got {raw!r}") from None
    if not math.isfinite(value):
        raise BadRequest(f"{name} must be a unix timestamp, got {raw!r}")
    return value


def iso_arg(req: Request, name: str) -> float | None:
    raw = req.arg(name)
    if raw is None or raw == "":
        return None
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise BadRequest(f"{name} must be an ISO 8601 time such as 2026-11-30T12:00:00Z, got {raw!r}") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.timestamp()


def split_fields(raw: str | None) -> list[str]:
    """Top-level names of a Graph/X fields list: ``likes.summary(true),comments{message}`` → likes, comments."""
    if not raw:
        return []
    names, depth, current = [], 0, ""
    for ch in raw:
        if ch in "({":
            depth += 1
        elif ch in ")}":
            depth -= 1
        if ch == "," and depth == 0:
            names.append(current)
            current = ""
        else:
            current += ch
    names.append(current)
    return [re.split(r"[.({]", name.strip(), maxsplit=1)[0] for name in names if name.strip()]


def x_time(epoch: float) -> str:
    """X's timestamps: 2026-11-30T12:00:00.000Z."""
    dt = datetime.fromtimestamp(epoch, UTC)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def graph_time(epoch: float) -> str:
    """Graph API timestamps: 2026-11-30T12:00:00+0000."""
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")
