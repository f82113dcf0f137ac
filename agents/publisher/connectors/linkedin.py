"""LinkedIn Posts API ("rest/", versioned): create, read, list by author, delete, social actions.

Every /rest call carries ``LinkedIn-Version`` (a setting: LinkedIn sunsets versions and then answers
426 NONEXISTENT_VERSION) and ``X-Restli-Protocol-Version: 2.0.0``. A new post's URN comes back in
the ``x-restli-id`` header; URNs are percent-encoded whole in paths and query values (Rest.li 2.0).
A repeated post is refused with 422 DUPLICATE_POST whose message names the existing URN.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from urllib.parse import quote

from agents.publisher.connectors.base import DeleteResult, Lookup, Metrics, OutgoingPost, PublishResult
from agents.publisher.connectors.common import HttpConnector, newest_with_marker, parse_time
from agents.publisher.connectors.http import PlatformHttp, Reply

RESTLI_PROTOCOL = "2.0.0"
_URN = re.compile(r"urn:li:(?:share|ugcPost|post):[0-9A-Za-z_-]+")


def enc(urn: str) -> str:
    """A URN as one path segment or query value: every reserved character escaped (':' too)."""
    return quote(urn, safe="")


def restli_headers(version: str) -> dict[str, str]:
    return {"LinkedIn-Version": version, "X-Restli-Protocol-Version": RESTLI_PROTOCOL}


class LinkedInConnector(HttpConnector):
    channel = "linkedin"

    def __init__(self, http: PlatformHttp, author_urn: str) -> None:
        super().__init__(http)
        self.author_urn = author_urn

    def error_parts(self, reply: Reply) -> tuple[str, str]:
        body = reply.body if isinstance(reply.body, dict) else {}
        return str(body.get("code") or body.get("serviceErrorCode") or ""), str(body.get("message") or reply.text)

    def is_duplicate(self, reply: Reply) -> bool:
        return reply.status == 422 and self.error_parts(reply)[0] == "DUPLICATE_POST"

    def duplicate_of(self, reply: Reply) -> str | None:
        found = _URN.search(self.error_parts(reply)[1])
        return found.group(0) if found else None

    def publish(self, post: OutgoingPost, on_container: Callable[[str], None] | None = None) -> PublishResult:
        body = {
            "author": self.author_urn,
            "commentary": post.text,
            "visibility": "PUBLIC",
            "distribution": {"feedDistribution": "MAIN_FEED", "targetEntities": [],
                             "thirdPartyDistributionChannels": []},
            "lifecycleState": "PUBLISHED",
            "isReshareDisabledByAuthor": False,
        }
        reply = self.http.request("POST", "/rest/posts", json_body=body, create=True)
        urn = reply.headers.get("x-restli-id") if reply.ok else None
        return self.create_result(reply, urn or None)

    def lookup(self, platform_id: str) -> Lookup:
        reply = self.http.request("GET", f"/rest/posts/{enc(platform_id)}")
        if reply.ok and isinstance(reply.body, dict) and reply.body.get("lifecycleState") == "DELETED":
            return Lookup.GONE
        return self.lookup_result(reply)

    def find_recent(self, marker: str, since: datetime) -> str | None:
        reply = self.http.request("GET", "/rest/posts",
                                  query=f"q=author&author={enc(self.author_urn)}&count=50&sortBy=LAST_MODIFIED")
        body = self.read(reply)
        items = [(str(p["id"]), str(p.get("commentary", "")), parse_time(p.get("createdAt")))
                 for p in body.get("elements") or [] if isinstance(p, dict) and p.get("id")]
        return newest_with_marker(items, marker, since)

    def delete(self, platform_id: str) -> DeleteResult:
        return self.delete_result(self.http.request("DELETE", f"/rest/posts/{enc(platform_id)}"))

    def metrics(self, platform_id: str) -> Metrics:
        # Organisation posts: the share statistics hold all four numbers in one call.
        reply = self.http.request("GET", "/rest/organizationalEntityShareStatistics",
                                  query=(f"q=organizationalEntity&organizationalEntity={enc(self.author_urn)}"
                                         f"&shares=List({enc(platform_id)})"))
        elements = self.read(reply).get("elements") or []
        if elements and isinstance(elements[0], dict):
            stats = elements[0].get("totalShareStatistics") or {}
            return Metrics(impressions=int(stats.get("impressionCount", 0)), likes=int(stats.get("likeCount", 0)),
                           comments=int(stats.get("commentCount", 0)), shares=int(stats.get("shareCount", 0)))
        # No statistics (not an organisation post): likes and comments from the social actions.
        social = self.read(self.http.request("GET", f"/rest/socialActions/{enc(platform_id)}"))
        return Metrics(impressions=0, likes=int((social.get("likesSummary") or {}).get("totalLikes", 0)),
                       comments=int((social.get("commentsSummary") or {}).get("aggregatedTotalComments", 0)),
                       shares=0)

    def comments(self, platform_id: str, limit: int = 50) -> list[str]:
        reply = self.http.request("GET", f"/rest/socialActions/{enc(platform_id)}/comments",
                                  query=f"count={max(1, min(100, limit))}")
        body = self.read(reply)
        return [str((c.get("message") or {}).get("text", "")) for c in body.get("elements") or []
                if isinstance(c, dict)][:limit]
