"""The HTTP API: thin routes over domain services; domain errors map to HTTP in one place (api/errors.py)."""

from __future__ import annotations

from fastapi import FastAPI

from api import campaigns, cards, health, onboarding
from api.authz import Caller
from api.errors import install_error_handlers, responses
from api.middleware import RequestContext
from api.models import Health, Me
from api.web import onboarding_pages, pages
from api.web.security import PREFIX, SecurityHeaders

__all__ = ["Health", "Me", "create_app"]

DESCRIPTION = """\
Every answer carries `X-Request-ID` (yours when you send a well-formed one) and a W3C trace id: send a
valid `traceparent` to continue your trace, else a new one is started. The answer's `traceparent` names
this request's span (`00-<trace id>-<span id>-<flags>`) and `X-Trace-ID` is the bare 32-hex trace id;
error bodies carry both `request_id` and `trace_id`, and a campaign started here records the trace id
as its decision card's `proofs.trace_id`.

Authenticated routes are rate limited per tenant and per API key (fixed windows shared by every API
process); over a limit the answer is 429 with `Retry-After` in whole seconds. `/healthz`, `/readyz` and
`/metrics` are not limited.
"""


def create_app() -> FastAPI:
    """Build the application."""
    app = FastAPI(title="SMM Architect", version="0.1.0", description=DESCRIPTION)
    install_error_handlers(app)
    app.add_middleware(RequestContext)
    app.add_middleware(SecurityHeaders)
    app.include_router(health.router)

    @app.get("/v1/me", response_model=Me, responses=responses(401), tags=["identity"])
    async def me(principal: Caller) -> Me:
        """The caller's tenant, user and role."""
        return Me(tenant_id=str(principal.tenant_id), user_id=str(principal.user_id), role=principal.role,
                  key_id=principal.key_id)

    app.include_router(campaigns.router)
    app.include_router(cards.router)
    # The approver's pages (HTML, outside the OpenAPI schema) and their own script and stylesheet.
    app.include_router(pages.router)
    app.include_router(onboarding_pages.router)  # the marketer's onboarding chat pages
    app.mount(f"{PREFIX}/static", pages.static_files, name="web-static")
    app.include_router(onboarding.router)
    return app
