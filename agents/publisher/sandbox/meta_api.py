"""Meta's Graph API under /meta/{version}: a Facebook page feed and Instagram's two-step publishing.

Which platform a request belongs to comes from its token's account (a page token or an Instagram
user token), or, without a valid token, from the path. Objects that do not exist and objects the
token may not see get the same answer, as on Graph: code 100, subcode 33.
"""

from __future__ import annotations

import math
import re
import secrets
from typing import TYPE_CHECKING, Any

from agents.publisher.sandbox.app import PlatformApi
from agents.publisher.sandbox.store import Account, Container, Post, RateState
from agents.publisher.sandbox.wire import (
    Request,
    Response,
    Route,
    graph_time,
    int_arg,
    split_fields,
    unix_arg,
)

if TYPE_CHECKING:
    from agents.publisher.sandbox.app import Sandbox

_METRIC_FIELDS = frozenset({"likes", "comments", "shares", "insights", "like_count", "comments_count",
                            "reactions"})
_MAX_MESSAGE = 63_206  # Facebook's post length limit
_MAX_CAPTION = 2_200  # Instagram's


def _error(status: int, message: str, code: int, subcode: int | None = None,
           kind: str = "OAuthException", **extra: Any) -> Response:
    error: dict[str, Any] = {"message": message, "type": kind, "code": code}
    if subcode is not None:
        error["error_subcode"] = subcode
    error.update(extra)
    error["fbtrace_id"] = secrets.token_urlsafe(9)
    return Response.json(status, {"error": error})


def _missing(verb: str, object_id: str) -> Response:
    return _error(400, f"Unsupported {verb} request. Object with ID '{object_id}' does not exist, cannot be loaded "
                       "due to missing permissions, or does not support this operation", 100, 33,
                  kind="GraphMethodException")


def _permission(object_id: str) -> Response:
    return _error(403, f"(#200) The token may not act for {object_id}", 200)


def _own_post(sb: Sandbox, account: Account, object_id: str) -> Post | None:
    post = sb.store.post(account.platform, object_id)
    return post if post is not None and post.account_id == account.account_id else None


def container_status(sb: Sandbox, container: Container) -> str:
    if container.media_id is not None:
        return "PUBLISHED"
    if not container.image_url.lower().startswith(("http://", "https://")):
        return "ERROR"
    age = sb.clock() - container.created_at
    if age >= sb.config.container_ttl_s:
        return "EXPIRED"
    return "IN_PROGRESS" if age < sb.config.container_delay_s else "FINISHED"


def _render(sb: Sandbox, post: Post, fields: list[str]) -> dict[str, Any]:
    data: dict[str, Any] = {"id": post.id}
    m = sb.engagement.metrics(post.platform, post.id, sb.age_s(post)) if _METRIC_FIELDS & set(fields) else None
    if post.platform == "facebook":
        fields = fields or ["message", "created_time"]
        if "message" in fields:
            data["message"] = post.text
        if "created_time" in fields:
            data["created_time"] = graph_time(post.created_at)
        if m is not None:
            if "likes" in fields:
                data["likes"] = {"data": [], "summary": {"total_count": m.likes, "can_like": True}}
            if "comments" in fields:
                data["comments"] = {"data": [], "summary": {"total_count": m.comments, "order": "chronological"}}
            if "shares" in fields:
                data["shares"] = {"count": m.shares}
            if "insights" in fields:
                data["insights"] = {"data": [{"name": "post_impressions", "period": "lifetime",
                                              "values": [{"value": m.impressions}]}]}
        return data
    if "caption" in fields:
        data["caption"] = post.text
    if "timestamp" in fields:
        data["timestamp"] = graph_time(post.created_at)
    if "media_type" in fields:
        data["media_type"] = "IMAGE"
    if "media_url" in fields:
        data["media_url"] = post.image_url
    if m is not None:
        if "like_count" in fields:
            data["like_count"] = m.likes
        if "comments_count" in fields:
            data["comments_count"] = m.comments
    return data


def me(sb: Sandbox, req: Request, account: Account, route: Route) -> Response:
    return Response.json(200, {"id": account.account_id, "name": account.name})


def get_object(sb: Sandbox, req: Request, account: Account, route: Route) -> Response:
    object_id = route.target or ""
    container = sb.store.container(object_id)
    if container is not None:
        if account.platform != "instagram" or container.account_id != account.account_id:
            return _missing("get", object_id)
        return Response.json(200, {"status_code": container_status(sb, container), "id": container.id})
    post = _own_post(sb, account, object_id)
    if post is None:
        return _missing("get", object_id)
    return Response.json(200, _render(sb, post, split_fields(req.arg("fields"))))


def delete_object(sb: Sandbox, req: Request, account: Account, route: Route) -> Response:
    object_id = route.target or ""
    if not sb.store.delete_post(account.platform, object_id, how="api", account_id=account.account_id):
        return _missing("delete", object_id)
    return Response.json(200, {"success": True})


def comments(sb: Sandbox, req: Request, account: Account, route: Route) -> Response:
    object_id = route.target or ""
    post = _own_post(sb, account, object_id)
    if post is None:
        return _missing("get", object_id)
    limit = int_arg(req, "limit", 25, 1, 100)
    listed = sb.engagement.comments(post.platform, post.id, sb.age_s(post))[::-1][:limit]  # newest first
    scale = sb.config.time_scale
    if post.platform == "facebook":
        data = [{"id": f"{post.id}_{c.id}", "message": c.text,
                 "created_time": graph_time(post.created_at + c.age_s / scale)} for c in listed]
    else:
        data = [{"id": c.id, "text": c.text, "timestamp": graph_time(post.created_at + c.age_s / scale)}
                for c in listed]
    return Response.json(200, {"data": data, "paging": {}})


def _owner_check(account: Account, route: Route, platform: str) -> Response | None:
    owner = route.match.group(1)
    if account.platform != platform or account.account_id != owner:
        return _permission(owner)
    return None


def feed_create(sb: Sandbox, req: Request, account: Account, route: Route) -> Response:
    refused = _owner_check(account, route, "facebook")
    if refused is not None:
        return refused
    message = req.params().get("message", "")
    if not message.strip():
        return _error(400, "(#100) Missing message or attachment", 100)
    if len(message) > _MAX_MESSAGE:
        return _error(400, f"(#100) The message is longer than {_MAX_MESSAGE} characters", 100)
    post, _ = sb.store.create_post(account, message, dedup=True)
    if post is None:
        return _duplicate_status()
    return Response.json(200, {"id": post.id})


def _duplicate_status() -> Response:
    return _error(400, "Duplicate status message", 506)


def feed_list(sb: Sandbox, req: Request, account: Account, route: Route) -> Response:
    refused = _owner_check(account, route, "facebook")
    if refused is not None:
        return refused
    posts = sb.store.live_posts("facebook", account.account_id, since=unix_arg(req, "since"),
                                limit=int_arg(req, "limit", 25, 1, 100))
    fields = split_fields(req.arg("fields")) or ["id", "message", "created_time"]
    return Response.json(200, {"data": [_render(sb, p, fields) for p in posts], "paging": {}})


def media_create(sb: Sandbox, req: Request, account: Account, route: Route) -> Response:
    refused = _owner_check(account, route, "instagram")
    if refused is not None:
        return refused
    params = req.params()
    image_url = params.get("image_url", "").strip()
    if not image_url:
        return _error(400, "(#100) The parameter image_url is required", 100)
    caption = params.get("caption", "")
    if len(caption) > _MAX_CAPTION:
        return _error(400, f"(#100) The caption is longer than {_MAX_CAPTION} characters", 100)
    container = sb.store.create_container(account, caption, image_url)
    return Response.json(200, {"id": container.id})


def _already_published() -> Response:
    return _error(400, "The media has already been published", 9004, 2207008)


def media_publish(sb: Sandbox, req: Request, account: Account, route: Route) -> Response:
    refused = _owner_check(account, route, "instagram")
    if refused is not None:
        return refused
    creation_id = req.params().get("creation_id", "").strip()
    if not creation_id:
        return _error(400, "(#100) The parameter creation_id is required", 100)
    container = sb.store.container(creation_id)
    if container is None or container.account_id != account.account_id:
        return _missing("post", creation_id)
    status = container_status(sb, container)
    if status == "PUBLISHED":
        return _already_published()
    if status != "FINISHED":
        return _error(400, "Media ID is not available", 9007, 2207027,
                      error_user_msg=f"The media container is {status}, not FINISHED")
    post = sb.store.publish_container(account, container)
    if post is None:  # a concurrent publish of the same container won
        return _already_published()
    return Response.json(200, {"id": post.id})


def media_list(sb: Sandbox, req: Request, account: Account, route: Route) -> Response:
    refused = _owner_check(account, route, "instagram")
    if refused is not None:
        return refused
    posts = sb.store.live_posts("instagram", account.account_id, limit=int_arg(req, "limit", 25, 1, 100))
    fields = split_fields(req.arg("fields")) or ["id"]
    return Response.json(200, {"data": [_render(sb, p, fields) for p in posts], "paging": {}})


_VERSIONED = re.compile(r"/v\d{1,2}\.\d(/.*)")
_ID = r"(\d+(?:_\d+)?)"
_ROUTES: list[tuple[str, re.Pattern[str], str, Any]] = [
    ("GET", re.compile(r"/me"), "me", me),
    ("POST", re.compile(r"/(\d+)/feed"), "create", feed_create),
    ("GET", re.compile(r"/(\d+)/feed"), "list", feed_list),
    ("POST", re.compile(r"/(\d+)/media"), "container", media_create),
    ("POST", re.compile(r"/(\d+)/media_publish"), "publish_container", media_publish),
    ("GET", re.compile(r"/(\d+)/media"), "list", media_list),
    ("GET", re.compile("/" + _ID + "/comments"), "comments", comments),
    ("DELETE", re.compile("/" + _ID), "delete", delete_object),
    ("GET", re.compile("/" + _ID), "get", get_object),
]


class MetaApi(PlatformApi):
    prefix = "/meta"
    platforms = ("facebook", "instagram")

    def route(self, sb: Sandbox, req: Request, path: str) -> Route | None:
        versioned = _VERSIONED.fullmatch(path)
        if versioned is None:
            return None
        rest = versioned.group(1).rstrip("/") or "/"
        for method, pattern, operation, handler in _ROUTES:
            match = pattern.fullmatch(rest)
            if not match or method != req.method:
                continue
            target = match.group(1) if operation in ("get", "delete", "comments") else None
            chain: tuple[str, ...] = ()
            if operation == "get" and target is not None and sb.store.container(target) is not None:
                operation, chain = "container_status", ("container_status", "get")
            elif operation == "get" and _METRIC_FIELDS & set(split_fields(req.arg("fields"))):
                chain = ("metrics", "get")  # counted as a get; a "metrics" fault applies first
            elif operation == "publish_container":
                chain = ("publish_container", "create")  # publishing is Instagram's "create"
            return Route(operation, handler, match, target, chain)
        return None

    def platform_of(self, sb: Sandbox, req: Request, path: str, account: Account | None) -> str:
        if account is not None and account.platform in self.platforms:
            return account.platform
        if "/media" in path:
            return "instagram"
        last = path.rstrip("/").rsplit("/", 2)
        for part in last:
            if part.isdigit() and (sb.store.container(part) or sb.store.post("instagram", part, include_deleted=True)):
                return "instagram"
        return "facebook"

    def unauthorized(self, expired: bool) -> Response:
        if expired:
            return _error(401, "Error validating access token: Session has expired", 190, 463)
        return _error(401, "Invalid OAuth access token - Cannot parse access token", 190)

    def rate_limited(self, rate: RateState | None, retry_after_s: float) -> Response:
        minutes = max(1, math.ceil(retry_after_s / 60))
        usage = ('{"sandbox":[{"type":"pages","call_count":100,"total_cputime":10,"total_time":10,'
                 f'"estimated_time_to_regain_access":{minutes}}}]}}')
        response = _error(429, "Page request limit reached", 32)
        response.headers += [("Retry-After", str(max(0, math.ceil(retry_after_s)))),
                             ("X-Business-Use-Case-Usage", usage)]
        return response

    def unavailable(self) -> Response:
        return _error(503, "An unexpected error has occurred. Please retry your request later.", 2,
                      is_transient=True)

    def duplicate(self, sb: Sandbox, account: Account, route: Route) -> Response:
        return _already_published() if account.platform == "instagram" else _duplicate_status()

    def not_found(self, route: Route) -> Response:
        return _missing("delete" if route.operation == "delete" else "get", route.target or "")

    def no_route(self, req: Request) -> Response:
        return _error(400, f"Unknown path components: {req.path}", 2500)

    def bad_request(self, message: str) -> Response:
        return _error(400, f"(#100) {message}", 100)

    def full(self, message: str) -> Response:
        return _error(507, message, 1)
