"""Settings: one pydantic-settings class, environment prefix ``SMM_``."""

from __future__ import annotations

import uuid
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

# The development default is deliberately recognisable so that it can be refused elsewhere.
DEV_SECRET = "dev-insecure-secret-change-me"  # noqa: S105 - the value that is refused outside development


def _check_postgres_url(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    try:
        url = make_url(value)
    except ArgumentError as exc:
        raise ValueError(f"{name} is not a database URL: {exc}") from None
    if url.get_backend_name() != "postgresql":
        raise ValueError(f"{name} must be a postgresql:// URL, got {url.get_backend_name()!r}")
    if not url.database:
        raise ValueError(f"{name} must name a database")
    return value


class Settings(BaseSettings):
    """Every knob of SMM Architect; read from the environment (``SMM_*``) or a ``.env`` file."""

    model_config = SettingsConfigDict(env_prefix="SMM_", env_file=".env", extra="ignore")

    # Production unless a command opts in: a forgotten variable must never mean "development".
    env: Literal["development", "production"] = "production"
    home: Path = Path(".smm")

    # Database: when unset, the embedded server started by `smm services up` is used.
    database_url: str | None = None  # the application role (no table ownership, no BYPASSRLS)
    database_owner_url: str | None = None  # the role that owns the schema and runs migrations
    database_admin_url: str | None = None  # a superuser, only for `smm db bootstrap`
    app_role: str = "smm_app"
    owner_role: str = "smm_owner"
    database_name: str = "smm"
    db_pool_size: int = 5

    # Temporal: when unset, the embedded dev server started by `smm services up` is used.
    temporal_address: str | None = None
    temporal_namespace: str = "default"
    # mTLS to an external Temporal (production): PEM files of the CA, this client's certificate and key.
    temporal_tls_ca: Path | None = None
    temporal_tls_cert: Path | None = None
    temporal_tls_key: Path | None = None
    temporal_tls_server_name: str | None = None
    task_queue: str = "smm-main"

    # Fixed ports for the embedded services; None means "pick a free loopback port".
    pg_port: int | None = None
    temporal_port: int | None = None

    # The server secret (see core/keys.py): payload codec, signed workflow starts, audit MACs. In
    # development an unset secret is generated into $SMM_HOME/server.key; production refuses to start.
    secret_key: SecretStr = SecretStr(DEV_SECRET)
    secret_key_id: str = "k1"  # noqa: S105 - a key id, not a secret
    old_secret_keys: dict[str, SecretStr] = {}  # retired keys that must still verify/decrypt: {"k0": "..."}

    # Approval: a reminder after this long, expiry after that (durable Temporal timers; tests use seconds).
    approval_reminder_s: int = Field(default=24 * 3600, ge=1)
    approval_expiry_s: int = Field(default=72 * 3600, ge=2)
    approval_max_rounds: int = Field(default=3, ge=0, le=20)  # request_changes rounds per campaign
    # A long step whose worker stops heartbeating for this long is presumed dead and retried on another
    # worker (graphs/durability.py). Long enough that a busy worker's beats (every 5 s, throttled to 2 s)
    # never miss it; every kill of a worker mid-step costs this long before the step moves on.
    heartbeat_timeout_s: float = Field(default=30.0, ge=10, le=120)  # under LONG_NODE (2 min), the shortest long step
    # Quick workflow steps (a policy check, one database write) do not heartbeat: a worker killed inside one
    # is noticed only when this start-to-close timeout passes, and the step is then retried. They take well
    # under a second; 60 s leaves room for a busy database. Fixed per run at its start, like the timers above.
    quick_step_timeout_s: float = Field(default=60.0, ge=10, le=600)

    # Policy gate.
    policy_engine: Literal["embedded", "opa"] = "embedded"
    opa_url: str | None = None
    policy_timeout_ms: int = 250

    # LLM and embeddings: no endpoint configured means the offline engine.
    llm_base_url: str | None = None
    llm_api_key: SecretStr | None = None
    llm_model: str = "gpt-4o-mini"
    llm_fallback_model: str | None = None
    embedder: Literal["minilm", "openai", "hashing"] = "minilm"
    # MiniLM's intra-op threads per process. Two: on a quiet 2-core machine `smm bench workflow` went from
    # start-to-card p50 4.0-4.5 s / p95 4.6-5.3 s with one to 3.6-3.8 s / 4.1-4.3 s with two. With the cores
    # already busy one was the faster (a worker runs up to eight activities at once): set 1 on a loaded host.
    minilm_threads: int = Field(default=2, ge=1, le=64)
    # Legal review: the dev-trained classifier (agents/legal/classifier.json) next to the rules; on because it
    # raised held-out test recall without more clean posts flagged. SMM_LEGAL_CLASSIFIER=false: rules only.
    legal_classifier: bool = True

    # Publishing: the image Instagram posts carry, and the launch watch after approval (how long the
    # canary and the full launch are watched for rollback triggers, and how often metrics are polled).
    publish_image_url: str | None = None  # Instagram needs an image until creative produces one
    canary_window_s: float = Field(default=600.0, ge=0, le=7 * 24 * 3600)
    full_window_s: float = Field(default=600.0, ge=0, le=7 * 24 * 3600)
    monitor_poll_s: float = Field(default=15.0, gt=0, le=3600)

    # Crawling loopback/private addresses is refused unless a whole installation opts in (tests, demo).
    crawl_allow_private: bool = False
    # A fixed floor in seconds between two requests to the site a campaign researches. 0 by default in
    # every environment: the crawler is polite without it (at most 4 requests in flight, starts spaced by
    # the server's own latency, robots.txt Crawl-delay and 429/503 Retry-After honoured; see
    # agents/crawler/crawler.py Crawler._gap). An operator may raise it for every site.
    crawl_politeness_delay_s: float = Field(default=0.0, ge=0, le=30)

    # Publishing connectors. A base URL left unset means "not configured": the demo, evals and tests
    # pass the loopback sandbox's URLs; production sets the real ones (https://api.x.com,
    # https://api.linkedin.com, https://graph.facebook.com/v21.0 - the Graph version is part of it).
    x_api_base: str | None = None
    linkedin_api_base: str | None = None
    meta_graph_base: str | None = None
    linkedin_version: str = "202511"  # LinkedIn-Version header (YYYYMM); a sunset one answers 426
    connector_timeout_s: float = Field(default=10.0, gt=0, le=120)
    # 429: at most this many tries and this much waiting in total before "rate_limited".
    connector_retry_max_tries: int = Field(default=3, ge=1, le=10)
    connector_retry_max_wait_s: float = Field(default=30.0, ge=0, le=600)
    # Circuit breaker per connector: opens after N consecutive failures, or when the failure rate over
    # the recent calls (at least min_calls of them) reaches the rate; half-opens after reset_s.
    connector_breaker_failures: int = Field(default=5, ge=1)
    connector_breaker_failure_rate: float = Field(default=0.5, gt=0, le=1)
    connector_breaker_min_calls: int = Field(default=10, ge=1)
    connector_breaker_reset_s: float = Field(default=30.0, gt=0)
    # Instagram: how long to wait for a media container to become FINISHED before giving up this try.
    instagram_container_wait_s: float = Field(default=10.0, gt=0, le=300)

    # API rate limits, counted in Postgres so that they hold across API processes (api/ratelimit.py):
    # requests per window per tenant (all its keys together) and per API key. A tenant id in
    # rate_limit_tenant_overrides gets its own tenant quota: {"<tenant uuid>": 5000}.
    rate_limit_window_s: int = Field(default=60, ge=1, le=24 * 3600)
    rate_limit_tenant: int = Field(default=1200, ge=1)
    rate_limit_key: int = Field(default=600, ge=1)
    rate_limit_tenant_overrides: dict[str, int] = {}

    @field_validator("database_url", "database_owner_url", "database_admin_url")
    @classmethod
    def _valid_db_url(cls, value: str | None) -> str | None:
        return _check_postgres_url(value, "database URL")

    @field_validator("rate_limit_tenant_overrides")
    @classmethod
    def _valid_rate_overrides(cls, value: dict[str, int]) -> dict[str, int]:
        out = {}
        for tenant, quota in value.items():
            try:
                key = str(uuid.UUID(tenant))
            except ValueError:
                raise ValueError(f"SMM_RATE_LIMIT_TENANT_OVERRIDES: {tenant!r} is not a tenant id (UUID)") from None
            if quota < 1:
                raise ValueError(f"SMM_RATE_LIMIT_TENANT_OVERRIDES: quota of {tenant} must be at least 1")
            out[key] = quota
        return out

    @field_validator("secret_key_id")
    @classmethod
    def _valid_key_id(cls, value: str) -> str:
        if not value or len(value) > 32 or not value.replace("-", "").replace("_", "").isalnum():
            raise ValueError("SMM_SECRET_KEY_ID must be 1-32 letters, digits, '-' or '_'")
        return value

    @field_validator("x_api_base", "linkedin_api_base", "meta_graph_base")
    @classmethod
    def _valid_api_base(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        if not value.startswith(("https://", "http://")):
            raise ValueError("a connector base URL must start with https:// (or http:// for a loopback sandbox)")
        return value.rstrip("/")

    @field_validator("linkedin_version")
    @classmethod
    def _valid_linkedin_version(cls, value: str) -> str:
        if not (len(value) == 6 and value.isdigit() and 1 <= int(value[4:]) <= 12):
            raise ValueError("SMM_LINKEDIN_VERSION must be YYYYMM, e.g. 202511")
        return value

    @field_validator("pg_port", "temporal_port")
    @classmethod
    def _valid_port(cls, value: int | None) -> int | None:
        if value is not None and not 1024 <= value <= 65535:
            raise ValueError("port must be between 1024 and 65535")
        return value

    @field_validator("db_pool_size", "policy_timeout_ms")
    @classmethod
    def _positive(cls, value: int) -> int:
        # A zero pool or a zero timeout does not fail at start-up; it hangs or denies every request later.
        if value < 1:
            raise ValueError("must be at least 1")
        return value

    @model_validator(mode="after")
    def _no_default_secrets_outside_development(self) -> Settings:
        if self.env != "development":
            if self.secret_key.get_secret_value() == DEV_SECRET:
                raise ValueError("SMM_SECRET_KEY must be set to a real secret outside development")
            if len(self.secret_key.get_secret_value()) < 32:
                raise ValueError("SMM_SECRET_KEY must be at least 32 characters outside development")
        return self

    @model_validator(mode="after")
    def _no_private_crawling_outside_development(self) -> Settings:
        # Loopback/private crawl targets exist for fixtures; in production they are an SSRF door.
        if self.env != "development" and self.crawl_allow_private:
            raise ValueError("SMM_CRAWL_ALLOW_PRIVATE is a development setting; refuse it outside development")
        return self

    @property
    def home_dir(self) -> Path:
        """The data home as an absolute path (created on demand)."""
        return self.home.expanduser().resolve()


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (tests clear the cache after changing the environment)."""
    return Settings()
