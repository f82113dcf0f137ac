"""The sandbox platform, spoken to with raw httpx calls in each platform's own wire format (WIRE.md)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from agents.publisher.marker import content_marker
from agents.publisher.sandbox import SandboxHandle, serve_sandbox
from agents.publisher.sandbox.engagement import NEGATIVE, NEUTRAL, POSITIVE, EngagementModel, Spike
from agents.publisher.sandbox.server import MAX_BODY_BYTES, NotLoopback
from agents.publisher.sandbox.store import Account

LI_HEADERS = {"LinkedIn-Version": "202501", "X-Restli-Protocol-Version": "2.0.0"}


@pytest.fixture
def sb() -> Iterator[SandboxHandle]:
    with serve_sandbox(seed=7, container_delay_s=0.05) as handle:
        yield handle


def client(sb: SandboxHandle, account: Account, **headers: str) -> httpx.Client:
    return httpx.Client(base_url=sb.url_for(account.platform), timeout=5,
                        headers={"Authorization": f"Bearer {account.token}", **headers})


def li_post(account: Account, text: str) -> dict[str, object]:
    return {"author": account.author_urn, "commentary": text, "visibility": "PUBLIC",
            "distribution": {"feedDistribution": "MAIN_FEED", "targetEntities": [],
                             "thirdPartyDistributionChannels": []},
            "lifecycleState": "PUBLISHED", "isReshareDisabledByAuthor": False}


def publish_ig(sb: SandboxHandle, c: httpx.Client, account: Account, caption: str) -> tuple[str, str]:
    container = c.post(f"/{account.account_id}/media",
                       data={"image_url": "https://img.example/a.jpg", "caption": caption}).json()["id"]
    _wait_finished(c, container)
    media = c.post(f"/{account.account_id}/media_publish", data={"creation_id": container})
    assert media.status_code == 200, media.text
    return container, media.json()["id"]


def _wait_finished(c: httpx.Client, container: str) -> None:
    for _ in range(250):
        if c.get(f"/{container}", params={"fields": "status_code"}).json()["status_code"] == "FINISHED":
            return
        time.sleep(0.02)
    raise AssertionError("container never FINISHED")


# --------------------------------------------------------------------------- X


def test_x_create_get_list_delete(sb: SandboxHandle) -> None:
    account = sb.create_account("x")
    with client(sb, account) as c:
        assert c.get("/2/users/me").json()["data"]["id"] == account.account_id
        created = c.post("/2/tweets", json={"text": "Spring sale starts today"})
        assert created.status_code == 201
        tweet_id = created.json()["data"]["id"]
        assert tweet_id.isdigit() and created.json()["data"]["text"] == "Spring sale starts today"
        assert {"x-rate-limit-limit", "x-rate-limit-remaining", "x-rate-limit-reset"} <= set(created.headers)
        got = c.get(f"/2/tweets/{tweet_id}", params={"tweet.fields": "created_at,public_metrics"}).json()["data"]
        assert got["created_at"].endswith("Z") and set(got["public_metrics"]) >= {
            "retweet_count", "reply_count", "like_count", "quote_count", "impression_count"}
        c.post("/2/tweets", json={"text": "Second post"})
        listed = c.get(f"/2/users/{account.account_id}/tweets",
                       params={"max_results": 5, "tweet.fields": "created_at"}).json()
        assert [t["text"] for t in listed["data"]] == ["Second post", "Spring sale starts today"]
        assert listed["meta"]["result_count"] == 2 and listed["meta"]["oldest_id"] == tweet_id
        assert c.get(f"/2/users/{account.account_id}/tweets", params={"max_results": 3}).status_code == 400
        assert c.delete(f"/2/tweets/{tweet_id}").json() == {"data": {"deleted": True}}
        again = c.delete(f"/2/tweets/{tweet_id}")
        assert again.status_code == 404 and again.json()["title"] == "Not Found Error"
        missing = c.get(f"/2/tweets/{tweet_id}")
        assert missing.status_code == 200 and missing.json()["errors"][0]["resource_type"] == "tweet"
        assert "data" not in missing.json()
        future = c.get(f"/2/users/{account.account_id}/tweets", params={"start_time": "2999-01-01T00:00:00Z"})
        assert future.json() == {"meta": {"result_count": 0}}
    stats = sb.stats()
    assert stats["requests"]["x"]["create"] == 2 and stats["requests"]["x"]["delete"] == 2
    assert stats["stored"]["x"] == 1 and stats["deleted_total"] == 1


def test_x_duplicate_too_long_and_replies(sb: SandboxHandle) -> None:
    account = sb.create_account("x")
    with client(sb, account) as c:
        tweet_id = c.post("/2/tweets", json={"text": "Hello   world"}).json()["data"]["id"]
        dup = c.post("/2/tweets", json={"text": " Hello world "})  # same marker after normalisation
        assert dup.status_code == 403 and "duplicate content" in dup.json()["detail"] and "id" not in dup.json()
        long = c.post("/2/tweets", json={"text": "a" * 281})
        assert long.status_code == 400 and long.json()["errors"][0]["message"]
        assert c.post("/2/tweets", content=b"{not json", headers={"Content-Type": "application/json"}
                      ).status_code == 400
        replies = c.get("/2/tweets/search/recent", params={"query": f"conversation_id:{tweet_id}",
                                                           "tweet.fields": "created_at", "max_results": 100})
        assert replies.status_code == 200 and replies.json()["meta"]["result_count"] >= 0


# --------------------------------------------------------------------------- LinkedIn


def test_linkedin_create_get_list_metrics_delete(sb: SandboxHandle) -> None:
    account = sb.create_account("linkedin")
    assert account.author_urn and account.author_urn.startswith("urn:li:organization:")
    with client(sb, account, **LI_HEADERS) as c:
        assert c.get("/v2/userinfo").json()["sub"]
        created = c.post("/rest/posts", json=li_post(account, "We are hiring engineers"))
        assert created.status_code == 201 and created.content == b""
        urn = created.headers["x-restli-id"]
        assert urn.startswith("urn:li:share:")
        enc = quote(urn, safe="")
        got = c.get(f"/rest/posts/{enc}").json()
        assert got["id"] == urn and got["commentary"] == "We are hiring engineers" and got["createdAt"] > 0
        listed = c.get("/rest/posts", params={"q": "author", "author": account.author_urn, "count": 10,
                                               "sortBy": "LAST_MODIFIED"}).json()
        assert [e["id"] for e in listed["elements"]] == [urn] and listed["paging"]["total"] == 1
        actions = c.get(f"/rest/socialActions/{enc}").json()
        assert "totalLikes" in actions["likesSummary"] and "aggregatedTotalComments" in actions["commentsSummary"]
        stats = c.get("/rest/organizationalEntityShareStatistics",
                      params={"q": "organizationalEntity", "organizationalEntity": account.author_urn,
                              "shares": f"List({enc})"}).json()
        assert set(stats["elements"][0]["totalShareStatistics"]) == {
            "impressionCount", "likeCount", "commentCount", "shareCount"}
        assert "elements" in c.get(f"/rest/socialActions/{enc}/comments").json()
        dup = c.post("/rest/posts", json=li_post(account, "We are hiring engineers"))
        assert dup.status_code == 422 and dup.json()["code"] == "DUPLICATE_POST" and urn in dup.json()["message"]
        other = c.post("/rest/posts", json={**li_post(account, "x"), "author": "urn:li:organization:1"})
        assert other.status_code == 403 and other.json()["code"] == "ACCESS_DENIED"
        assert c.delete(f"/rest/posts/{enc}").status_code == 204
        gone = c.delete(f"/rest/posts/{enc}")
        assert gone.status_code == 404 and gone.json()["code"] == "NOT_FOUND"
        assert c.get(f"/rest/posts/{enc}").status_code == 404


def test_linkedin_version_headers(sb: SandboxHandle) -> None:
    account = sb.create_account("linkedin")
    with httpx.Client(base_url=sb.url_for("linkedin"), headers={"Authorization": f"Bearer {account.token}"}) as c:
        missing = c.post("/rest/posts", json=li_post(account, "hi"))
        assert missing.status_code == 400 and missing.json()["code"] == "VERSION_MISSING"
        sunset = c.post("/rest/posts", json=li_post(account, "hi"), headers={"LinkedIn-Version": "202301"})
        assert sunset.status_code == 426 and sunset.json() == {
            "status": 426, "code": "NONEXISTENT_VERSION", "message": "Requested version 202301 is not active"}
        # the version is checked before the token, as LinkedIn does
        assert httpx.get(sb.url_for("linkedin") + "/rest/posts").status_code == 400
    assert sb.stats()["stored"]["linkedin"] == 0


# --------------------------------------------------------------------------- Meta


def test_facebook_feed_create_get_list_delete(sb: SandboxHandle) -> None:
    page = sb.create_account("facebook")
    with client(sb, page) as c:
        created = c.post(f"/{page.account_id}/feed", data={"message": "Open late on Friday"})
        assert created.status_code == 200
        post_id = created.json()["id"]
        assert post_id.startswith(page.account_id + "_")
        dup = c.post(f"/{page.account_id}/feed", json={"message": "Open late on Friday"})
        assert dup.status_code == 400 and dup.json()["error"]["code"] == 506
        got = c.get(f"/{post_id}", params={"fields": "message,created_time,likes.summary(true),"
                                                     "comments.summary(true),shares,"
                                                     "insights.metric(post_impressions)"}).json()
        assert got["message"] == "Open late on Friday" and got["created_time"].endswith("+0000")
        assert "total_count" in got["likes"]["summary"] and "count" in got["shares"]
        assert got["insights"]["data"][0]["name"] == "post_impressions"
        feed = c.get(f"/{page.account_id}/feed", params={"fields": "id,message,created_time", "since": 0,
                                                         "limit": 10}).json()
        assert [p["id"] for p in feed["data"]] == [post_id] and feed["paging"] == {}
        assert "data" in c.get(f"/{post_id}/comments", params={"fields": "message,created_time"}).json()
        assert c.delete(f"/{post_id}").json() == {"success": True}
        gone = c.delete(f"/{post_id}")
        assert gone.status_code == 400 and (gone.json()["error"]["code"], gone.json()["error"]["error_subcode"]) \
            == (100, 33)
        missing = c.get(f"/{post_id}").json()["error"]
        assert missing["message"].startswith("Unsupported get request") and missing["error_subcode"] == 33
        other = c.post("/123/feed", data={"message": "not my page"})
        assert other.status_code == 403 and other.json()["error"]["code"] == 200


@pytest.fixture
def slow_containers() -> Iterator[SandboxHandle]:
    # Long enough that the two requests after the create land before FINISHED even on a loaded machine
    # (50 ms was not); _wait_finished then waits for it.
    with serve_sandbox(seed=7, container_delay_s=1.5) as handle:
        yield handle


def test_instagram_two_step_publish(slow_containers: SandboxHandle) -> None:
    sb = slow_containers
    ig = sb.create_account("instagram")
    with client(sb, ig) as c:
        container = c.post(f"/{ig.account_id}/media",
                           data={"image_url": "https://img.example/a.jpg", "caption": "New colours"}).json()["id"]
        status = c.get(f"/{container}", params={"fields": "status_code"}).json()
        assert status == {"status_code": "IN_PROGRESS", "id": container}
        early = c.post(f"/{ig.account_id}/media_publish", data={"creation_id": container})
        assert early.status_code == 400 and (early.json()["error"]["code"],
                                             early.json()["error"]["error_subcode"]) == (9007, 2207027)
        _wait_finished(c, container)
        media_id = c.post(f"/{ig.account_id}/media_publish", data={"creation_id": container}).json()["id"]
        assert c.get(f"/{container}", params={"fields": "status_code"}).json()["status_code"] == "PUBLISHED"
        again = c.post(f"/{ig.account_id}/media_publish", data={"creation_id": container})
        assert again.status_code == 400 and again.json()["error"] == {**again.json()["error"], "code": 9004,
                                                                      "error_subcode": 2207008}
        media = c.get(f"/{media_id}", params={"fields": "caption,like_count,comments_count,timestamp"}).json()
        assert media["caption"] == "New colours" and "like_count" in media and "comments_count" in media
        listed = c.get(f"/{ig.account_id}/media", params={"fields": "id,caption,timestamp", "limit": 5}).json()
        assert [m["id"] for m in listed["data"]] == [media_id]
        assert "data" in c.get(f"/{media_id}/comments", params={"fields": "text,timestamp"}).json()
        assert c.post(f"/{ig.account_id}/media", data={"caption": "no image"}).status_code == 400
        bad = c.post(f"/{ig.account_id}/media", data={"image_url": "ftp://x/y.jpg"}).json()["id"]
        assert c.get(f"/{bad}", params={"fields": "status_code"}).json()["status_code"] == "ERROR"
        assert c.delete(f"/{media_id}").json() == {"success": True}
        assert c.delete(f"/{media_id}").json()["error"]["error_subcode"] == 33
    requests = sb.stats()["requests"]["instagram"]
    assert requests["container"] == 3 and requests["publish_container"] == 3 and requests["container_status"] >= 4


# --------------------------------------------------------------------------- auth, rate limits, caps


def test_401_shapes_for_unknown_tokens(sb: SandboxHandle) -> None:
    x = httpx.post(sb.url_for("x") + "/2/tweets", json={"text": "hi"}, headers={"Authorization": "Bearer nope"})
    assert x.status_code == 401 and x.json() == {"title": "Unauthorized", "type": "about:blank", "status": 401,
                                                 "detail": "Unauthorized"}
    li = httpx.get(sb.url_for("linkedin") + "/rest/posts", headers=LI_HEADERS)
    assert li.status_code == 401 and li.json()["status"] == 401
    fb = httpx.post(sb.url_for("facebook") + "/123/feed", data={"message": "hi"})
    assert fb.status_code == 401 and fb.json()["error"]["code"] == 190
    assert sb.stats()["created_total"] == 0


def test_rate_limit_enforced_with_headers() -> None:
    with serve_sandbox(rate_limit=2) as sb:
        account = sb.create_account("x")
        with client(sb, account) as c:
            remaining = [c.get("/2/users/me").headers["x-rate-limit-remaining"] for _ in range(2)]
            assert remaining == ["1", "0"]
            limited = c.get("/2/users/me")
            assert limited.status_code == 429 and limited.headers["x-rate-limit-remaining"] == "0"
            assert int(limited.headers["x-rate-limit-reset"]) > time.time()


def test_post_cap_and_body_cap() -> None:
    with serve_sandbox(max_posts=2) as sb:
        account = sb.create_account("x")
        with client(sb, account) as c:
            assert [c.post("/2/tweets", json={"text": f"post {i}"}).status_code for i in range(3)] == [201, 201, 507]
            big = c.post("/2/tweets", content=b"x" * (MAX_BODY_BYTES + 1), headers={"Content-Type": "text/plain"})
            assert big.status_code == 413
            assert c.get("/2/users/me").status_code == 200  # the server is still serving


def test_concurrent_identical_creates_store_one_post(sb: SandboxHandle) -> None:
    account = sb.create_account("x")
    with client(sb, account) as c, ThreadPoolExecutor(8) as pool:
        codes = sorted(pool.map(lambda _: c.post("/2/tweets", json={"text": "race"}).status_code, range(8)))
    assert codes == [201] + [403] * 7
    assert sb.stats()["stored"]["x"] == 1 and sb.stats()["duplicates"] == []


def test_refuses_to_bind_anything_but_loopback_and_bad_settings() -> None:
    with pytest.raises(NotLoopback), serve_sandbox(host="0.0.0.0"):  # noqa: S104 - the point of the test
        pass
    with pytest.raises(ValueError, match="time_scale"), serve_sandbox(time_scale=float("nan")):
        pass


# --------------------------------------------------------------------------- faults


def test_fault_5xx_stores_nothing(sb: SandboxHandle) -> None:
    account = sb.create_account("x")
    sb.add_fault("x", "create", "5xx")
    with client(sb, account) as c:
        assert c.post("/2/tweets", json={"text": "retry me"}).status_code == 503
        assert sb.stats()["stored"]["x"] == 0
        assert c.post("/2/tweets", json={"text": "retry me"}).status_code == 201  # consumed once


def test_fault_lost_response_after_commit(sb: SandboxHandle) -> None:
    account = sb.create_account("facebook")
    sb.add_fault("facebook", "create", "lost_response_after_commit")
    with client(sb, account) as c:
        with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
            c.post(f"/{account.account_id}/feed", data={"message": "did it post?"})
        assert [p["text"] for p in sb.posts()] == ["did it post?"]  # it did
        again = c.post(f"/{account.account_id}/feed", data={"message": "did it post?"})
        assert again.json()["error"]["code"] == 506  # a blind retry is a duplicate


def test_fault_timeout_after_commit(sb: SandboxHandle) -> None:
    account = sb.create_account("linkedin")
    sb.add_fault("linkedin", "create", "timeout_after_commit", delay_s=5)
    with client(sb, account, **LI_HEADERS) as c:
        started = time.monotonic()
        with pytest.raises(httpx.ReadTimeout):
            c.post("/rest/posts", json=li_post(account, "slow platform"), timeout=0.3)
        assert time.monotonic() - started < 2
        assert sb.stats()["stored"]["linkedin"] == 1


def test_fault_timeout_answers_late(sb: SandboxHandle) -> None:
    account = sb.create_account("x")
    sb.add_fault("x", "create", "timeout_after_commit", delay_s=0.3)
    with client(sb, account) as c:
        started = time.monotonic()
        assert c.post("/2/tweets", json={"text": "late"}).status_code == 201
        assert time.monotonic() - started >= 0.3


def test_fault_429_headers_per_platform(sb: SandboxHandle) -> None:
    x, li, fb = sb.create_account("x"), sb.create_account("linkedin"), sb.create_account("facebook")
    for platform in ("x", "linkedin", "facebook"):
        sb.add_fault(platform, "any", "429", retry_after_s=120)
    with client(sb, x) as c:
        r = c.post("/2/tweets", json={"text": "hi"})
        assert r.status_code == 429 and r.headers["x-rate-limit-remaining"] == "0"
        assert int(r.headers["x-rate-limit-reset"]) >= time.time() + 100 and r.json()["status"] == 429
    with client(sb, li, **LI_HEADERS) as c:
        r = c.post("/rest/posts", json=li_post(li, "hi"))
        assert r.status_code == 429 and r.headers["retry-after"] == "120"
    with client(sb, fb) as c:
        r = c.post(f"/{fb.account_id}/feed", data={"message": "hi"})
        assert r.status_code == 429 and r.json()["error"]["code"] == 32 and r.headers["retry-after"] == "120"
        usage = json.loads(r.headers["x-business-use-case-usage"])
        assert usage[fb.account_id][0]["estimated_time_to_regain_access"] == 2
    assert sb.stats()["created_total"] == 0


def test_fault_401_expired(sb: SandboxHandle) -> None:
    ig, li = sb.create_account("instagram"), sb.create_account("linkedin")
    sb.add_fault("instagram", "container", "401")
    sb.add_fault("linkedin", "get", "401")
    with client(sb, ig) as c:
        r = c.post(f"/{ig.account_id}/media", data={"image_url": "https://img.example/a.jpg"})
        assert r.status_code == 401 and (r.json()["error"]["code"], r.json()["error"]["error_subcode"]) == (190, 463)
    with client(sb, li, **LI_HEADERS) as c:
        r = c.get("/rest/posts/" + quote("urn:li:share:1", safe=""))
        assert r.status_code == 401 and r.json()["code"] == "EXPIRED_ACCESS_TOKEN"
        assert r.json()["serviceErrorCode"] == 65601


def test_fault_duplicate_without_a_match(sb: SandboxHandle) -> None:
    x, ig = sb.create_account("x"), sb.create_account("instagram")
    sb.add_fault("x", "create", "duplicate")
    sb.add_fault("instagram", "publish_container", "duplicate")
    with client(sb, x) as c:
        assert c.post("/2/tweets", json={"text": "brand new"}).status_code == 403
    with client(sb, ig) as c:
        container = c.post(f"/{ig.account_id}/media", data={"image_url": "https://img.example/a.jpg"}).json()["id"]
        _wait_finished(c, container)
        r = c.post(f"/{ig.account_id}/media_publish", data={"creation_id": container})
        assert r.json()["error"]["error_subcode"] == 2207008
    assert sb.stats()["created_total"] == 0


def test_fault_404_on_delete_removes_the_post(sb: SandboxHandle) -> None:
    account = sb.create_account("x")
    with client(sb, account) as c:
        tweet_id = c.post("/2/tweets", json={"text": "pull me"}).json()["data"]["id"]
        sb.add_fault("x", "delete", "404")
        assert c.delete(f"/2/tweets/{tweet_id}").status_code == 404
        assert sb.stats()["stored"]["x"] == 0
        assert sb.posts()[0]["deleted"] is True


def test_metrics_read_takes_a_metrics_fault_and_after_commit_on_reads(sb: SandboxHandle) -> None:
    account = sb.create_account("x")
    with client(sb, account) as c:
        tweet_id = c.post("/2/tweets", json={"text": "metrics"}).json()["data"]["id"]
        sb.add_fault("x", "metrics", "5xx")
        assert c.get(f"/2/tweets/{tweet_id}", params={"tweet.fields": "created_at"}).status_code == 200
        assert c.get(f"/2/tweets/{tweet_id}", params={"tweet.fields": "public_metrics"}).status_code == 503


# --------------------------------------------------------------------------- control API and duplicates


def test_control_api_over_http(sb: SandboxHandle) -> None:
    base = sb.base_url + "/_sandbox"
    account = httpx.post(base + "/accounts", json={"platform": "linkedin"}).json()
    assert set(account) == {"platform", "account_id", "token", "author_urn"}
    assert httpx.post(base + "/accounts", json={"platform": "myspace"}).status_code == 400
    for bad in ({"platform": "x", "operation": "create", "kind": "boom"},
                {"platform": "x", "operation": "create", "kind": "5xx", "times": 0},
                {"platform": "x", "operation": "nope", "kind": "5xx"}, ["not", "an", "object"]):
        r = httpx.post(base + "/faults", json=bad)
        assert r.status_code == 400 and r.json()["error"]
    assert httpx.post(base + "/faults", json={"platform": "x", "operation": "create", "kind": "5xx",
                                              "times": 3}).json()["queued"] == 3
    assert httpx.delete(base + "/faults").json() == {"cleared": 3}
    assert httpx.post(base + "/sentiment", json={"negative_rate": 2}).status_code == 400
    assert httpx.post(base + "/sentiment", json={"negative_rate": 0.6, "after_s": 0, "platform": None}
                      ).status_code == 200
    headers = {"Authorization": f"Bearer {account['token']}", **LI_HEADERS}
    urn = httpx.post(sb.url_for("linkedin") + "/rest/posts", headers=headers,
                     json={"author": account["author_urn"], "commentary": "by hand"}).headers["x-restli-id"]
    assert httpx.post(f"{base}/posts/linkedin/{quote(urn, safe='')}/delete").json() == {"deleted": True}
    assert httpx.post(f"{base}/posts/linkedin/{quote(urn, safe='')}/delete").status_code == 404
    stats = httpx.get(base + "/stats").json()
    assert stats["requests"] == {"linkedin": {"create": 1}} and stats["requests_total"] == 1
    posts = httpx.get(base + "/posts").json()["posts"]
    assert posts[0]["deleted"] is True and posts[0]["marker"] == content_marker("by hand")
    assert httpx.post(base + "/reset").json() == {"reset": True}
    assert httpx.get(base + "/stats").json()["created_total"] == 0


def test_duplicates_counted_in_stats(sb: SandboxHandle) -> None:
    ig, x = sb.create_account("instagram"), sb.create_account("x")
    with client(sb, ig) as c:
        publish_ig(sb, c, ig, "Same caption twice")
        publish_ig(sb, c, ig, "Same caption twice")  # Instagram has no caption duplicate check
    with client(sb, x) as c:
        tweet_id = c.post("/2/tweets", json={"text": "once"}).json()["data"]["id"]
        c.delete(f"/2/tweets/{tweet_id}")
        c.post("/2/tweets", json={"text": "once"})  # allowed after a delete; still two posts with one marker
    dups = {(d["platform"], d["marker"]): d["count"] for d in sb.stats()["duplicates"]}
    assert dups == {("instagram", content_marker("Same caption twice")): 2, ("x", content_marker("once")): 2}


# --------------------------------------------------------------------------- engagement


def test_comment_templates_score_in_their_direction() -> None:
    analyzer = SentimentIntensityAnalyzer()
    assert all(analyzer.polarity_scores(t)["compound"] <= -0.05 for t in NEGATIVE)
    assert all(analyzer.polarity_scores(t)["compound"] >= 0.05 for t in POSITIVE)
    assert all(abs(analyzer.polarity_scores(t)["compound"]) < 0.05 for t in NEUTRAL)


def test_engagement_is_deterministic_per_seed_and_grows() -> None:
    a, b, other = EngagementModel(seed=3), EngagementModel(seed=3), EngagementModel(seed=4)
    day = 86_400.0
    assert a.metrics("x", "123", day) == b.metrics("x", "123", day)
    assert a.comments("x", "123", day) == b.comments("x", "123", day)
    assert a.metrics("x", "123", day) != other.metrics("x", "123", day)
    series = [a.metrics("linkedin", "urn:li:share:9", h * 3600.0) for h in (0, 1, 3, 12, 48)]
    assert series[0].impressions == 0
    assert all(p.impressions <= q.impressions and p.comments <= q.comments for p, q in pairwise(series))
    assert series[-1].impressions > series[1].impressions > 0


def test_negative_spike_raises_the_negative_share() -> None:
    model = EngagementModel(seed=1)
    analyzer = SentimentIntensityAnalyzer()

    def negative_share() -> float:
        comments = [c for i in range(60) for c in model.comments("facebook", f"p{i}", 86_400.0 * 3)]
        return sum(analyzer.polarity_scores(c.text)["compound"] <= -0.05 for c in comments) / len(comments)

    base = negative_share()
    model.set_spike(Spike(negative_rate=0.6))
    spiked = negative_share()
    assert base < 0.15 and 0.5 < spiked < 0.7
    model.set_spike(Spike(negative_rate=0.6, after_s=10.0**8))  # a spike that starts after every comment
    assert negative_share() == base


def test_engagement_over_http_grows_and_follows_the_spike() -> None:
    with serve_sandbox(seed=5, time_scale=36_000.0) as sb:  # one real second = ten hours
        page = sb.create_account("facebook")
        with client(sb, page) as c:
            post_id = c.post(f"/{page.account_id}/feed", data={"message": "Engagement"}).json()["id"]
            fields = {"fields": "likes.summary(true),comments.summary(true),insights.metric(post_impressions)"}

            def impressions() -> int:
                return int(c.get(f"/{post_id}", params=fields).json()["insights"]["data"][0]["values"][0]["value"])

            first = impressions()
            time.sleep(0.4)
            assert impressions() > first
            time.sleep(0.6)

            def negatives() -> int:
                data = c.get(f"/{post_id}/comments", params={"fields": "message,created_time", "limit": 100}).json()
                return sum(m["message"] in NEGATIVE for m in data["data"])

            before = negatives()
            sb.set_sentiment(1.0)
            after = negatives()
            total = len(c.get(f"/{post_id}/comments", params={"limit": 100}).json()["data"])
            assert after > before and after >= total - 2  # comments arrive meanwhile: all of them are negative


# --------------------------------------------------------------------------- CLI


def _smm() -> list[str]:
    return [str(Path(sys.executable).parent / "smm")]


def test_cli_serve_prints_its_url_and_stops_on_sigterm() -> None:
    proc = subprocess.Popen([*_smm(), "sandbox", "serve", "--port", "0", "--seed", "3", "--time-scale", "60"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy())
    try:
        assert proc.stdout is not None
        ready = json.loads(proc.stdout.readline())
        assert ready["base_url"].startswith("http://127.0.0.1:") and ready["seed"] == 3
        assert ready["urls"]["instagram"].endswith("/meta/v21.0")
        x = ready["accounts"]["x"]
        r = httpx.post(ready["urls"]["x"] + "/2/tweets", json={"text": "from the CLI"},
                       headers={"Authorization": f"Bearer {x['token']}"})
        assert r.status_code == 201
        assert httpx.get(ready["base_url"] + "/_sandbox/stats").json()["stored"]["x"] == 1
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0, proc.stderr.read() if proc.stderr else ""
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.parametrize("args", [["--time-scale", "-1"], ["--host", "0.0.0.0"]])  # noqa: S104 - refused
def test_cli_bad_option_is_a_usage_error(args: list[str]) -> None:
    result = subprocess.run([*_smm(), "sandbox", "serve", *args], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "Usage" in result.stderr
