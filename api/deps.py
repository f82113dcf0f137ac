"""FastAPI dependencies: settings, engine and the bearer API key of a request.

They are ``async def`` because they never block: FastAPI runs a plain ``def`` dependency in its thread
pool, and a hop there costs more than these functions do.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request
from sqlalchemy import Engine

from core.db import app_engine
from core.errors import Unauthorized
from core.settings import Settings, get_settings


async def settings_dep() -> Settings:
    """Process settings."""
    return get_settings()


SettingsDep = Annotated[Settings, Depends(settings_dep)]


async def engine_dep(request: Request, settings: SettingsDep) -> Engine:
    """The application-role engine, looked up once per app: finding the embedded server's URL reads its
    state files and checks its process, which cost more than a whole card read. A server that went away
    later shows as a database error (503), and the pool's pre-ping reconnects once it is back."""
    engine: Engine | None = getattr(request.app.state, "engine", None)
    if engine is None:
        engine = request.app.state.engine = app_engine(settings)
    return engine


EngineDep = Annotated[Engine, Depends(engine_dep)]


async def bearer_key(authorization: Annotated[str | None, Header()] = None) -> str:
    """The API key of ``Authorization: Bearer <api key>`` (401 when there is none)."""
    if not authorization or not authorization.startswith("Bearer "):
        raise Unauthorized("missing bearer API key")
    return authorization.removeprefix("Bearer ").strip()


BearerKeyDep = Annotated[str, Depends(bearer_key)]
