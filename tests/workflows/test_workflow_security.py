"""The Temporal server is an open door: payloads are encrypted and only signed starts act for a tenant."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import subprocess
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from temporalio.client import Client

from core.db import tenant_session
from core.identity import create_api_key
from core.keys import keyring
from core.models import AuditEvent, BrandTwinRow, Campaign, Source
from core.services import temporal_binary
from core.settings import Settings, get_settings
from workflows.activities import CampaignRequest
from workflows.campaign import CampaignWorkflow
from workflows.runner import run_campaign
from workflows.signing import sign_start


def _request(engine: Engine, tid: uuid.UUID, url: str) -> CampaignRequest:
    marketer = create_api_key(engine, tid, "marketer", email="m@sec.test").user_id
    return CampaignRequest(tenant_id=str(tid), brand_url=url, request_id=uuid.uuid4().hex,
                           requested_by=str(marketer), seed=3, iterations=2000, embedder="hashing",
                           start_date="2026-12-01")


def _tenant_rows(engine: Engine, tid: uuid.UUID) -> dict[str, Any]:
    with tenant_session(engine, tid) as s:
        counts = {m.__tablename__: s.execute(select(func.count()).select_from(m)).scalar_one()
                  for m in (Source, BrandTwinRow, Campaign)}
        refusals = s.execute(select(AuditEvent.payload).where(AuditEvent.action == "workflow.start_refused")).all()
    return {"counts": counts, "refusals": [r[0] for r in refusals]}


async def _start_as(client: Client, queue: str, req: CampaignRequest, wid: str) -> None:
    await client.start_workflow(CampaignWorkflow.run, req, id=wid, task_queue=queue,
                                execution_timeout=timedelta(minutes=2))


def _tampered(req: CampaignRequest, wid: str) -> CampaignRequest:
    signed = dataclasses.replace(req, start_token=sign_start(keyring(get_settings()), req, wid))
    return dataclasses.replace(signed, brand_url=req.brand_url + "other/")


def _expired(req: CampaignRequest, wid: str) -> CampaignRequest:
    return dataclasses.replace(req, start_token=sign_start(keyring(get_settings()), req, wid, ttl_s=-1))


def _for_other_workflow(req: CampaignRequest, _wid: str) -> CampaignRequest:
    return dataclasses.replace(req, start_token=sign_start(keyring(get_settings()), req, "campaign-elsewhere"))


@pytest.mark.parametrize("forge", [None, _tampered, _expired, _for_other_workflow],
                         ids=["unsigned-plain-client", "altered", "expired", "other-workflow-id"])
async def test_unsigned_or_forged_start_writes_nothing_but_an_audit_event(
    forge: Callable[[CampaignRequest, str], CampaignRequest] | None, worker_queue: tuple[Client, str],
    temporal_address: str, engine: Engine, coffee_site: str, make_tenant: Callable[[], uuid.UUID],
) -> None:
    client, queue = worker_queue
    tid = make_tenant()
    req = _request(engine, tid, coffee_site)
    wid = f"campaign-{uuid.uuid4()}"
    if forge is None:
        # An attacker on the same machine: a plain client, no codec, no key.
        attacker = await Client.connect(temporal_address)
        await _start_as(attacker, queue, req, wid)
    else:
        await _start_as(client, queue, forge(req, wid), wid)
    result = await client.get_workflow_handle(wid).result()
    assert result["status"] == "refused", result
    rows = _tenant_rows(engine, tid)
    assert rows["counts"] == {"sources": 0, "brand_twins": 0, "campaigns": 0}
    assert len(rows["refusals"]) == 1 and rows["refusals"][0]["reason"] == result["reasons"][0]


async def test_history_and_database_file_hold_no_plaintext(
    settings: Settings, temporal_address: str, engine: Engine, coffee_site: str,
    make_tenant: Callable[[], uuid.UUID],
) -> None:
    tid = make_tenant()
    req = _request(engine, tid, coffee_site)
    result = await run_campaign(settings, req, inline_worker=True)
    assert result["status"] == "awaiting_approval", result
    cmd = [str(temporal_binary()), "workflow", "show", "--workflow-id", result["workflow_id"], "--output", "json",
           "--address", temporal_address, "--namespace", settings.temporal_namespace]
    shown = (await asyncio.to_thread(subprocess.run, cmd, capture_output=True, text=True, timeout=60,
                                     check=True)).stdout
    history = json.loads(shown)
    assert len(history["events"]) > 20  # the whole run is there, just unreadable
    card = result["decision_card"]
    secrets = [str(tid), "Northpeak", "Yirgacheffe", "espresso", card["verdict"], coffee_site]
    with tenant_session(engine, tid) as s:
        secrets.append(s.execute(select(Source.text)).scalars().first()[:40])
    for secret in secrets:
        assert secret not in shown, f"history shows {secret!r} in plaintext"
    raw = b"".join(p.read_bytes() for p in settings.home_dir.glob("temporal.db*"))  # with -wal/-shm
    for secret in ("Northpeak", "Yirgacheffe", str(tid)):
        assert secret.encode() not in raw, f"temporal.db holds {secret!r} in plaintext"


def test_the_trace_id_is_signed_and_an_unset_one_keeps_old_signatures(settings: Settings) -> None:
    from workflows.signing import verify_start

    keys = keyring(settings)
    req = CampaignRequest(tenant_id=str(uuid.uuid4()), brand_url="https://b.test/", request_id="r1",
                          trace_id="4bf92f3577b34da6a3ce929d0e0e4736")
    signed = dataclasses.replace(req, start_token=sign_start(keys, req, "wf-1"))
    verify_start(keys, signed, "wf-1")
    with pytest.raises(Exception, match="does not match"):  # another trace id is another request
        verify_start(keys, dataclasses.replace(signed, trace_id="0" * 31 + "1"), "wf-1")
    # Without a trace id the digest is the one made before the field existed: tokens in flight still verify.
    import hashlib

    from core.audit import canonical_json
    from workflows.signing import _digest

    untraced = dataclasses.replace(req, trace_id=None)
    old = {k: v for k, v in dataclasses.asdict(untraced).items()
           if k not in ("start_token", "trace_id", "quick_step_timeout_s")}
    assert _digest(untraced) == hashlib.sha256(canonical_json(old).encode()).hexdigest()
    # The same for the quick-step timeout at its default; another value is signed.
    quick = dataclasses.replace(untraced, quick_step_timeout_s=15.0)
    assert _digest(quick) != _digest(untraced)
    with pytest.raises(Exception, match="does not match"):
        verify_start(keys, dataclasses.replace(quick, start_token=sign_start(keys, untraced, "wf-1")), "wf-1")
