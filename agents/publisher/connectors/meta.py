"""Meta Graph API: a Facebook page's feed, and Instagram's container → status → media_publish.

Graph errors carry ``code`` / ``error_subcode``: 506 is a duplicate status, 190 an expired or revoked
token, 100/33 an object that does not exist (a delete of it is "already gone"), 9004/2207008 a
container that was already published, 9007/2207027 a container that is not FINISHED yet.

Instagram publishes in two steps and only the second one makes anything public. The container id is
handed to ``on_container`` before ``media_publish`` so the ledger stores it; a retry given that id
reads the container's ``status_code`` instead of creating a second container.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from urllib.parse import quote, urlencode

from agents.publisher.connectors.base import (
    ConnectorError,
    DeleteResult,
    Lookup,
    Metrics,
    Outcome,
    OutgoingPost,
    PublishResult,
)
from agents.publisher.connectors.common import CLOCK_SLACK, HttpConnector, aware, newest_with_marker, parse_time
from agents.publisher.connectors.http import PlatformHttp, Reply

DUPLICATE_STATUS = 506
EXPIRED_TOKEN = 190
ALREADY_PUBLISHED = (9004, 2207008)
NOT_READY = (9007, 2207027)
#: A published container's media is looked for this far back (containers live 24 hours).
CONTAINER_LIFETIME = timedelta(hours=24)


def _query(params: dict[str, str | int]) -> str:
    return urlencode(params, quote_via=quote, safe="(),")


def _seg(object_id: str) -> str:
    return quote(object_id, safe="")


def graph_error(reply: Reply) -> tuple[int | None, int | None, str]:
    """(code, error_subcode, message) of a Graph error reply."""
    error = reply.body.get("error") if isinstance(reply.body, dict) else None
    if not isinstance(error, dict):
        return None, None, reply.text
    code, sub = error.get("code"), error.get("error_subcode")
    return (code if isinstance(code, int) else None, sub if isinstance(sub, int) else None,
            str(error.get("message") or ""))


class _GraphConnector(HttpConnector):
    def __init__(self, http: PlatformHttp, account_id: str) -> None:
        super().__init__(http)
        self.account_id = account_id

    def error_parts(self, reply: Reply) -> tuple[str, str]:
        code, sub, message = graph_error(reply)
        label = "" if code is None else f"code {code}" + ("" if sub is None else f"/{sub}")
        return label, message

    def is_auth_error(self, reply: Reply) -> bool:
        return reply.status == 401 or graph_error(reply)[0] == EXPIRED_TOKEN

    def is_gone(self, reply: Reply) -> bool:
        code, sub, _ = graph_error(reply)
        return reply.status == 404 or (code == 100 and sub == 33)

    def lookup(self, platform_id: str) -> Lookup:
        return self.lookup_result(self.http.request("GET", f"/{_seg(platform_id)}", query="fields=id"))

    def delete(self, platform_id: str) -> DeleteResult:
        reply = self.http.request("DELETE", f"/{_seg(platform_id)}")
        if reply.ok and isinstance(reply.body, dict) and reply.body.get("success") is False:
            return DeleteResult.FAILED
        return self.delete_result(reply)

    def _comments(self, platform_id: str, fields: str, text_field: str, limit: int) -> list[str]:
        reply = self.http.request("GET", f"/{_seg(platform_id)}/comments",
                                  query=_query({"fields": fields, "limit": max(1, min(100, limit))}))
        return [str(c.get(text_field, "")) for c in self.read(reply).get("data") or [] if isinstance(c, dict)][:limit]


class FacebookPageConnector(_GraphConnector):
    channel = "facebook"

    def is_duplicate(self, reply: Reply) -> bool:
        return graph_error(reply)[0] == DUPLICATE_STATUS

    def publish(self, post: OutgoingPost, on_container: Callable[[str], None] | None = None) -> PublishResult:
        reply = self.http.request("POST", f"/{_seg(self.account_id)}/feed", form={"message": post.text}, create=True)
        post_id = reply.body.get("id") if reply.ok and isinstance(reply.body, dict) else None
        return self.create_result(reply, str(post_id) if post_id else None)

    def find_recent(self, marker: str, since: datetime) -> str | None:
        since_unix = int((aware(since) - CLOCK_SLACK).timestamp())
        reply = self.http.request("GET", f"/{_seg(self.account_id)}/feed", query=_query(
            {"fields": "id,message,created_time", "since": since_unix, "limit": 100}))
        items = [(str(p["id"]), str(p.get("message", "")), parse_time(p.get("created_time")))
                 for p in self.read(reply).get("data") or [] if isinstance(p, dict) and p.get("id")]
        return newest_with_marker(items, marker, since)

    def metrics(self, platform_id: str) -> Metrics:
        reply = self.http.request("GET", f"/{_seg(platform_id)}", query=_query({
            "fields": "likes.summary(true),comments.summary(true),shares,insights.metric(post_impressions)"}))
        body = self.read(reply)
        impressions = 0
        for item in (body.get("insights") or {}).get("data") or []:
            if isinstance(item, dict) and item.get("name") == "post_impressions" and item.get("values"):
                impressions = int(item["values"][0].get("value", 0))
        return Metrics(impressions=impressions,
                       likes=int(((body.get("likes") or {}).get("summary") or {}).get("total_count", 0)),
                       comments=int(((body.get("comments") or {}).get("summary") or {}).get("total_count", 0)),
                       shares=int((body.get("shares") or {}).get("count", 0)))

    def comments(self, platform_id: str, limit: int = 50) -> list[str]:
        return self._comments(platform_id, "message,created_time", "message", limit)


class InstagramConnector(_GraphConnector):
    channel = "instagram"

    def __init__(self, http: PlatformHttp, account_id: str, *, container_wait_s: float = 10.0,
                 sleep: Callable[[float], None] | None = None) -> None:
        super().__init__(http, account_id)
        self._container_wait_s = container_wait_s
        self._sleep = sleep or http.sleep

    def is_duplicate(self, reply: Reply) -> bool:
        code, sub, _ = graph_error(reply)
        return (code, sub) == ALREADY_PUBLISHED

    # ---- publish: container → status → media_publish ----
    def publish(self, post: OutgoingPost, on_container: Callable[[str], None] | None = None) -> PublishResult:
        if post.container_id:
            return self._resume(post, post.container_id, on_container)
        return self._new_container(post, on_container)

    def _new_container(self, post: OutgoingPost, on_container: Callable[[str], None] | None) -> PublishResult:
        form = {"caption": post.text}
        if post.media_url:
            form["image_url"] = post.media_url
        reply = self.http.request("POST", f"/{_seg(self.account_id)}/media", form=form)
        container_id = reply.body.get("id") if reply.ok and isinstance(reply.body, dict) else None
        if not container_id:
            result = self.create_result(reply, None)
            if result.outcome is Outcome.UNKNOWN:
                # A container that may exist is not a post: nothing is public before media_publish,
                # so trying again later cannot post twice (an orphan container expires in 24 h).
                return PublishResult(Outcome.FAILED, reason=f"container step: {result.reason}", retryable=True)
            return result
        container_id = str(container_id)
        if on_container is not None:
            on_container(container_id)
        return self._publish_when_ready(post, container_id)

    def _container_status(self, container_id: str) -> tuple[str | None, Reply]:
        reply = self.http.request("GET", f"/{_seg(container_id)}", query="fields=status_code")
        status = reply.body.get("status_code") if reply.ok and isinstance(reply.body, dict) else None
        return (str(status) if status else None), reply

    def _resume(self, post: OutgoingPost, container_id: str,
                on_container: Callable[[str], None] | None) -> PublishResult:
        status, reply = self._container_status(container_id)
        if status is None and reply.status is not None and self.is_gone(reply):
            status = "MISSING"
        if status is None:  # could not read it: what an earlier attempt did is still unknown
            return PublishResult(Outcome.UNKNOWN, container_id=container_id, retryable=True,
                                 reason=f"container status unreadable: {self.reason(reply)}")
        if status in ("PUBLISHED", "MISSING"):
            found = self._published_media(post)
            if isinstance(found, PublishResult):
                return found
            if found is not None:
                return PublishResult(Outcome.PUBLISHED, platform_id=found, container_id=container_id)
            if status == "PUBLISHED":
                return PublishResult(Outcome.UNKNOWN, container_id=container_id, duplicate=True,
                                     reason="instagram: container is PUBLISHED but its media was not found")
            return self._new_container(post, on_container)  # gone and never published
        if status in ("ERROR", "EXPIRED"):
            return self._new_container(post, on_container)
        return self._publish_when_ready(post, container_id)

    def _published_media(self, post: OutgoingPost) -> str | PublishResult | None:
        try:
            return self.find_recent(post.marker, datetime.now(UTC) - CONTAINER_LIFETIME)
        except ConnectorError as exc:  # its reason is already token-free
            return PublishResult(Outcome.UNKNOWN, container_id=post.container_id, retryable=True,
                                 reason=f"instagram: media lookup failed: {exc}")

    def _publish_when_ready(self, post: OutgoingPost, container_id: str) -> PublishResult:
        waited, pause = 0.0, 0.05
        while True:
            status, reply = self._container_status(container_id)
            if status == "FINISHED":
                return self._media_publish(post, container_id)
            if status == "PUBLISHED":  # someone (an earlier attempt) published it meanwhile
                return self._resume(post, container_id, None)
            if status in ("ERROR", "EXPIRED"):
                return PublishResult(Outcome.FAILED, container_id=container_id, retryable=status == "EXPIRED",
                                     reason=f"instagram.container {status}")
            if status is None:  # unreadable; nothing is public before media_publish
                return PublishResult(Outcome.FAILED, container_id=container_id, retryable=True,
                                     reason=f"container status unreadable: {self.reason(reply)}")
            if waited >= self._container_wait_s:
                return PublishResult(Outcome.FAILED, container_id=container_id, retryable=True,
                                     reason=f"instagram.container_not_ready: still {status} after {waited:.1f} s")
            self._sleep(pause)
            waited += pause
            pause = min(pause * 2, 1.0)

    def _media_publish(self, post: OutgoingPost, container_id: str) -> PublishResult:
        reply = self.http.request("POST", f"/{_seg(self.account_id)}/media_publish",
                                  form={"creation_id": container_id}, create=True)
        code, sub, _ = graph_error(reply)
        if (code, sub) == NOT_READY:
            return PublishResult(Outcome.FAILED, container_id=container_id, retryable=True, reason=self.reason(reply))
        media_id = reply.body.get("id") if reply.ok and isinstance(reply.body, dict) else None
        result = self.create_result(reply, str(media_id) if media_id else None, container_id=container_id)
        if result.duplicate:  # already published: the media is ours, find it
            found = self._published_media(post)
            if isinstance(found, str):
                return PublishResult(Outcome.PUBLISHED, platform_id=found, container_id=container_id)
        return result

    # ---- reads ----
    def find_recent(self, marker: str, since: datetime) -> str | None:
        reply = self.http.request("GET", f"/{_seg(self.account_id)}/media",
                                  query=_query({"fields": "id,caption,timestamp", "limit": 50}))
        items = [(str(p["id"]), str(p.get("caption", "")), parse_time(p.get("timestamp")))
                 for p in self.read(reply).get("data") or [] if isinstance(p, dict) and p.get("id")]
        return newest_with_marker(items, marker, since)

    def metrics(self, platform_id: str) -> Metrics:
        # The Graph media object has likes and comments; impressions need the insights edge, which
        # the wire contract leaves out, and Instagram has no shares.
        reply = self.http.request("GET", f"/{_seg(platform_id)}",
                                  query=_query({"fields": "caption,like_count,comments_count,timestamp"}))
        body = self.read(reply)
        return Metrics(impressions=0, likes=int(body.get("like_count", 0)),
                       comments=int(body.get("comments_count", 0)), shares=0)

    def comments(self, platform_id: str, limit: int = 50) -> list[str]:
        return self._comments(platform_id, "text,timestamp", "text", limit)
