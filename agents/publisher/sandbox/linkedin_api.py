"""LinkedIn's versioned REST API under /linkedin: /rest/posts, social actions, share statistics, userinfo.

Every /rest/ call needs a ``LinkedIn-Version: YYYYMM`` header inside the active range (400 when
missing, 426 when not active), checked before the token, as LinkedIn does.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from agents.publisher.sandbox.app import PlatformApi
from agents.publisher.sandbox.store import Account, Post, RateState
from agents.publisher.sandbox.wire import BadRequest, Request, Response, Route, int_arg, segment

if TYPE_CHECKING:
    from agents.publisher.sandbox.app import Sandbox

MAX_COMMENTARY = 3000
_VERSION = re.compile(r"(\d{6})(?:\.\d{2})?")


def _error(status: int, code: str, message: str, **extra: Any) -> Response:
    return Response.json(status, {"status": status, "code": code, "message": message, **extra})


def _own_post(sb: Sandbox, account: Account, urn: str) -> Post | None:
    post = sb.store.post("linkedin", urn)
    return post if post is not None and post.account_id == account.account_id else None


def _post_json(post: Post, author_urn: str | None) -> dict[str, Any]:
    return {"id": post.id, "author": author_urn, "commentary": post.text, "visibility": "PUBLIC",
            "createdAt": int(post.created_at * 1000), "lastModifiedAt": int(post.created_at * 1000),
            "publishedAt": int(post.created_at * 1000), "lifecycleState": "PUBLISHED",
            "distribution": {"feedDistribution": "MAIN_FEED", "targetEntities": [],
                             "thirdPartyDistributionChannels": []},
            "isReshareDisabledByAuthor": False}


def _not_found(urn: str) -> Response:
    return _error(404, "NOT_FOUND", f"Post {urn} does not exist or is not visible to this member")


def userinfo(sb: Sandbox, req: Request, account: Account, route: Route) -> Response:
    return Response.json(200, {"sub": account.sub, "name": account.name, "email_verified": True})


def create(sb: Sandbox, req: Request, account: Account, route: Route) -> Response:
    body = req.json_object()
    author, commentary = body.get("author"), body.get("commentary")
    if not isinstance(author, str) or not isinstance(commentary, str) or not commentary.strip():
        raise BadRequest("author (a URN) and commentary (non-empty text) are required")
    if author != account.author_urn:
        return _error(403, "ACCESS_DENIED", f"Not enough permissions to post as {author}")
    if body.get("lifecycleState", "PUBLISHED") != "PUBLISHED":
        raise BadRequest("the sandbox stores only lifecycleState PUBLISHED")
    if len(commentary) > MAX_COMMENTARY:
        return _error(422, "UNPROCESSABLE_ENTITY", f"commentary is longer than {MAX_COMMENTARY} characters")
    post, existing = sb.store.create_post(account, commentary, dedup=True)
    if post is None:
        assert existing is not None
        return _duplicate(existing.id)
    return Response(201, b"", [("x-restli-id", post.id)])


def _duplicate(urn: str) -> Response:
    return _error(422, "DUPLICATE_POST", f"Content is a duplicate of {urn}")


def delete(sb: Sandbox, req: Request, account: Account, route: Route) -> Response:
    assert route.target is not None
    if not sb.store.delete_post("linkedin", route.target, how="api", account_id=account.account_id):
        return _not_found(route.target)
    return Response(204)


def get(sb: Sandbox, req: Request, account: Account, route: Route) -> Response:
    assert route.target is not None
    post = _own_post(sb, account, route.target)
    if post is None:
        return _not_found(route.target)
    return Response.json(200, _post_json(post, account.author_urn))


def by_author(sb: Sandbox, req: Request, account: Account, route: Route) -> Response:
    if req.arg("q") != "author":
        raise BadRequest("the finder q=author is the one the sandbox serves")
    author = req.arg("author")
    if author != account.author_urn:
        return _error(403, "ACCESS_DENIED", f"Not enough permissions to read the posts of {author}")
    count = int_arg(req, "count", 10, 1, 100)
    posts = sb.store.live_posts("linkedin", account.account_id, limit=count)
    return Response.json(200, {"elements": [_post_json(p, author) for p in posts],
                               "paging": {"start": 0, "count": count, "total": len(posts)}})


def social_actions(sb: Sandbox, req: Request, account: Account, route: Route) -> Response:
    assert route.target is not None
    post = _own_post(sb, account, route.target)
    if post is None:
        return _not_found(route.target)
    m = sb.engagement.metrics("linkedin", post.id, sb.age_s(post))
    return Response.json(200, {"target": post.id, "likesSummary": {"totalLikes": m.likes},
                               "commentsSummary": {"aggregatedTotalComments": m.comments,
                                                   "totalFirstLevelComments": m.comments}})


def comments(sb: Sandbox, req: Request, account: Account, route: Route) -> Response:
    assert route.target is not None
    post = _own_post(sb, account, route.target)
    if post is None:
        return _not_found(route.target)
    listed = sb.engagement.comments("linkedin", post.id, sb.age_s(post))[::-1]  # newest first
    scale = sb.config.time_scale
    elements = [{"id": c.id, "object": post.id, "message": {"text": c.text},
                 "created": {"time": int((post.created_at + c.age_s / scale) * 1000)}} for c in listed]
    return Response.json(200, {"elements": elements, "paging": {"start": 0, "count": len(elements)}})


_SHARES = re.compile(r"List\((.*)\)")


def share_statistics(sb: Sandbox, req: Request, account: Account, route: Route) -> Response:
    if req.arg("q") != "organizationalEntity":
        raise BadRequest("the finder q=organizationalEntity is the one the sandbox serves")
    if req.arg("organizationalEntity") != account.author_urn:
        return _error(403, "ACCESS_DENIED", "Not enough permissions to read this organization's statistics")
    listed = _SHARES.fullmatch(req.arg("shares") or "")
    if listed is None:
        raise BadRequest("shares must be List(urn:li:share:...)")
    elements = []
    for urn in (unquote(u.strip()) for u in listed.group(1).split(",") if u.strip()):
        post = _own_post(sb, account, urn)
        if post is None:
            continue
        m = sb.engagement.metrics("linkedin", post.id, sb.age_s(post))
        elements.append({"share": urn, "organizationalEntity": account.author_urn,
                         "totalShareStatistics": {"impressionCount": m.impressions, "likeCount": m.likes,
                                                  "commentCount": m.comments, "shareCount": m.shares}})
    return Response.json(200, {"elements": elements, "paging": {"start": 0, "count": len(elements)}})


_ROUTES: list[tuple[str, re.Pattern[str], str, Any]] = [
    ("GET", re.compile(r"/v2/userinfo"), "me", userinfo),
    ("POST", re.compile(r"/rest/posts"), "create", create),
    ("GET", re.compile(r"/rest/posts"), "list", by_author),
    ("DELETE", re.compile(r"/rest/posts/([^/]+)"), "delete", delete),
    ("GET", re.compile(r"/rest/posts/([^/]+)"), "get", get),
    ("GET", re.compile(r"/rest/socialActions/([^/]+)/comments"), "comments", comments),
    ("GET", re.compile(r"/rest/socialActions/([^/]+)"), "metrics", social_actions),
    ("GET", re.compile(r"/rest/organizationalEntityShareStatistics"), "metrics", share_statistics),
]


class LinkedInApi(PlatformApi):
    prefix = "/linkedin"
    platforms = ("linkedin",)

    def route(self, sb: Sandbox, req: Request, path: str) -> Route | None:
        for method, pattern, operation, handler in _ROUTES:
            match = pattern.fullmatch(path)
            if match and method == req.method:
                target = segment(match.group(1)) if match.groups() else None
                return Route(operation, handler, match, target)
        return None

    def preflight(self, sb: Sandbox, req: Request, path: str) -> Response | None:
        if not path.startswith("/rest/"):
            return None
        version = req.headers.get("linkedin-version", "").strip()
        if not version:
            return _error(400, "VERSION_MISSING", "A version must be present. Please specify a version by "
                                                  "adding the LinkedIn-Version header.")
        found = _VERSION.fullmatch(version)
        low, high = sb.config.linkedin_versions
        if found is None or not low <= found.group(1) <= high:
            return _error(426, "NONEXISTENT_VERSION", f"Requested version {version} is not active")
        return None

    def unauthorized(self, expired: bool) -> Response:
        if expired:
            return _error(401, "EXPIRED_ACCESS_TOKEN", "The token used in the request has expired",
                          serviceErrorCode=65601)
        return _error(401, "INVALID_ACCESS_TOKEN", "Invalid access token", serviceErrorCode=65600)

    def rate_limited(self, rate: RateState | None, retry_after_s: float) -> Response:
        return Response.json(429, {"status": 429, "message": "Resource level throttle limit for calls to this "
                                                             "resource is reached."},
                             [("Retry-After", str(max(0, math.ceil(retry_after_s))))])

    def unavailable(self) -> Response:
        return _error(503, "SERVICE_UNAVAILABLE", "Service temporarily unavailable")

    def duplicate(self, sb: Sandbox, account: Account, route: Route) -> Response:
        newest = sb.store.newest_live_post("linkedin", account.account_id)
        return _duplicate(newest.id if newest else "urn:li:share:0")

    def not_found(self, route: Route) -> Response:
        return _not_found(route.target or "")

    def no_route(self, req: Request) -> Response:
        return _error(404, "NOT_FOUND", f"No resource for {req.method} {req.path}")

    def bad_request(self, message: str) -> Response:
        return _error(400, "ILLEGAL_ARGUMENT", message)

    def full(self, message: str) -> Response:
        return _error(507, "INSUFFICIENT_STORAGE", message)
