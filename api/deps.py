"""FastAPI dependencies: settings, engine and the authenticated principal."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header
from sqlalchemy import Engine

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


def principal_dep(engine: EngineDep, authorization: Annotated[str | None, Header()] = None) -> Principal:
    """The caller, from ``Authorization: Bearer <api key>``."""
    if not authorization or not authorization.startswith("Bearer "):
        raise Unauthorized("missing bearer API key")
    return authenticate(engine, authorization.removeprefix("Bearer ").strip())


PrincipalDep = Annotated[Principal, Depends(principal_dep)]
