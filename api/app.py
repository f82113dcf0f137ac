"""The HTTP API: thin routes over domain services; domain errors map to HTTP in one place."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from api.deps import PrincipalDep
from core.errors import SmmError


class Health(BaseModel):
    """Liveness answer."""

    status: str


class Me(BaseModel):
    """Who the API key belongs to."""

    tenant_id: str
    user_id: str
    role: str
    key_id: str


def create_app() -> FastAPI:
    """Build the application."""
    app = FastAPI(title="SMM Architect", version="0.1.0")

    @app.exception_handler(SmmError)
    async def domain_error(_: Request, exc: SmmError) -> JSONResponse:
        return JSONResponse(status_code=exc.http_status, content={"detail": str(exc)})

    @app.get("/healthz", response_model=Health)
    def healthz() -> Health:
        """Liveness probe."""
        return Health(status="ok")

    @app.get("/v1/me", response_model=Me)
    def me(principal: PrincipalDep) -> Me:
        """The caller's tenant, user and role."""
        return Me(tenant_id=str(principal.tenant_id), user_id=str(principal.user_id), role=principal.role,
                  key_id=principal.key_id)

    return app
