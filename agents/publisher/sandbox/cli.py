"""`smm sandbox serve`: the sandbox platform in the foreground, for the demo and for manual tries."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from core import cli_support

sandbox_app = typer.Typer(no_args_is_help=True, help="The local sandbox social platform (X, LinkedIn, Meta).")


def _loopback(host: str) -> str:
    from agents.publisher.sandbox.server import NotLoopback, check_loopback

    try:
        return check_loopback(host.strip())
    except NotLoopback as exc:
        raise typer.BadParameter(str(exc)) from None


@sandbox_app.command("serve")
def serve_cmd(
    port: Annotated[int, typer.Option(min=0, max=65535, help="TCP port (0 = a free one).")] = 0,
    host: Annotated[str, typer.Option(help="Loopback address to bind (127.0.0.1 or ::1).",
                                      callback=_loopback)] = "127.0.0.1",
    seed: Annotated[int, typer.Option(min=0, max=2**63 - 1, help="Seed of the engagement model.")] = 0,
    time_scale: Annotated[float, typer.Option("--time-scale", callback=cli_support.positive_finite,
                                              help="Simulated seconds per real second (engagement).")] = 3600.0,
) -> None:
    """Serve until SIGINT/SIGTERM; first print one JSON line: base URL, platform URLs, one account per platform."""
    from agents.publisher.sandbox.app import SandboxConfig
    from agents.publisher.sandbox.server import SandboxHandle, ready_line, run_foreground
    from agents.publisher.sandbox.store import PLATFORMS
    from core.errors import ServiceError

    def ready(handle: SandboxHandle) -> None:
        accounts = {p: handle.create_account(p) for p in PLATFORMS}
        sys.stdout.write(ready_line(handle, accounts) + "\n")
        sys.stdout.flush()
        typer.echo(f"sandbox platform listening on {handle.base_url} (Ctrl-C to stop)", err=True)

    try:
        run_foreground(SandboxConfig(seed=seed, time_scale=time_scale), host, port, on_ready=ready)
    except OSError as exc:
        raise ServiceError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def register(app: typer.Typer) -> None:
    """Add `smm sandbox ...` to the smm Typer app."""
    app.add_typer(sandbox_app, name="sandbox")
