"""The HTTP API: thin routes over domain services; domain errors map to HTTP in one place (api/errors.py)."""

from __future__ import annotations

from fastapi import FastAPI

from api import campaigns, cards, health
from api.deps import PrincipalDep
from api.errors import install_error_handlers, responses
from api.middleware import RequestContext
from api.models import Health, Me

__all__ = ["Health", "Me", "create_app"]


def create_app() -> FastAPI:
    """Build the application."""
    app = FastAPI(title="SMM Architect", version="0.1.0")
    install_error_handlers(app)
    app.add_middleware(RequestContext)
    app.include_router(health.router)

    @app.get("/v1/me", response_model=Me, responses=responses(401), tags=["identity"])
    def me(principal: PrincipalDep) -> Me:
        """The caller's tenant, user and role."""
        return Me(tenant_id=str(principal.tenant_id), user_id=str(principal.user_id), role=principal.role,
                  key_id=principal.key_id)

    app.include_router(campaigns.router)
    app.include_router(cards.router)
    return app
