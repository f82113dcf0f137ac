"""Review arbitrary posts (one JSON object per line: ``id``, ``channel``, ``text``) against a stored BrandTwin.

Read-only: it loads the tenant's BrandTwin under the tenant's row-level security and stores nothing, so a
refused input can never leave half a review behind."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from agents.legal import calibration
from agents.legal.context import ReviewContext
from agents.legal.detectors import detect
from agents.legal.model_signal import model_signal
from agents.llm.base import LLMProvider
from core.contracts.brand import BrandTwin
from core.contracts.simulation import CHANNELS
from core.db import parse_tenant_id, tenant_session
from core.errors import NotFound
from core.models import BrandTwinRow

MAX_POST_CHARS = 20_000  # far above every channel limit: longer is not a post, it is a mistake


class PostsFileError(ValueError):
    """A posts file that cannot be reviewed; ``line`` is 1-based (0 = the file as a whole)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}" if line else message)
        self.line = line


@dataclass(frozen=True)
class PostInput:
    id: str
    channel: str
    text: str


def parse_posts(content: str) -> list[PostInput]:
    """Every line checked before any review starts; the first bad line is named."""
    posts: list[PostInput] = []
    seen: set[str] = set()
    for n, raw in enumerate(content.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise PostsFileError(n, f"not JSON ({exc.msg})") from None
        if not isinstance(obj, dict):
            raise PostsFileError(n, "expected a JSON object with id, channel and text")
        missing = [k for k in ("id", "channel", "text") if not isinstance(obj.get(k), str) or not obj[k].strip()]
        if missing:
            raise PostsFileError(n, f"missing or empty string field(s): {', '.join(missing)}")
        if obj["channel"] not in CHANNELS:
            raise PostsFileError(n, f"unknown channel {obj['channel']!r} (expected one of {', '.join(CHANNELS)})")
        if len(obj["text"]) > MAX_POST_CHARS:
            raise PostsFileError(n, f"text longer than {MAX_POST_CHARS} characters")
        if obj["id"] in seen:
            raise PostsFileError(n, f"duplicate post id {obj['id']!r}")
        seen.add(obj["id"])
        posts.append(PostInput(obj["id"], obj["channel"], obj["text"]))
    if not posts:
        raise PostsFileError(0, "the posts file has no posts")
    return posts


def load_twin(engine: Engine, tenant_id: str, twin_id: str) -> BrandTwin:
    """The tenant's BrandTwin; another tenant's id is "not found", exactly like an unknown one."""
    try:
        key = uuid.UUID(twin_id)
    except ValueError:
        raise NotFound(f"BrandTwin id {twin_id!r} is not a UUID") from None
    with tenant_session(engine, parse_tenant_id(tenant_id)) as session:
        row = session.get(BrandTwinRow, key)
        if row is None:
            raise NotFound(f"BrandTwin {twin_id} not found for tenant {tenant_id}")
        return BrandTwin.model_validate(row.data)


def review(
    posts: list[PostInput], ctx: ReviewContext, *, classifier: bool = True, model: LLMProvider | None = None
) -> list[dict[str, Any]]:
    """Per post id: its findings (class, severity, span, suggested fix, score), the calibrated probability
    that a reviewer would find a policy violation and the one that it carries a claim the brand's evidence does
    not back (Platt scaling fitted on the labelled dev posts). ``classifier`` adds the dev-trained classifier's
    findings to the rules' (agents/legal/classifier.py); a configured ``model`` adds the corroborated findings
    of a language model for classes neither found (agents/legal/model_signal.py), and ``model_signal`` says
    what it added, what it proposed that nothing else backed, and whether it answered at all."""
    from agents.legal.classifier import prefetch

    cal = calibration.load()
    minilm = prefetch(p.text for p in posts) if classifier else None
    out = []
    for p in posts:
        found = detect(p.text, p.channel, ctx, classifier=classifier, embedder=minilm)
        signal = model_signal(p.text, p.channel, ctx, model)
        found += signal.added_to(f.cls for f in found)
        row: dict[str, Any] = {
            "id": p.id, "channel": p.channel, "violation": bool(found),
            "p_policy_violation": round(cal.violation.predict(calibration.raw_score(found)), 4),
            "p_unsupported_claim": round(cal.unsupported.predict(calibration.unsupported_score(found)), 4),
            "findings": [f.as_dict() for f in found],
        }  # fmt: skip
        if model is not None and not model.offline:
            row["model_signal"] = signal.as_dict()
        out.append(row)
    return out
