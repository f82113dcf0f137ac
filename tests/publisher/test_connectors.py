"""The publishing connectors against the sandbox platform, over real HTTP on loopback (WIRE.md)."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from agents.publisher.connectors.base import (
    Connector,
    ConnectorError,
    DeleteResult,
    Lookup,
    Metrics,
    Outcome,
    OutgoingPost,
)
from agents.publisher.connectors.http import RATE_WINDOW_S
from agents.publisher.connectors.registry import connector_for, reset_connector_states
from agents.publisher.marker import content_marker
from agents.publisher.sandbox import SandboxHandle, serve_sandbox
from agents.publisher.sandbox.store import Account
from core.errors import InvalidInput, ServiceError
from core.settings import Settings

PLATFORMS = ("x", "linkedin", "facebook", "instagram")
IMAGE = "https://img.example/spring.jpg"
#: The request that makes a post public, per platform (Instagram: the second step).
CREATE_OP = {"x": "create", "linkedin": "create", "facebook": "create", "instagram": "publish_container"}


@pytest.fixture(scope="module")
def sb() -> Iterator[SandboxHandle]:
    with serve_sandbox(seed=11, container_delay_s=0.05) as handle:
        # Warm up: the sandbox's first post per platform loads its text rules (twitter-text and the
        # like), which on a busy machine can take longer than the short timeout the tests use.
        for platform in PLATFORMS:
            account = handle.create_account(platform)
            connector = connector_for(platform, settings_for(handle, connector_timeout_s=10), account.token,
                                      account.account_id, account.author_urn)
            connector.publish(post_for(platform, f"warm-up {platform}"))
        reset_connector_states()
        yield handle


@pytest.fixture(autouse=True)
def _clean(sb: SandboxHandle) -> Iterator[None]:
    yield
    sb.clear_faults()
    reset_connector_states()


class Sleeper:
    """Records every wait; sleeps for real only when asked (Instagram's container polling needs time)."""

    def __init__(self, real: bool = False) -> None:
        self.real = real
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        if self.real:
            time.sleep(seconds)


def settings_for(sb: SandboxHandle, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "env": "development", "x_api_base": sb.url_for("x"), "linkedin_api_base": sb.url_for("linkedin"),
        "meta_graph_base": sb.url_for("facebook"), "connector_timeout_s": 1.0, "linkedin_version": "202511",
        "instagram_container_wait_s": 3.0, "connector_retry_max_wait_s": 5.0}
    values.update(overrides)
    return Settings(**values)


def make(sb: SandboxHandle, platform: str, sleep: Sleeper | None = None, **overrides: Any
         ) -> tuple[Connector, Account]:
    account = sb.create_account(platform)
    connector = connector_for(platform, settings_for(sb, **overrides), account.token, account.account_id,
                              account.author_urn, sleep=sleep or Sleeper(real=True))
    return connector, account


def post_for(platform: str, text: str, container_id: str | None = None) -> OutgoingPost:
    return OutgoingPost(channel=platform, text=text, marker=content_marker(text),
                        media_url=IMAGE if platform == "instagram" else None, container_id=container_id)


def requests(sb: SandboxHandle, platform: str, operation: str) -> int:
    return int(sb.stats()["requests"].get(platform, {}).get(operation, 0))


def stored_with_marker(sb: SandboxHandle, account: Account, marker: str) -> list[dict[str, Any]]:
    return [p for p in sb.posts() if p["account_id"] == account.account_id and p["marker"] == marker
            and not p["deleted"]]


def since() -> datetime:
    return datetime.now(UTC) - timedelta(minutes=1)


# --------------------------------------------------------------------------- the happy path


@pytest.mark.parametrize("platform", PLATFORMS)
def test_publish_lookup_find_metrics_comments_delete(sb: SandboxHandle, platform: str) -> None:
    connector, _ = make(sb, platform)
    post = post_for(platform, f"Spring collection is live on {platform}, come and see")
    containers: list[str] = []
    result = connector.publish(post, on_container=containers.append)
    assert result.outcome is Outcome.PUBLISHED, result
    assert result.platform_id and result.reason is None
    if platform == "instagram":
        assert containers == [result.container_id]
    if platform == "linkedin":
        assert result.platform_id.startswith("urn:li:share:")
    assert connector.lookup(result.platform_id) is Lookup.EXISTS
    assert connector.find_recent(post.marker, since()) == result.platform_id
    assert connector.find_recent(content_marker("some other text"), since()) is None
    time.sleep(0.3)  # an hour or so of simulated engagement at the default time scale
    metrics = connector.metrics(result.platform_id)
    assert isinstance(metrics, Metrics) and metrics.likes >= 0 and metrics.comments >= 0
    if platform != "instagram":  # Instagram's media object carries no impressions
        assert metrics.impressions > 0
    comments = connector.comments(result.platform_id, limit=5)
    assert isinstance(comments, list) and all(isinstance(c, str) and c for c in comments) and len(comments) <= 5

    assert connector.delete(result.platform_id) is DeleteResult.DELETED
    assert connector.lookup(result.platform_id) is Lookup.GONE
    assert connector.delete(result.platform_id) is DeleteResult.ALREADY_GONE
    assert connector.find_recent(post.marker, since()) is None
    health = connector.health()
    assert health.breaker == "closed" and health.failure_rate == 0 and health.calls > 5
    assert health.window_posts == 1


def test_find_recent_ignores_posts_before_the_window(sb: SandboxHandle) -> None:
    connector, _ = make(sb, "facebook")
    post = post_for("facebook", "An older announcement")
    published = connector.publish(post)
    assert published.outcome is Outcome.PUBLISHED
    assert connector.find_recent(post.marker, datetime.now(UTC) - timedelta(minutes=4)) == published.platform_id
    assert connector.find_recent(post.marker, datetime.now(UTC) + timedelta(minutes=10)) is None


# --------------------------------------------------------------------------- faults × publish


@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize("kind", ["5xx", "timeout_after_commit", "lost_response_after_commit"])
def test_unknown_outcomes_are_never_resent(sb: SandboxHandle, platform: str, kind: str) -> None:
    connector, account = make(sb, platform)
    post = post_for(platform, f"Fault {kind} on {platform}: our new store opens Monday")
    sb.add_fault(platform, CREATE_OP[platform], kind, delay_s=2.0)
    before = requests(sb, platform, CREATE_OP[platform])
    result = connector.publish(post)
    assert result.outcome is Outcome.UNKNOWN, result
    assert result.retryable and not result.duplicate and result.reason
    assert requests(sb, platform, CREATE_OP[platform]) == before + 1  # sent once, never again
    stored = stored_with_marker(sb, account, post.marker)
    if kind == "5xx":  # the sandbox refused before storing: reconciliation finds nothing
        assert stored == [] and connector.find_recent(post.marker, since()) is None
    else:  # stored, answer lost: reconciliation finds exactly that post
        assert len(stored) == 1 and connector.find_recent(post.marker, since()) == stored[0]["id"]
    if platform == "instagram":
        assert result.container_id
    assert sb.stats()["duplicates"] == []


@pytest.mark.parametrize("platform", PLATFORMS)
def test_expired_token_fails_without_retry_and_says_so(sb: SandboxHandle, platform: str) -> None:
    connector, account = make(sb, platform)
    sb.add_fault(platform, CREATE_OP[platform], "401")
    result = connector.publish(post_for(platform, "Token test post"))
    assert result.outcome is Outcome.FAILED and not result.retryable
    assert result.reason and "token expired or revoked" in result.reason
    assert account.token not in result.reason


@pytest.mark.parametrize("platform", PLATFORMS)
def test_duplicate_errors_are_unknown_duplicates(sb: SandboxHandle, platform: str) -> None:
    connector, account = make(sb, platform)
    post = post_for(platform, "Duplicate test post")
    sb.add_fault(platform, CREATE_OP[platform], "duplicate")
    result = connector.publish(post)
    assert result.outcome is Outcome.UNKNOWN and result.duplicate, result
    assert stored_with_marker(sb, account, post.marker) == []


@pytest.mark.parametrize("platform", ["x", "linkedin", "facebook"])
def test_real_duplicate_is_reported_with_the_original_when_the_platform_names_it(
        sb: SandboxHandle, platform: str) -> None:
    connector, account = make(sb, platform)
    post = post_for(platform, "Posted twice by mistake")
    first = connector.publish(post)
    assert first.outcome is Outcome.PUBLISHED
    again = connector.publish(post)
    assert again.outcome is Outcome.UNKNOWN and again.duplicate
    # Only LinkedIn's 422 DUPLICATE_POST names the existing post; X and Meta leave it to find_recent.
    assert again.platform_id == (first.platform_id if platform == "linkedin" else None)
    assert connector.find_recent(post.marker, since()) == first.platform_id
    assert len(stored_with_marker(sb, account, post.marker)) == 1


def test_text_too_long_for_x_is_a_plain_failure(sb: SandboxHandle) -> None:
    connector, _ = make(sb, "x")
    result = connector.publish(post_for("x", "word " * 100))
    assert result.outcome is Outcome.FAILED and not result.retryable
    assert result.reason and result.reason.startswith("x.400 ")


def test_linkedin_sunset_version_is_426(sb: SandboxHandle) -> None:
    connector, _ = make(sb, "linkedin", linkedin_version="202301")
    result = connector.publish(post_for("linkedin", "Version test"))
    assert result.outcome is Outcome.FAILED and not result.retryable
    assert result.reason and result.reason.startswith("linkedin.426 NONEXISTENT_VERSION: ")
    assert "202301" in result.reason


def test_unreachable_platform_is_a_retryable_failure(sb: SandboxHandle) -> None:
    # A port nobody listens on (bound then closed): the connection never opens, nothing was sent.
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = settings_for(sb, x_api_base=f"http://127.0.0.1:{port}/x")
    connector = connector_for("x", settings, "tok-unreachable", "42")
    result = connector.publish(post_for("x", "Nobody home"))
    assert result.outcome is Outcome.FAILED and result.retryable
    assert result.reason and result.reason.startswith("x.connect_error")


# --------------------------------------------------------------------------- 429


@pytest.mark.parametrize("platform", PLATFORMS)
def test_429_waits_for_the_reset_then_publishes(sb: SandboxHandle, platform: str) -> None:
    sleeper = Sleeper(real=platform == "instagram")
    connector, account = make(sb, platform, sleep=sleeper)
    sb.add_fault(platform, CREATE_OP[platform], "429", retry_after_s=1)
    post = post_for(platform, "Rate limited, then fine")
    result = connector.publish(post)
    assert result.outcome is Outcome.PUBLISHED, result
    if platform == "x":  # x-rate-limit-reset is whole epoch seconds: the hint is 0..1 s, plus jitter
        assert len(sleeper.waits) == 1 and 0 <= sleeper.waits[0] <= 1 + 0.5 + 0.01
    else:  # Retry-After: 1 is honoured in full (Instagram's other waits are short container polls)
        rate_waits = [w for w in sleeper.waits if w >= 0.9]
        assert len(rate_waits) == 1 and 1 <= rate_waits[0] <= 1.5
    assert len(stored_with_marker(sb, account, post.marker)) == 1


def test_429_storm_gives_up_after_bounded_tries(sb: SandboxHandle) -> None:
    sleeper = Sleeper()
    connector, _ = make(sb, "linkedin", sleep=sleeper, connector_retry_max_tries=3)
    sb.add_fault("linkedin", "create", "429", times=20, retry_after_s=1)
    before = requests(sb, "linkedin", "create")
    result = connector.publish(post_for("linkedin", "Storm"))
    assert result.outcome is Outcome.FAILED and result.retryable and result.reason == "rate_limited"
    assert requests(sb, "linkedin", "create") == before + 3 and len(sleeper.waits) == 2


def test_429_with_a_reset_beyond_the_bound_fails_at_once(sb: SandboxHandle) -> None:
    sleeper = Sleeper()
    connector, _ = make(sb, "facebook", sleep=sleeper, connector_retry_max_wait_s=30)
    sb.add_fault("facebook", "create", "429", retry_after_s=600)
    result = connector.publish(post_for("facebook", "Come back in ten minutes"))
    assert result.outcome is Outcome.FAILED and result.retryable and result.reason == "rate_limited"
    assert sleeper.waits == []


# --------------------------------------------------------------------------- breaker and health


def test_breaker_opens_fails_fast_then_half_opens(sb: SandboxHandle) -> None:
    connector, _ = make(sb, "x", connector_breaker_failures=3, connector_breaker_reset_s=0.5)
    published = connector.publish(post_for("x", "Breaker test"))
    assert published.outcome is Outcome.PUBLISHED and published.platform_id
    sb.add_fault("x", "get", "5xx", times=3)
    for _ in range(3):
        assert connector.lookup(published.platform_id) is Lookup.UNKNOWN
    health = connector.health()
    assert health.breaker == "open" and health.failure_rate == pytest.approx(3 / 4)

    before = sb.stats()["requests_total"]
    failed_fast = connector.publish(post_for("x", "While the breaker is open"))
    assert failed_fast.outcome is Outcome.FAILED and failed_fast.retryable and failed_fast.reason == "breaker_open"
    assert connector.lookup(published.platform_id) is Lookup.UNKNOWN
    assert connector.delete(published.platform_id) is DeleteResult.FAILED
    with pytest.raises(ConnectorError, match="breaker_open"):
        connector.metrics(published.platform_id)
    assert sb.stats()["requests_total"] == before  # nothing reached the platform

    time.sleep(0.6)
    assert connector.health().breaker == "half_open"
    assert connector.lookup(published.platform_id) is Lookup.EXISTS  # the one trial call succeeds
    assert connector.health().breaker == "closed"
    assert sb.stats()["requests_total"] == before + 1


def test_breaker_trial_failure_opens_again(sb: SandboxHandle) -> None:
    connector, _ = make(sb, "facebook", connector_breaker_failures=2, connector_breaker_reset_s=0.3)
    sb.add_fault("facebook", "get", "5xx", times=3)
    for _ in range(2):
        assert connector.lookup("1_2") is Lookup.UNKNOWN
    assert connector.health().breaker == "open"
    time.sleep(0.35)
    assert connector.lookup("1_2") is Lookup.UNKNOWN  # the trial meets the third 5xx
    assert connector.health().breaker == "open"


def test_breakers_are_per_account_and_shared_between_connector_objects(sb: SandboxHandle) -> None:
    settings = settings_for(sb, connector_breaker_failures=1)
    account, other = sb.create_account("x"), sb.create_account("x")
    first = connector_for("x", settings, account.token, account.account_id)
    sb.add_fault("x", "get", "5xx")
    assert first.lookup("123") is Lookup.UNKNOWN
    again = connector_for("x", settings, account.token, account.account_id)
    assert again.health().breaker == "open"
    assert connector_for("x", settings, other.token, other.account_id).health().breaker == "closed"


def test_rate_windows_match_the_policy() -> None:
    rego = (Path(__file__).parents[2] / "policies" / "connector.rego").read_text()
    for channel, window in RATE_WINDOW_S.items():
        assert re.search(rf'"{channel}": \{{"window_s": {int(window)},', rego), channel


# --------------------------------------------------------------------------- Instagram containers


def test_instagram_retry_with_stored_container_does_not_create_another(sb: SandboxHandle) -> None:
    connector, account = make(sb, "instagram")
    post = post_for("instagram", "Two steps, one post")
    stored: list[str] = []
    sb.add_fault("instagram", "publish_container", "5xx")
    containers_before = requests(sb, "instagram", "container")
    first = connector.publish(post, on_container=stored.append)
    assert first.outcome is Outcome.UNKNOWN and first.container_id == stored[0]

    retry = connector.publish(post_for("instagram", post.text, container_id=stored[0]), on_container=stored.append)
    assert retry.outcome is Outcome.PUBLISHED and retry.container_id == stored[0]
    assert requests(sb, "instagram", "container") == containers_before + 1 and len(stored) == 1
    assert len(stored_with_marker(sb, account, post.marker)) == 1

    # A third attempt (say, after a crash before the ledger update) finds the published media.
    third = connector.publish(post_for("instagram", post.text, container_id=stored[0]))
    assert third.outcome is Outcome.PUBLISHED and third.platform_id == retry.platform_id
    assert len(stored_with_marker(sb, account, post.marker)) == 1 and sb.stats()["duplicates"] == []


def test_instagram_lost_publish_response_reconciles_through_the_container(sb: SandboxHandle) -> None:
    connector, account = make(sb, "instagram")
    post = post_for("instagram", "Lost answer, kept post")
    stored: list[str] = []
    sb.add_fault("instagram", "publish_container", "lost_response_after_commit")
    first = connector.publish(post, on_container=stored.append)
    assert first.outcome is Outcome.UNKNOWN
    retry = connector.publish(post_for("instagram", post.text, container_id=stored[0]))
    assert retry.outcome is Outcome.PUBLISHED
    assert [p["id"] for p in stored_with_marker(sb, account, post.marker)] == [retry.platform_id]


def test_instagram_without_an_image_is_refused_by_the_platform(sb: SandboxHandle) -> None:
    connector, _ = make(sb, "instagram")
    result = connector.publish(OutgoingPost(channel="instagram", text="No picture", marker=content_marker("x")))
    assert result.outcome is Outcome.FAILED and not result.retryable
    assert result.reason and result.reason.startswith("instagram.400 code 100")


# --------------------------------------------------------------------------- secrets and bad input


def test_tokens_never_appear_in_reasons_or_logs(sb: SandboxHandle, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    reasons: list[str] = []
    for platform in PLATFORMS:
        connector, account = make(sb, platform, sleep=Sleeper())
        for kind in ("401", "5xx", "429", "lost_response_after_commit"):
            sb.add_fault(platform, CREATE_OP[platform], kind, retry_after_s=0)
            result = connector.publish(post_for(platform, f"Secret test {kind} {platform}"))
            reasons.append(result.reason or "")
        assert all(account.token not in r for r in reasons)
        assert account.token not in caplog.text
    assert any("token expired" in r for r in reasons)


def test_unknown_channel_and_missing_configuration_are_clear_errors(sb: SandboxHandle) -> None:
    with pytest.raises(InvalidInput, match="unknown channel 'myspace'"):
        connector_for("myspace", settings_for(sb), "t", "1")
    with pytest.raises(ServiceError, match="SMM_X_API_BASE"):
        connector_for("x", Settings(env="development"), "t", "1")
    with pytest.raises(InvalidInput, match="author URN"):
        connector_for("linkedin", settings_for(sb), "t", "1", None)
    with pytest.raises(ValueError, match="YYYYMM"):
        settings_for(sb, linkedin_version="2025-11")
