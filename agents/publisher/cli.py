"""`smm connector connect|list` and `smm workspace mode`: what a marketer sets up before a live launch.

Tokens are read from a file (never from the command line, where `ps` and shell history would keep
them) and stored encrypted; `list` never shows them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

connector_app = typer.Typer(no_args_is_help=True, help="Connected platform accounts (tokens stored encrypted).")
workspace_app = typer.Typer(no_args_is_help=True, help="Workspaces: shadow or live.")

Tenant = Annotated[str, typer.Option("--tenant", help="Tenant id")]
JsonOut = Annotated[bool, typer.Option("--json")]


def _tenant(value: str) -> str:
    from core import input_checks
    from core.cli_support import validated

    return validated("--tenant", input_checks.uuid_text, value)


@connector_app.command("connect")
def connect_cmd(
    tenant: Tenant,
    channel: Annotated[str, typer.Option("--channel", help="x | linkedin | facebook | instagram")],
    account_id: Annotated[str, typer.Option("--account-id", help="The platform account (user, page, IG user id)")],
    token_file: Annotated[Path, typer.Option("--token-file", help="A file holding the OAuth bearer token")],
    author_urn: Annotated[str | None, typer.Option("--author-urn", help="LinkedIn: the URN posts are made as")]
    = None,
    as_json: JsonOut = False,
) -> None:
    """Store a channel's token for a tenant (replacing the one it had), encrypted under the current key."""
    from agents.publisher.connectors.registry import CHANNELS
    from agents.publisher.tokens import store_token
    from core.cli_support import usage_error
    from core.db import app_engine, tenant_session
    from core.settings import get_settings

    tid = _tenant(tenant)
    if channel not in CHANNELS:
        raise usage_error(f"must be one of {', '.join(CHANNELS)}", "--channel")
    if not account_id.strip() or len(account_id) > 200:
        raise usage_error("must be 1-200 characters", "--account-id")
    if channel == "linkedin" and not author_urn:
        raise usage_error("LinkedIn posts are made as an author URN (urn:li:organization:...)", "--author-urn")
    try:
        token = token_file.read_text().strip()
    except OSError as exc:
        raise usage_error(f"cannot read {token_file}: {exc.strerror}", "--token-file") from None
    if not token or len(token) > 4096 or any(c.isspace() for c in token):
        raise usage_error("the file must hold one token (no spaces, at most 4096 characters)", "--token-file")
    settings = get_settings()
    with tenant_session(app_engine(settings), tid) as session:
        store_token(session, settings, tid, channel, token=token, account_id=account_id.strip(),
                    author_urn=author_urn)
    data = {"tenant_id": tid, "channel": channel, "account_id": account_id.strip(), "connected": True}
    print(json.dumps(data, sort_keys=True) if as_json else f"{channel} connected for tenant {tid} ({account_id})")


@connector_app.command("list")
def list_cmd(tenant: Tenant, as_json: JsonOut = False) -> None:
    """The tenant's connected channels (never the tokens)."""
    from sqlalchemy import select

    from core.db import app_engine, tenant_session
    from core.models import ConnectorToken
    from core.settings import get_settings

    tid = _tenant(tenant)
    with tenant_session(app_engine(get_settings()), tid) as session:
        rows = session.execute(select(ConnectorToken).order_by(ConnectorToken.channel)).scalars().all()
        data = [{"channel": r.channel, "account_id": r.account_id, "author_urn": r.author_urn, "key_id": r.key_id,
                 "expires_at": r.expires_at.isoformat() if r.expires_at else None,
                 "updated_at": r.updated_at.isoformat()} for r in rows]
    if as_json:
        print(json.dumps(data, indent=2, sort_keys=True))
        return
    for d in data:
        print(f"{d['channel']:<10} {d['account_id']}  (key {d['key_id']}, updated {str(d['updated_at'])[:19]})")


@workspace_app.command("mode")
def mode_cmd(
    campaign_id: Annotated[str, typer.Argument(help="A campaign of the workspace")],
    mode: Annotated[str, typer.Argument(help="shadow | live")],
    tenant: Tenant,
    as_json: JsonOut = False,
) -> None:
    """Set the campaign's workspace (and its contract card) to shadow or live: live publishes after approval."""
    from agents.publisher.accounts import set_launch_mode
    from core import input_checks
    from core.cli_support import usage_error, validated
    from core.db import app_engine
    from core.settings import get_settings

    tid = _tenant(tenant)
    campaign_id = validated("CAMPAIGN_ID", input_checks.uuid_text, campaign_id)
    if mode not in ("shadow", "live"):
        raise usage_error("must be shadow or live", "MODE")
    set_launch_mode(app_engine(get_settings()), tid, campaign_id, mode, actor="operator")
    data = {"tenant_id": tid, "campaign_id": campaign_id, "mode": mode}
    print(json.dumps(data, sort_keys=True) if as_json else f"workspace of campaign {campaign_id}: {mode}")


def register(app: typer.Typer) -> None:
    app.add_typer(connector_app, name="connector")
    app.add_typer(workspace_app, name="workspace")
