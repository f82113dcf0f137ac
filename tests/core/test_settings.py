"""Settings refuse default secrets outside development and malformed URLs."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from core.settings import Settings


def test_default_secret_refused_in_production() -> None:
    with pytest.raises(ValidationError, match="SMM_SECRET_KEY"):
        Settings(env="production", crawl_allow_private=False)
    Settings(env="production", secret_key="x" * 40, crawl_allow_private=False)  # a real secret is fine


def test_short_secret_refused_in_production() -> None:
    with pytest.raises(ValidationError, match="at least 32"):
        Settings(env="production", secret_key="short", crawl_allow_private=False)


def test_private_crawl_targets_refused_in_production() -> None:
    with pytest.raises(ValidationError, match="SMM_CRAWL_ALLOW_PRIVATE"):
        Settings(env="production", secret_key="x" * 40, crawl_allow_private=True)


def test_crawl_politeness_floor_is_bounded() -> None:
    # 0 is the default everywhere: the crawler's own throttle (latency-spaced starts, a cap on requests in
    # flight, Crawl-delay, Retry-After) is the politeness; the setting only adds a floor.
    assert Settings(env="production", secret_key="x" * 40, crawl_allow_private=False).crawl_politeness_delay_s == 0
    for bad in (-1, 31):
        with pytest.raises(ValidationError):
            Settings(crawl_politeness_delay_s=bad)


@pytest.mark.parametrize("url", ["mysql://u@h/db", "not a url at all", "postgresql://u@h"])
def test_malformed_database_urls(url: str) -> None:
    with pytest.raises(ValidationError):
        Settings(database_url=url)


@pytest.mark.parametrize("field", ["db_pool_size", "policy_timeout_ms"])
def test_zero_pool_or_timeout_refused(field: str) -> None:
    # Neither fails at start-up by itself: a zero pool hangs the first query, a zero timeout denies everything.
    with pytest.raises(ValidationError, match="at least 1"):
        Settings(**{field: 0})  # type: ignore[arg-type]
    assert getattr(Settings(**{field: 1}), field) == 1  # type: ignore[arg-type]


def test_rate_limit_settings_are_checked() -> None:
    tid = "5f0c8a52-6a43-4d3e-9e61-0c1f2a3b4c5d"
    s = Settings(env="development", rate_limit_tenant_overrides={tid.upper(): 10})
    assert s.rate_limit_tenant_overrides == {tid: 10}  # normalised: looked up by str(uuid)
    with pytest.raises(ValidationError, match="not a tenant id"):
        Settings(env="development", rate_limit_tenant_overrides={"acme": 10})
    with pytest.raises(ValidationError, match="at least 1"):
        Settings(env="development", rate_limit_tenant_overrides={tid: 0})
    for field in ("rate_limit_tenant", "rate_limit_key", "rate_limit_window_s"):
        with pytest.raises(ValidationError):
            Settings(env="development", **{field: 0})
