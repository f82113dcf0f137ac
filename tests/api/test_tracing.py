"""W3C trace ids: continued from a valid traceparent, else new; on every answer, in error bodies, and
handed to the campaign workflow as its trace id."""

from __future__ import annotations

import re
import uuid

import httpx
import pytest

from api.tracing import parse_traceparent, trace_context
from core.settings import Settings
from tests.api.conftest import Org
from tests.api.test_boundary import DEAD_URL
from workflows.activities import CampaignRequest
from workflows.worker import connect

TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
VALID = f"00-{TRACE}-00f067aa0ba902b7-01"
HEX32, HEX16 = re.compile(r"[0-9a-f]{32}"), re.compile(r"[0-9a-f]{16}")


@pytest.mark.parametrize("value", [
    None, "", "garbage", VALID.upper(), f"00-{'0' * 32}-00f067aa0ba902b7-01", f"00-{TRACE}-{'0' * 16}-01",
    f"ff-{TRACE}-00f067aa0ba902b7-01", f"00-{TRACE}-00f067aa0ba902b7-01-extra", f"00-{TRACE[:-1]}-00f067aa0ba902b7-01",
])
def test_invalid_traceparents_are_not_continued(value: str | None) -> None:
    assert parse_traceparent(value) is None
    ctx = trace_context(value)
    assert HEX32.fullmatch(ctx.trace_id) and ctx.trace_id != TRACE and HEX16.fullmatch(ctx.span_id)


def test_valid_traceparents_are_continued_with_a_new_span() -> None:
    assert parse_traceparent(VALID) == (TRACE, "01")
    assert parse_traceparent(f"01-{TRACE}-00f067aa0ba902b7-00-future-field") == (TRACE, "00")  # a later version
    ctx = trace_context(VALID)
    assert ctx.trace_id == TRACE and ctx.span_id != "00f067aa0ba902b7"
    assert ctx.traceparent == f"00-{TRACE}-{ctx.span_id}-01"


async def test_every_answer_carries_the_trace_and_errors_name_it(http: httpx.AsyncClient, org_a: Org) -> None:
    ok = await http.get("/v1/me", headers={**org_a.headers["marketer"], "traceparent": VALID})
    assert ok.status_code == 200 and ok.headers["x-trace-id"] == TRACE
    assert re.fullmatch(rf"00-{TRACE}-[0-9a-f]{{16}}-01", ok.headers["traceparent"])
    fresh = await http.get("/healthz", headers={"traceparent": "00-nonsense"})
    assert HEX32.fullmatch(fresh.headers["x-trace-id"]) and fresh.headers["x-trace-id"] != TRACE
    assert fresh.headers["traceparent"].startswith(f"00-{fresh.headers['x-trace-id']}-")
    two = [(await http.get("/healthz")).headers["x-trace-id"] for _ in range(2)]
    assert two[0] != two[1]  # a new trace per request without one
    denied = await http.get("/v1/me", headers={"traceparent": VALID, "X-Request-ID": "req-1"})
    assert denied.status_code == 401
    assert denied.json()["trace_id"] == TRACE and denied.json()["request_id"] == "req-1"
    invalid = await http.post("/v1/campaigns", json={"brand_url": DEAD_URL, "surprise": 1},
                              headers=org_a.headers["marketer"])
    assert invalid.status_code == 422 and invalid.json()["trace_id"] == invalid.headers["x-trace-id"]
    big = await http.post("/v1/campaigns", content=b"{" + b" " * 100_000 + b"}",
                          headers={**org_a.headers["marketer"], "content-type": "application/json",
                                   "traceparent": VALID})
    assert big.status_code == 413 and big.json()["trace_id"] == TRACE == big.headers["x-trace-id"]


async def test_campaign_start_hands_the_trace_id_to_the_workflow(http: httpx.AsyncClient, org_a: Org,
                                                                 settings: Settings) -> None:
    started = await http.post("/v1/campaigns", json={"brand_url": DEAD_URL},
                              headers={**org_a.headers["marketer"], "traceparent": VALID,
                                       "Idempotency-Key": f"trace-{uuid.uuid4().hex}"})
    assert started.status_code == 202, started.text
    client = await connect(settings)
    handle = client.get_workflow_handle(started.json()["workflow_id"])
    try:
        history = await handle.fetch_history()
        first = history.events[0].workflow_execution_started_event_attributes
        [req] = await client.data_converter.decode(first.input.payloads, [CampaignRequest])
        assert isinstance(req, CampaignRequest) and req.trace_id == TRACE
    finally:  # no worker serves this run; end it so a later test's worker does not pick it up
        await handle.terminate("test over")
