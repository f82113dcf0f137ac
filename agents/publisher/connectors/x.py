"""X API v2: POST/DELETE/GET /2/tweets, the account's timeline and replies by conversation.

X answers a repeated text with 403 "duplicate content" and no id of the existing post, so that
outcome is UNKNOWN and reconciliation finds the post in the account's timeline by its marker.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from urllib.parse import quote, urlencode

from agents.publisher.connectors.base import DeleteResult, Lookup, Metrics, OutgoingPost, PublishResult
from agents.publisher.connectors.common import CLOCK_SLACK, HttpConnector, aware, newest_with_marker, parse_time
from agents.publisher.connectors.http import PlatformHttp, Reply


def _query(params: dict[str, str | int]) -> str:
    return urlencode(params, quote_via=quote)


class XConnector(HttpConnector):
    channel = "x"

    def __init__(self, http: PlatformHttp, user_id: str) -> None:
        super().__init__(http)
        self.user_id = user_id

    def error_parts(self, reply: Reply) -> tuple[str, str]:
        body = reply.body if isinstance(reply.body, dict) else {}
        detail = body.get("detail")
        if not detail and isinstance(body.get("errors"), list) and body["errors"]:
            detail = body["errors"][0].get("message") or body["errors"][0].get("detail")
        return str(body.get("title") or ""), str(detail or reply.text)

    def is_duplicate(self, reply: Reply) -> bool:
        return reply.status == 403 and "duplicate content" in self.error_parts(reply)[1].lower()

    def publish(self, post: OutgoingPost, on_container: Callable[[str], None] | None = None) -> PublishResult:
        reply = self.http.request("POST", "/2/tweets", json_body={"text": post.text}, create=True)
        data = reply.body.get("data") if reply.ok and isinstance(reply.body, dict) else None
        return self.create_result(reply, str(data["id"]) if isinstance(data, dict) and data.get("id") else None)

    def _get(self, platform_id: str, fields: str) -> Reply:
        return self.http.request("GET", f"/2/tweets/{quote(platform_id, safe='')}",
                                 query=_query({"tweet.fields": fields}))

    @staticmethod
    def _not_found_in_200(reply: Reply) -> bool:
        # X answers a lookup of a missing tweet with 200 and an "errors" array, not 404.
        body = reply.body if isinstance(reply.body, dict) else {}
        errors = body.get("errors") if "data" not in body else None
        return isinstance(errors, list) and any(
            isinstance(e, dict) and "resource-not-found" in str(e.get("type", "")) for e in errors)

    def lookup(self, platform_id: str) -> Lookup:
        reply = self._get(platform_id, "created_at")
        if reply.ok and self._not_found_in_200(reply):
            return Lookup.GONE
        if reply.ok and not (isinstance(reply.body, dict) and reply.body.get("data")):
            return Lookup.UNKNOWN
        return self.lookup_result(reply)

    def find_recent(self, marker: str, since: datetime) -> str | None:
        start = (aware(since) - CLOCK_SLACK).strftime("%Y-%m-%dT%H:%M:%SZ")
        reply = self.http.request("GET", f"/2/users/{quote(self.user_id, safe='')}/tweets",
                                  query=_query({"max_results": 100, "start_time": start, "tweet.fields": "created_at"}))
        body = self.read(reply)
        items = [(str(t["id"]), str(t.get("text", "")), parse_time(t.get("created_at")))
                 for t in body.get("data") or [] if isinstance(t, dict) and t.get("id")]
        return newest_with_marker(items, marker, since)

    def delete(self, platform_id: str) -> DeleteResult:
        reply = self.http.request("DELETE", f"/2/tweets/{quote(platform_id, safe='')}")
        if reply.ok and not (isinstance(reply.body, dict) and (reply.body.get("data") or {}).get("deleted")):
            return DeleteResult.FAILED
        return self.delete_result(reply)

    def metrics(self, platform_id: str) -> Metrics:
        reply = self._get(platform_id, "created_at,public_metrics")
        if reply.ok and self._not_found_in_200(reply):
            return self.read(Reply(status=404, body=reply.body))  # raises: the post is gone
        pm = (self.read(reply).get("data") or {}).get("public_metrics") or {}
        return Metrics(impressions=int(pm.get("impression_count", 0)), likes=int(pm.get("like_count", 0)),
                       comments=int(pm.get("reply_count", 0)),
                       shares=int(pm.get("retweet_count", 0)) + int(pm.get("quote_count", 0)))

    def comments(self, platform_id: str, limit: int = 50) -> list[str]:
        reply = self.http.request("GET", "/2/tweets/search/recent", query=_query({
            "query": f"conversation_id:{platform_id}", "tweet.fields": "created_at",
            "max_results": max(10, min(100, limit))}))
        body = self.read(reply)
        return [str(t.get("text", "")) for t in body.get("data") or [] if isinstance(t, dict)
                and str(t.get("id")) != platform_id][:limit]
