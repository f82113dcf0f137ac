"""``connector_for``: the connector of one channel and account, built from settings.

The breaker, the health record and the pooled HTTP client live per (channel, base URL, account) for
the life of the process, so every activity publishing to one account shares them: a breaker that
opened in one activity makes the next one fail fast too. (They are created with the settings of the
first call for that key.)
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from agents.publisher.connectors.base import Connector
from agents.publisher.connectors.http import ConnectorState, PlatformHttp, RetryPolicy
from agents.publisher.connectors.linkedin import LinkedInConnector, restli_headers
from agents.publisher.connectors.meta import FacebookPageConnector, InstagramConnector
from agents.publisher.connectors.x import XConnector
from core.errors import InvalidInput, ServiceError
from core.settings import Settings
from core.vocabulary import PUBLISHABLE_CHANNELS

CHANNELS = PUBLISHABLE_CHANNELS
_BASE_SETTING = {"x": "x_api_base", "linkedin": "linkedin_api_base", "facebook": "meta_graph_base",
                 "instagram": "meta_graph_base"}

_states: dict[tuple[str, str, str], ConnectorState] = {}
_states_lock = threading.Lock()


def _state(channel: str, base_url: str, account_id: str, settings: Settings) -> ConnectorState:
    key = (channel, base_url, account_id)
    with _states_lock:
        state = _states.get(key)
        if state is None:
            state = _states[key] = ConnectorState.create(channel, settings)
        return state


def reset_connector_states() -> None:
    """Forget every breaker and health record and close the pooled clients (tests, shutdown)."""
    with _states_lock:
        for state in _states.values():
            state.client.close()
        _states.clear()


def connector_for(channel: str, settings: Settings, token: str, account_id: str, author_urn: str | None = None,
                  *, sleep: Callable[[float], None] = time.sleep) -> Connector:
    """The connector for ``channel`` posting as ``account_id`` (LinkedIn: as ``author_urn``)."""
    if channel not in CHANNELS:
        raise InvalidInput(f"unknown channel {channel!r}: connectors exist for {', '.join(CHANNELS)}")
    base_url = getattr(settings, _BASE_SETTING[channel])
    if not base_url:
        raise ServiceError(f"the {channel} API is not configured: set SMM_{_BASE_SETTING[channel].upper()} "
                           "(or run against the sandbox platform)")
    if not token:
        raise InvalidInput(f"no access token for {channel}: connect the account first")
    if not account_id:
        raise InvalidInput(f"no account id for {channel}")
    state = _state(channel, base_url, account_id, settings)
    retry = RetryPolicy(max_tries=settings.connector_retry_max_tries, max_wait_s=settings.connector_retry_max_wait_s)
    if channel == "linkedin":
        if not author_urn or not author_urn.startswith("urn:li:"):
            raise InvalidInput("LinkedIn needs the author URN the token may post as (urn:li:organization:...)")
        http = PlatformHttp(state, base_url, token, headers=restli_headers(settings.linkedin_version),
                            retry=retry, sleep=sleep)
        return LinkedInConnector(http, author_urn)
    http = PlatformHttp(state, base_url, token, retry=retry, sleep=sleep)
    if channel == "x":
        return XConnector(http, account_id)
    if channel == "facebook":
        return FacebookPageConnector(http, account_id)
    return InstagramConnector(http, account_id, container_wait_s=settings.instagram_container_wait_s)
