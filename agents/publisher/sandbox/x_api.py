"""X API v2 under /x: tweets create/get/delete, a user's timeline, replies by conversation, users/me."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

from agents.publisher.sandbox.app import PlatformApi
from agents.publisher.sandbox.store import Account, Post, RateState
from agents.publisher.sandbox.wire import BadRequest, Request, Response, Route, int_arg, iso_arg, split_fields, x_time
from policies.derive import x_weighted_length

if TYPE_CHECKING:
    from agents.publisher.sandbox.app import Sandbox

MAX_WEIGHTED_LENGTH = 280
_PROBLEMS = "https://api.twitter.com/2/problems/"


def _problem(status: int, title: str, detail: str, kind: str = "about:blank", **extra: Any) -> Response:
    return Response.json(status, {"title": title, "detail": detail, "type": kind, "status": status, **extra})


def _not_found_detail(tweet_id: str) -> str:
    return f"Could not find tweet with id: [{tweet_id}]."


def _tweet(sb: Sandbox, post: Post, fields: list[str]) -> dict[str, Any]:
    data: dict[str, Any] = {"id": post.id, "text": post.text, "edit_history_tweet_ids": [post.id]}
    if "created_at" in fields:
        data["created_at"] = x_time(post.created_at)
    if "author_id" in fields:
        data["author_id"] = post.account_id
    if "conversation_id" in fields:
        data["conversation_id"] = post.id
    if "public_metrics" in fields:
        m = sb.engagement.metrics("x", post.id, sb.age_s(post))
        data["public_metrics"] = {"retweet_count": m.shares, "reply_count": m.comments, "like_count": m.likes,
                                  "quote_count": m.quotes, "bookmark_count": m.likes // 10,
                                  "impression_count": m.impressions}
    return data


def me(sb: Sandbox, req: Request, account: Account, route: Route) -> Response:
    return Response.json(200, {"data": {"id": account.account_id, "name": account.name,
                                        "username": account.username}})


def create(sb: Sandbox, req: Request, account: Account, route: Route) -> Response:
    body = req.json_object()
    text = body.get("text")
    if not isinstance(text, str) or not text.strip():
        raise BadRequest("$.text: a non-empty string is required")
    if x_weighted_length(text) > MAX_WEIGHTED_LENGTH:
        detail = f"The text of your Tweet is too long (weighted length over {MAX_WEIGHTED_LENGTH})."
        return Response.json(400, {"errors": [{"message": detail}], "title": "Invalid Request", "detail": detail,
                                   "type": _PROBLEMS + "invalid-request", "status": 400})
    post, _ = sb.store.create_post(account, text, dedup=True)
    if post is None:
        return _duplicate()
    return Response.json(201, {"data": {"id": post.id, "text": post.text, "edit_history_tweet_ids": [post.id]}})


def _duplicate() -> Response:
    return _problem(403, "Forbidden", "You are not allowed to create a Tweet with duplicate content.")


def delete(sb: Sandbox, req: Request, account: Account, route: Route) -> Response:
    assert route.target is not None
    if not sb.store.delete_post("x", route.target, how="api", account_id=account.account_id):
        return _not_found(route.target)
    return Response.json(200, {"data": {"deleted": True}})


def _not_found(tweet_id: str) -> Response:
    return _problem(404, "Not Found Error", _not_found_detail(tweet_id), _PROBLEMS + "resource-not-found")


def _missing_tweet(tweet_id: str) -> Response:
    """X answers a lookup of a missing tweet with 200 and an ``errors`` list (real behaviour)."""
    value: Any = int(tweet_id) if tweet_id.isdigit() else tweet_id
    return Response.json(200, {"errors": [{
        "value": value, "detail": _not_found_detail(tweet_id), "title": "Not Found Error", "resource_type": "tweet",
        "parameter": "id", "resource_id": value, "type": _PROBLEMS + "resource-not-found"}]})


def get(sb: Sandbox, req: Request, account: Account, route: Route) -> Response:
    assert route.target is not None
    post = sb.store.post("x", route.target)
    if post is None:
        return _missing_tweet(route.target)
    return Response.json(200, {"data": _tweet(sb, post, split_fields(req.arg("tweet.fields")))})


def timeline(sb: Sandbox, req: Request, account: Account, route: Route) -> Response:
    limit = int_arg(req, "max_results", 10, 5, 100)
    since = iso_arg(req, "start_time")
    fields = split_fields(req.arg("tweet.fields"))
    posts = sb.store.live_posts("x", route.match.group(1), since=since, limit=limit)
    if not posts:
        return Response.json(200, {"meta": {"result_count": 0}})
    return Response.json(200, {"data": [_tweet(sb, p, fields) for p in posts],
                               "meta": {"result_count": len(posts), "newest_id": posts[0].id,
                                        "oldest_id": posts[-1].id}})


_CONVERSATION = re.compile(r"conversation_id:(\d+)")


def replies(sb: Sandbox, req: Request, account: Account, route: Route) -> Response:
    found = _CONVERSATION.fullmatch((req.arg("query") or "").strip())
    if found is None:
        raise BadRequest("the sandbox answers only query=conversation_id:<tweet id>")
    limit = int_arg(req, "max_results", 10, 10, 100)
    post = sb.store.post("x", found.group(1))
    if post is None:
        return Response.json(200, {"meta": {"result_count": 0}})
    comments = sb.engagement.comments("x", post.id, sb.age_s(post))[::-1][:limit]  # newest first
    scale = sb.config.time_scale
    data = [{"id": c.id, "text": c.text, "created_at": x_time(post.created_at + c.age_s / scale),
             "conversation_id": post.id, "in_reply_to_user_id": post.account_id} for c in comments]
    if not data:
        return Response.json(200, {"meta": {"result_count": 0}})
    return Response.json(200, {"data": data, "meta": {"result_count": len(data), "newest_id": data[0]["id"],
                                                      "oldest_id": data[-1]["id"]}})


_ROUTES: list[tuple[str, re.Pattern[str], str, Any]] = [
    ("GET", re.compile(r"/2/users/me"), "me", me),
    ("POST", re.compile(r"/2/tweets"), "create", create),
    ("GET", re.compile(r"/2/tweets/search/recent"), "comments", replies),
    ("DELETE", re.compile(r"/2/tweets/([^/]+)"), "delete", delete),
    ("GET", re.compile(r"/2/tweets/([^/]+)"), "get", get),
    ("GET", re.compile(r"/2/users/([^/]+)/tweets"), "list", timeline),
]


class XApi(PlatformApi):
    prefix = "/x"
    platforms = ("x",)

    def route(self, sb: Sandbox, req: Request, path: str) -> Route | None:
        for method, pattern, operation, handler in _ROUTES:
            match = pattern.fullmatch(path)
            if match and method == req.method:
                target = match.group(1) if operation in ("get", "delete") else None
                # a read that asks for metrics is also a metrics call (fault queue "metrics" first)
                chain = ("metrics", "get") if operation == "get" and "public_metrics" in split_fields(
                    req.arg("tweet.fields")) else ()
                return Route(operation, handler, match, target, chain)
        return None

    def unauthorized(self, expired: bool) -> Response:
        return _problem(401, "Unauthorized", "Unauthorized")

    def rate_limited(self, rate: RateState | None, retry_after_s: float) -> Response:
        import time

        reset = rate.reset if rate else int(time.time() + math.ceil(retry_after_s))
        limit = rate.limit if rate else 300
        response = _problem(429, "Too Many Requests", "Too Many Requests")
        response.headers += [("x-rate-limit-limit", str(limit)), ("x-rate-limit-remaining", "0"),
                             ("x-rate-limit-reset", str(reset))]
        return response

    def unavailable(self) -> Response:
        return _problem(503, "Service Unavailable", "Service Unavailable")

    def duplicate(self, sb: Sandbox, account: Account, route: Route) -> Response:
        return _duplicate()

    def not_found(self, route: Route) -> Response:
        target = route.target or "0"
        return _missing_tweet(target) if route.operation == "get" else _not_found(target)

    def no_route(self, req: Request) -> Response:
        return _problem(404, "Not Found Error", f"No route for {req.method} {req.path}",
                        _PROBLEMS + "resource-not-found")

    def bad_request(self, message: str) -> Response:
        return Response.json(400, {"errors": [{"message": message}], "title": "Invalid Request",
                                   "detail": "One or more parameters to your request was invalid.",
                                   "type": _PROBLEMS + "invalid-request", "status": 400})

    def full(self, message: str) -> Response:
        return _problem(507, "Insufficient Storage", message)

    def decorate(self, response: Response, rate: RateState) -> None:
        if 200 <= response.status < 300:
            response.headers += [("x-rate-limit-limit", str(rate.limit)),
                                 ("x-rate-limit-remaining", str(rate.remaining)),
                                 ("x-rate-limit-reset", str(rate.reset))]
