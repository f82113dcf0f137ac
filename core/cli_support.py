"""Pieces every `smm` command shares: option callbacks that turn bad values into usage errors, JSON output.

A callback runs while typer parses the command line, before the command body, so a bad value
never starts a crawl, a workflow or a database connection. Raising ``typer.BadParameter`` makes
the error a usage error: `smm` prints the usage line and one reason, and exits 2 (core/cli.py main).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

import typer

from core import input_checks

T = TypeVar("T")


def check(fn: Callable[[T], T]) -> Callable[[T | None], T | None]:
    """An option callback from a check in core/input_checks.py (None = option not given, passes)."""

    def callback(value: T | None) -> T | None:
        if value is None:
            return None
        try:
            return fn(value)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None

    return callback


finite = check(input_checks.finite)
positive_finite = check(input_checks.positive_finite)
http_url = check(input_checks.http_url)
uuid_text = check(input_checks.uuid_text)
region_code = check(input_checks.region_code)


def usage_error(message: str, option: str) -> typer.BadParameter:
    """A usage error about ``option`` found in a command body (e.g. a value that depends on the settings)."""
    return typer.BadParameter(message, param_hint=f"'{option}'")


def validated(option: str, fn: Callable[[T], T], value: T) -> T:
    """Run a check from core/input_checks.py in a command body; a failure is a usage error about ``option``."""
    try:
        return fn(value)
    except ValueError as exc:
        raise usage_error(str(exc), option) from None


def to_json(data: Any, *, indent: int | None = 2, ensure_ascii: bool = True) -> str:
    """Standard JSON: Infinity/NaN are a bug upstream, refused here rather than printed."""
    return json.dumps(data, indent=indent, sort_keys=True, default=str, allow_nan=False, ensure_ascii=ensure_ascii)
