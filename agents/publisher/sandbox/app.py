"""The sandbox platform without its socket: configuration, shared state and the request pipeline.

Every platform request goes through the same steps, in the order a real platform applies them:
route → count → platform preconditions (LinkedIn's version header) → token → rate limit → an
injected fault → the operation. A fault of an ``*_after_commit`` kind lets the operation commit and
only spoils the answer (the server then drops the connection or answers late).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from agents.publisher.sandbox.engagement import EngagementModel
from agents.publisher.sandbox.faults import AFTER_COMMIT, FaultQueue
from agents.publisher.sandbox.store import Account, Post, RateState, SandboxFull, Store
from agents.publisher.sandbox.wire import BadRequest, Request, Response, Route

if TYPE_CHECKING:
    from agents.publisher.sandbox.faults import Fault

log = logging.getLogger(__name__)

DEFAULT_GRAPH_VERSION = "v21.0"


@dataclass(frozen=True)
class SandboxConfig:
    seed: int = 0
    time_scale: float = 3600.0  # simulated seconds per real second (engagement only)
    container_delay_s: float = 0.2  # real seconds before an Instagram container is FINISHED
    container_ttl_s: float = 86_400.0  # real seconds before an unpublished container is EXPIRED
    linkedin_versions: tuple[str, str] = ("202411", "202611")  # active LinkedIn-Version range, inclusive
    graph_version: str = DEFAULT_GRAPH_VERSION  # the one the connector base URL names; any vNN.N is served
    rate_limit: int = 10_000  # calls per account and operation per 15 minutes
    max_posts: int = 100_000
    max_accounts: int = 10_000


class PlatformApi:
    """One platform's routes and error shapes; the pipeline in ``Sandbox`` is shared."""

    prefix = ""
    platforms: tuple[str, ...] = ()

    def route(self, sb: Sandbox, req: Request, path: str) -> Route | None:
        raise NotImplementedError

    def platform_of(self, sb: Sandbox, req: Request, path: str, account: Account | None) -> str:
        return self.platforms[0]

    def preflight(self, sb: Sandbox, req: Request, path: str) -> Response | None:
        return None

    def unauthorized(self, expired: bool) -> Response:
        raise NotImplementedError

    def rate_limited(self, rate: RateState | None, retry_after_s: float) -> Response:
        raise NotImplementedError

    def unavailable(self) -> Response:
        raise NotImplementedError

    def duplicate(self, sb: Sandbox, account: Account, route: Route) -> Response:
        raise NotImplementedError

    def not_found(self, route: Route) -> Response:
        raise NotImplementedError

    def no_route(self, req: Request) -> Response:
        raise NotImplementedError

    def bad_request(self, message: str) -> Response:
        raise NotImplementedError

    def full(self, message: str) -> Response:
        raise NotImplementedError

    def decorate(self, response: Response, rate: RateState) -> None:
        """Add headers every answer carries (X's rate-limit headers)."""


class Sandbox:
    def __init__(self, config: SandboxConfig | None = None, clock: Callable[[], float] = time.time) -> None:
        from agents.publisher.sandbox import control, linkedin_api, meta_api, x_api

        self.config = config or SandboxConfig()
        self.clock = clock
        self.store = Store(max_posts=self.config.max_posts, max_accounts=self.config.max_accounts, clock=clock)
        self.faults = FaultQueue()
        self.engagement = EngagementModel(self.config.seed)
        self._apis: list[PlatformApi] = [x_api.XApi(), linkedin_api.LinkedInApi(), meta_api.MetaApi()]
        self._control = control.handle

    def age_s(self, post: Post) -> float:
        """Simulated seconds since the post was created."""
        return max(0.0, (self.clock() - post.created_at) * self.config.time_scale)

    def reset(self) -> None:
        self.store.reset()
        self.faults.clear()
        self.engagement.clear_spikes()

    def handle(self, req: Request) -> Response:
        if req.path == "/_sandbox" or req.path.startswith("/_sandbox/"):
            return self._control(self, req, req.path[len("/_sandbox"):])
        for api in self._apis:
            if req.path == api.prefix or req.path.startswith(api.prefix + "/"):
                return self._platform(api, req, req.path[len(api.prefix):])
        return Response.json(404, {"error": "unknown path: platforms are served under /x, /linkedin and "
                                            "/meta/{version}; the control API under /_sandbox"})

    def _platform(self, api: PlatformApi, req: Request, path: str) -> Response:
        account = self.store.account_for_token(req.bearer() or req.arg("access_token"))
        route = api.route(self, req, path)
        platform = api.platform_of(self, req, path, account)
        self.store.count(platform, route.operation if route else "unknown")
        if route is None:
            return api.no_route(req)
        refused = api.preflight(self, req, path)
        if refused is not None:
            return refused
        if account is None or account.platform not in api.platforms:
            return api.unauthorized(expired=False)
        rate = self.store.take_rate(account, route.operation, self.config.rate_limit)
        if not rate.allowed:
            return api.rate_limited(rate, rate.reset - self.clock())
        fault = self.faults.take(platform, route.chain)
        if fault is not None and fault.kind not in AFTER_COMMIT:
            return self._fault_answer(api, fault, account, route, platform)
        try:
            response = route.handler(self, req, account, route)
        except BadRequest as exc:
            return api.bad_request(str(exc))
        except SandboxFull as exc:
            return api.full(f"{exc}; POST /_sandbox/reset to start again")
        api.decorate(response, rate)
        if fault is not None:
            response.lose = fault.kind == "lost_response_after_commit"
            response.delay_s = fault.delay_s if fault.kind == "timeout_after_commit" else 0.0
        return response

    def _fault_answer(self, api: PlatformApi, fault: Fault, account: Account, route: Route,
                      platform: str) -> Response:
        if fault.kind == "5xx":
            return api.unavailable()
        if fault.kind == "429":
            return api.rate_limited(None, fault.retry_after_s)
        if fault.kind == "401":
            return api.unauthorized(expired=True)
        if fault.kind == "duplicate":
            return api.duplicate(self, account, route)
        # "404": on a delete, the post is gone as if someone removed it by hand first
        if route.operation == "delete" and route.target is not None:
            self.store.delete_post(platform, route.target, how="hand")
        return api.not_found(route)
