"""The sandbox's own control API under /_sandbox (accounts, faults, reset, hand deletes, sentiment, stats).

It is not part of any platform and is never counted in the platform request stats, so a test can
assert "0 requests reached the platform" while it sets the sandbox up. The same functions back the
in-process helpers of ``SandboxHandle``.
"""

from __future__ import annotations

import ipaddress
import math
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from agents.publisher.sandbox.engagement import Spike
from agents.publisher.sandbox.faults import parse_fault
from agents.publisher.sandbox.store import PLATFORMS, SandboxFull
from agents.publisher.sandbox.wire import BadRequest, Request, Response, segment

if TYPE_CHECKING:
    from agents.publisher.sandbox.app import Sandbox


def set_sentiment(sb: Sandbox, data: Any) -> dict[str, Any]:
    """Validate and apply a negative-comment spike (ValueError if invalid)."""
    if not isinstance(data, Mapping):
        raise ValueError("the body must be a JSON object")
    unknown = set(data) - {"negative_rate", "after_s", "platform"}
    if unknown:
        raise ValueError(f"unknown field(s): {', '.join(sorted(unknown))}")
    rate, after, platform = data.get("negative_rate"), data.get("after_s", 0), data.get("platform")
    for name, value, high in (("negative_rate", rate, 1.0), ("after_s", after, 10.0**9)):
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) \
                or not 0 <= value <= high:
            raise ValueError(f"{name} must be a number from 0 to {high:g}, got {value!r}")
    if platform is not None and platform not in PLATFORMS:
        raise ValueError(f"platform must be null or one of {', '.join(PLATFORMS)}, got {platform!r}")
    assert isinstance(rate, int | float) and isinstance(after, int | float)
    sb.engagement.set_spike(Spike(negative_rate=float(rate), after_s=float(after)), platform)
    return {"negative_rate": float(rate), "after_s": float(after), "platform": platform}


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _error(status: int, message: str) -> Response:
    return Response.json(status, {"error": message})


_HAND_DELETE = re.compile(r"/posts/([a-z]+)/([^/]+)/delete")


def handle(sb: Sandbox, req: Request, path: str) -> Response:
    if not _is_loopback(req.client_host):
        return _error(403, "the control API answers loopback clients only")
    try:
        return _dispatch(sb, req, path)
    except (ValueError, BadRequest) as exc:
        return _error(400, str(exc))
    except SandboxFull as exc:
        return _error(507, str(exc))


def _dispatch(sb: Sandbox, req: Request, path: str) -> Response:
    method = req.method
    if (method, path) == ("POST", "/accounts"):
        body = req.json_object()
        return Response.json(201, sb.store.create_account(str(body.get("platform"))).public())
    if (method, path) == ("POST", "/faults"):
        fault, times = parse_fault(req.json())
        sb.faults.add(fault, times)
        return Response.json(201, {"queued": times, "fault": fault.public()})
    if (method, path) == ("DELETE", "/faults"):
        return Response.json(200, {"cleared": sb.faults.clear()})
    if (method, path) == ("GET", "/faults"):
        return Response.json(200, {"faults": sb.faults.pending()})
    if (method, path) == ("POST", "/reset"):
        sb.reset()
        return Response.json(200, {"reset": True})
    if (method, path) == ("POST", "/sentiment"):
        return Response.json(200, set_sentiment(sb, req.json()))
    if (method, path) == ("GET", "/stats"):
        return Response.json(200, sb.store.stats())
    if (method, path) == ("GET", "/posts"):
        return Response.json(200, {"posts": sb.store.all_posts()})
    if (method, path) == ("GET", "/health"):
        return Response.json(200, {"ok": True})
    hand = _HAND_DELETE.fullmatch(path)
    if hand and method == "POST":
        platform, post_id = hand.group(1), segment(hand.group(2))
        if platform not in PLATFORMS:
            raise ValueError(f"platform must be one of {', '.join(PLATFORMS)}, got {platform!r}")
        if not sb.store.delete_post(platform, post_id, how="hand"):
            return _error(404, f"no live {platform} post {post_id}")
        return Response.json(200, {"deleted": True})
    return _error(404, f"no control endpoint {method} /_sandbox{path}")
