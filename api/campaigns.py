"""Campaign routes: start (202, idempotent by key), list, status, and a run's progress by request id."""

from __future__ import annotations

import uuid
from datetime import timedelta

from fastapi import APIRouter, Path, Request
from starlette.concurrency import run_in_threadpool
from temporalio.client import Client, WorkflowExecutionStatus
from temporalio.service import RPCError, RPCStatusCode

from api import idempotency
from api.authz import CampaignCreator, CampaignReader
from api.deps import EngineDep, SettingsDep
from api.errors import responses
from api.metrics import WORKFLOW_STARTS
from api.models import CampaignCreate, CampaignRun, CampaignStarted, CampaignStatus, CampaignSummary
from core.errors import NotFound, ServiceError
from workflows.activities import CampaignRequest
from workflows.decisions import campaign_status, list_campaigns
from workflows.runner import start_or_attach, workflow_id_for
from workflows.worker import connect as _connect


async def connect(settings: SettingsDep) -> Client:
    """A Temporal client, or ServiceError (503) when the server cannot be reached."""
    try:
        return await _connect(settings)
    except RuntimeError as exc:  # the SDK's "failed client connect"
        raise ServiceError(f"the workflow service is unreachable: {exc}") from None


router = APIRouter(prefix="/v1", tags=["campaigns"])
#: A status query needs a worker; without one it would wait for the server's default deadline.
QUERY_TIMEOUT = timedelta(seconds=5)
RequestId = Path(pattern=r"^[A-Za-z0-9_-]{1,100}$", description="The Idempotency-Key (request id) of the start")


@router.post("/campaigns", status_code=202, response_model=CampaignStarted,
             responses=responses(401, 403, 413, 422, 503))
async def create_campaign(request: Request, body: CampaignCreate, principal: CampaignCreator, engine: EngineDep,
                          settings: SettingsDep, idempotency_key: idempotency.IdempotencyHeader = None,
                          ) -> CampaignStarted:
    """Start a campaign run; the same Idempotency-Key attaches to the same run (one campaign)."""
    key = idempotency.checked_key(idempotency_key)
    path = "/v1/campaigns"
    digest = idempotency.request_hash("POST", path, body)
    if key is not None:
        stored = await run_in_threadpool(idempotency.lookup, engine, principal, key, digest)
        if stored is not None:
            return CampaignStarted.model_validate(stored.body)
    rid = key or uuid.uuid4().hex
    req = CampaignRequest(
        tenant_id=str(principal.tenant_id), brand_url=body.brand_url, request_id=rid, name=body.name,
        requested_by=str(principal.user_id), seed=body.seed, iterations=body.iterations,
        posts_per_channel=body.posts_per_channel, start_date=body.start_date, embedder=body.embedder,
        region=body.region, monthly_budget=body.monthly_budget, workspace_id=body.workspace_id,
        trace_id=getattr(request.state, "trace_id", None))
    # The workflow id derives from (tenant, request id): concurrent duplicates attach to one run.
    handle = await start_or_attach(await connect(settings), settings, req)
    WORKFLOW_STARTS.inc()
    answer = CampaignStarted(request_id=rid, workflow_id=handle.id, status_url=f"/v1/campaign-runs/{rid}")
    if key is not None:
        won = await run_in_threadpool(idempotency.store, engine, principal, key, "POST", path, digest,
                                      idempotency.Stored(202, answer.model_dump(mode="json")))
        return CampaignStarted.model_validate(won.body)
    return answer


@router.get("/campaigns", response_model=list[CampaignSummary], responses=responses(401, 403))
async def get_campaigns(principal: CampaignReader, settings: SettingsDep) -> list[CampaignSummary]:
    """The tenant's campaigns, newest first."""
    rows = await run_in_threadpool(list_campaigns, settings, str(principal.tenant_id))
    return [CampaignSummary.model_validate(r) for r in rows]


@router.get("/campaigns/{campaign_id}", response_model=CampaignStatus, responses=responses(401, 403, 404, 422))
async def get_campaign(campaign_id: uuid.UUID, principal: CampaignReader, settings: SettingsDep) -> CampaignStatus:
    """A campaign's status: stored decisions and cards plus the running workflow's step."""
    return CampaignStatus.model_validate(await campaign_status(settings, str(principal.tenant_id), str(campaign_id)))


@router.get("/campaign-runs/{request_id}", response_model=CampaignRun, responses=responses(401, 403, 404, 422))
async def get_campaign_run(principal: CampaignReader, settings: SettingsDep,
                           request_id: str = RequestId) -> CampaignRun:
    """Progress of the run a POST /v1/campaigns started (only the caller's tenant's runs are found)."""
    wid = workflow_id_for(settings, CampaignRequest(tenant_id=str(principal.tenant_id), brand_url="",
                                                    request_id=request_id))
    handle = (await connect(settings)).get_workflow_handle(wid)
    try:
        desc = await handle.describe()
    except RPCError as exc:
        if exc.status == RPCStatusCode.NOT_FOUND:
            raise NotFound(f"no campaign run with request id {request_id} in this tenant") from None
        raise
    out = CampaignRun(request_id=request_id, workflow_id=wid,
                      workflow_status=desc.status.name.lower() if desc.status else "unknown")
    if desc.status == WorkflowExecutionStatus.RUNNING:
        try:  # no worker serving the queue right now: report what the server knows
            live = await handle.query("status", result_type=dict, rpc_timeout=QUERY_TIMEOUT)
        except RPCError:
            return out
        out = out.model_copy(update={k: live.get(k) for k in ("status", "stage", "campaign_id", "decision_card_id",
                                                               "card_sha256")})
    return out
