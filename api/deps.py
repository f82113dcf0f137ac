"""FastAPI dependencies: settings, engine and the authenticated (and rate-limited) principal."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header
from sqlalchemy import Engine

from api import ratelimit
from core.db import app_engine
from core.errors import Unauthorized
from core.identity import Principal, authenticate
from core.settings import Settings, get_settings


def settings_dep() -> Settings:
    """Process settings."""
    return get_settings()


SettingsDep = Annotated[Settings, Depends(settings_dep)]


def engine_dep(settings: SettingsDep) -> Engine:
    """The application-role engine."""
    return app_engine(settings)


EngineDep = Annotated[Engine, Depends(engine_dep)]


def principal_dep(engine: EngineDep, settings: SettingsDep,
                  authorization: Annotated[str | None, Header()] = None) -> Principal:
    """The caller, from ``Authorization: Bearer <api key>``, counted against its rate limits (429 when over).

    Authentication comes first: a request without a valid key is a 401 and counts against no tenant.
    """
    if not authorization or not authorization.startswith("Bearer "):
        raise Unauthorized("missing bearer API key")
    principal = authenticate(engine, authorization.removeprefix("Bearer ").strip())
    ratelimit.charge(engine, settings, principal)
    return principal


PrincipalDep = Annotated[Principal, Depends(principal_dep)]
