"""The sandbox platform's memory: accounts and tokens, posts (deleted ones kept), Instagram containers, counters.

One lock guards everything: requests arrive on many server threads, and the invariants that matter
(no two live posts with one marker on an account, counters that add up) span several dicts. Memory is
bounded: posts and containers are capped (``SandboxFull`` past the cap) and the account count too.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from agents.publisher.marker import content_marker

PLATFORMS = ("x", "linkedin", "facebook", "instagram")

#: Where the numeric ids of each kind start, so that they look like the platforms' own (long digit strings).
_ID_BASE = {"x": 1_870_000_000_000_000_000, "linkedin": 7_260_000_000_000_000_000,
            "facebook": 122_100_000_000_000_000, "instagram": 17_900_000_000_000_000,
            "container": 17_800_000_000_000_000}
_ACCOUNT_BASE = {"x": 1_500_000_000_000_000_000, "linkedin": 100_000, "facebook": 110_000_000_000_000,
                 "instagram": 17_841_400_000_000_000}
_RATE_WINDOW_S = 900  # X's 15-minute window, used for every platform


class SandboxFull(Exception):
    """The post, container or account cap is reached; the sandbox answers 507 until it is reset."""


@dataclass(frozen=True)
class Account:
    platform: str
    account_id: str
    token: str
    name: str
    username: str
    author_urn: str | None = None  # LinkedIn: the organisation the token may post as
    sub: str | None = None  # LinkedIn: the member id /v2/userinfo returns

    def public(self) -> dict[str, Any]:
        data: dict[str, Any] = {"platform": self.platform, "account_id": self.account_id, "token": self.token}
        if self.author_urn is not None:
            data["author_urn"] = self.author_urn
        return data


@dataclass
class Post:
    platform: str
    account_id: str
    id: str
    text: str
    marker: str
    created_at: float  # epoch seconds, wall clock
    image_url: str | None = None
    deleted: bool = False
    deleted_at: float | None = None
    deleted_how: str | None = None  # "api" | "hand" (control API or a 404 fault)

    def public(self) -> dict[str, Any]:
        return {"platform": self.platform, "account_id": self.account_id, "id": self.id, "text": self.text,
                "marker": self.marker, "created_at": self.created_at, "deleted": self.deleted}


@dataclass
class Container:
    """An Instagram media container: created, FINISHED after a delay, PUBLISHED once (never twice)."""

    id: str
    account_id: str
    caption: str
    image_url: str
    created_at: float
    media_id: str | None = None  # set when published


@dataclass(frozen=True)
class RateState:
    limit: int
    remaining: int
    reset: int  # epoch seconds when the window ends
    allowed: bool


@dataclass
class _Counters:
    requests: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    created_total: int = 0
    deleted_total: int = 0
    created_per_marker: Counter[tuple[str, str, str]] = field(default_factory=Counter)


class Store:
    def __init__(self, *, max_posts: int = 100_000, max_accounts: int = 10_000,
                 clock: Callable[[], float] = time.time) -> None:
        self.max_posts = max_posts
        self.max_accounts = max_accounts
        self.clock = clock
        self._lock = threading.Lock()
        self._reset_locked()

    def _reset_locked(self) -> None:
        self._seq = 0
        self._accounts: dict[tuple[str, str], Account] = {}
        self._tokens: dict[str, Account] = {}
        self._posts: dict[tuple[str, str], Post] = {}
        self._by_account: dict[tuple[str, str], list[Post]] = defaultdict(list)  # creation order
        self._live_markers: dict[tuple[str, str, str], Post] = {}
        self._containers: dict[str, Container] = {}
        self._rate: dict[tuple[str, str, str], tuple[int, int]] = {}  # (platform, account, op) -> (window, used)
        self._c = _Counters()

    def reset(self) -> None:
        with self._lock:
            self._reset_locked()

    def _next(self) -> int:
        self._seq += 1
        return self._seq

    # ------------------------------------------------------------------ accounts

    def create_account(self, platform: str) -> Account:
        if platform not in PLATFORMS:
            raise ValueError(f"platform must be one of {', '.join(PLATFORMS)}, got {platform!r}")
        with self._lock:
            if len(self._accounts) >= self.max_accounts:
                raise SandboxFull(f"the sandbox holds at most {self.max_accounts} accounts")
            n = self._next()
            account_id = str(_ACCOUNT_BASE[platform] + n)
            account = Account(
                platform=platform, account_id=account_id, token=secrets.token_urlsafe(24),
                name=f"Sandbox {platform} account {n}", username=f"sandbox_{platform}_{n}",
                author_urn=f"urn:li:organization:{account_id}" if platform == "linkedin" else None,
                sub=secrets.token_urlsafe(8) if platform == "linkedin" else None)
            self._accounts[(platform, account_id)] = account
            self._tokens[account.token] = account
            return account

    def account_for_token(self, token: str | None) -> Account | None:
        if not token:
            return None
        with self._lock:
            return self._tokens.get(token)

    # ------------------------------------------------------------------ posts

    def _new_id(self, platform: str, account: Account) -> str:
        n = _ID_BASE[platform] + self._next()
        if platform == "linkedin":
            return f"urn:li:share:{n}"
        if platform == "facebook":
            return f"{account.account_id}_{n}"
        return str(n)

    def create_post(self, account: Account, text: str, *, dedup: bool,
                    image_url: str | None = None) -> tuple[Post | None, Post | None]:
        """Store a post: (new post, None), or (None, the live post with the same marker) when ``dedup``."""
        with self._lock:
            return self._create_locked(account, text, dedup=dedup, image_url=image_url)

    def _create_locked(self, account: Account, text: str, *, dedup: bool,
                       image_url: str | None) -> tuple[Post | None, Post | None]:
        marker = content_marker(text)
        key = (account.platform, account.account_id, marker)
        existing = self._live_markers.get(key)
        if dedup and existing is not None:
            return None, existing
        if len(self._posts) + len(self._containers) >= self.max_posts:
            raise SandboxFull(f"the sandbox holds at most {self.max_posts} posts and containers")
        post = Post(platform=account.platform, account_id=account.account_id,
                    id=self._new_id(account.platform, account), text=text, marker=marker,
                    created_at=self.clock(), image_url=image_url)
        self._posts[(post.platform, post.id)] = post
        self._by_account[(post.platform, post.account_id)].append(post)
        self._live_markers.setdefault(key, post)  # without dedup (Instagram) the first live one stays
        self._c.created_total += 1
        self._c.created_per_marker[key] += 1
        return post, None

    def post(self, platform: str, post_id: str, *, include_deleted: bool = False) -> Post | None:
        with self._lock:
            post = self._posts.get((platform, post_id))
        if post is None or (post.deleted and not include_deleted):
            return None
        return post

    def delete_post(self, platform: str, post_id: str, *, how: str, account_id: str | None = None) -> bool:
        """Mark a live post deleted (``account_id`` given: only if that account owns it); False if none."""
        with self._lock:
            post = self._posts.get((platform, post_id))
            if post is None or post.deleted or (account_id is not None and post.account_id != account_id):
                return False
            post.deleted, post.deleted_at, post.deleted_how = True, self.clock(), how
            key = (post.platform, post.account_id, post.marker)
            if self._live_markers.get(key) is post:
                del self._live_markers[key]
                # another live post may carry the marker (Instagram has no duplicate check)
                for other in self._by_account[(post.platform, post.account_id)]:
                    if not other.deleted and other.marker == post.marker:
                        self._live_markers[key] = other
                        break
            self._c.deleted_total += 1
            return True

    def live_posts(self, platform: str, account_id: str, *, since: float | None = None,
                   limit: int = 100) -> list[Post]:
        """The account's posts that are not deleted, newest first."""
        with self._lock:
            posts = self._by_account.get((platform, account_id), [])
            out: list[Post] = []
            for post in reversed(posts):
                if since is not None and post.created_at < since:
                    break  # creation order: everything further back is older
                if not post.deleted:
                    out.append(post)
                    if len(out) >= limit:
                        break
            return out

    def newest_live_post(self, platform: str, account_id: str) -> Post | None:
        posts = self.live_posts(platform, account_id, limit=1)
        return posts[0] if posts else None

    # ------------------------------------------------------------------ Instagram containers

    def create_container(self, account: Account, caption: str, image_url: str) -> Container:
        with self._lock:
            if len(self._posts) + len(self._containers) >= self.max_posts:
                raise SandboxFull(f"the sandbox holds at most {self.max_posts} posts and containers")
            container = Container(id=str(_ID_BASE["container"] + self._next()), account_id=account.account_id,
                                  caption=caption, image_url=image_url, created_at=self.clock())
            self._containers[container.id] = container
            return container

    def container(self, container_id: str) -> Container | None:
        with self._lock:
            return self._containers.get(container_id)

    def publish_container(self, account: Account, container: Container) -> Post | None:
        """Publish a container once: the new media, or None when it was already published.

        The check and the flag are under one lock, so two concurrent publishes of one container
        cannot both create a post (Instagram refuses the second one too)."""
        with self._lock:
            if container.media_id is not None:
                return None
            post, _ = self._create_locked(account, container.caption, dedup=False, image_url=container.image_url)
            assert post is not None  # dedup=False never returns an existing post
            container.media_id = post.id
            return post

    # ------------------------------------------------------------------ counters

    def count(self, platform: str, operation: str) -> None:
        with self._lock:
            self._c.requests[platform][operation] += 1

    def take_rate(self, account: Account, operation: str, limit: int) -> RateState:
        """Count one call in the account's 15-minute window for ``operation``; allowed while under ``limit``."""
        now = self.clock()
        window = int(now // _RATE_WINDOW_S)
        key = (account.platform, account.account_id, operation)
        with self._lock:
            start, used = self._rate.get(key, (window, 0))
            if start != window:
                used = 0
            allowed = used < limit
            if allowed:
                used += 1
            self._rate[key] = (window, used)
        return RateState(limit=limit, remaining=max(0, limit - used), reset=(window + 1) * _RATE_WINDOW_S,
                         allowed=allowed)

    def stats(self) -> dict[str, Any]:
        with self._lock:
            requests = {p: dict(c) for p, c in self._c.requests.items()}
            stored = dict.fromkeys(PLATFORMS, 0)
            for post in self._posts.values():
                if not post.deleted:
                    stored[post.platform] += 1
            duplicates = [{"platform": p, "account_id": a, "marker": m, "count": n}
                          for (p, a, m), n in sorted(self._c.created_per_marker.items()) if n > 1]
            return {"requests": requests, "requests_total": sum(sum(c.values()) for c in requests.values()),
                    "stored": stored, "created_total": self._c.created_total,
                    "deleted_total": self._c.deleted_total, "duplicates": duplicates}

    def all_posts(self) -> list[dict[str, Any]]:
        with self._lock:
            return [post.public() for post in self._posts.values()]
