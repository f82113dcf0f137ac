"""`smm review --posts FILE.jsonl --brand BRANDTWIN_ID --tenant ID [--json]`: legal findings per post."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from core import cli_support


def review(
    posts: Annotated[Path, typer.Option("--posts", help="JSON Lines file: one {id, channel, text} per line")],
    brand: Annotated[
        str, typer.Option("--brand", help="Id of a stored BrandTwin of the tenant", callback=cli_support.uuid_text)
    ],
    tenant: Annotated[
        str, typer.Option("--tenant", help="Tenant id that owns the BrandTwin", callback=cli_support.uuid_text)
    ],
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout")] = False,
) -> None:
    """Review posts against a stored BrandTwin: findings per post with class, severity, span and fix."""
    from agents.legal.context import context_from_twin
    from agents.legal.review import PostsFileError, load_twin, parse_posts
    from agents.legal.review import review as run_review
    from agents.llm.factory import config_from_env, make_provider
    from core.db import app_engine
    from core.errors import NotFound
    from core.settings import get_settings

    try:
        content = posts.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise cli_support.usage_error(f"cannot read {posts}: {exc}", "--posts") from None
    try:
        parsed = parse_posts(content)
    except PostsFileError as exc:
        raise cli_support.usage_error(f"{posts}: {exc}", "--posts") from None
    try:
        twin = load_twin(app_engine(get_settings()), tenant, brand)
    except NotFound as exc:
        raise cli_support.usage_error(str(exc), "--brand") from None
    # A model configured by SMM_LLM_BASE_URL adds its corroborated findings; none configured, none is asked.
    model = make_provider(config_from_env(), tenant_id=tenant)
    results = run_review(parsed, context_from_twin(twin), classifier=get_settings().legal_classifier, model=model)
    if json_out:
        print(cli_support.to_json({"brand_twin_id": brand, "posts": results}, indent=None, ensure_ascii=False))
        return
    for r in results:
        verdict = "VIOLATION" if r["violation"] else "ok"
        print(f"{r['id']} ({r['channel']}): {verdict}  p_policy_violation={r['p_policy_violation']}")
        for f in r["findings"]:
            print(f"  [{f['severity']}] {f['class']}: {f['span'][:120]!r} -> {f['suggested_fix']}")
        if r.get("model_signal", {}).get("error"):
            print(f"  (rules and classifier only: {r['model_signal']['error'][:200]})")
    print(f"{sum(r['violation'] for r in results)} of {len(results)} posts have findings", file=sys.stderr)


def register(app: typer.Typer) -> None:
    app.command("review")(review)
