"""`smm review` against a BrandTwin stored in real Postgres (RLS): findings per post, and bad input refused."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from core.db import tenant_session
from core.models import AuditEvent, BrandTwinRow
from tests.conftest import run_smm

TWIN = {
    "name": "Crumb & Co",
    "url": "https://crumb.example/",
    "industry": "food_beverage",
    "region": "GB",
    "confidence": 0.8,
    "products": [{"name": "Country sourdough", "price": "£4.50", "price_amount": "4.50", "currency": "GBP"}],
    "competitors": [{"name": "Greggs"}],
    "facts": [
        {"id": "f1", "text": "Family bakery in Leeds since 1998", "source_url": "https://crumb.example/about",
         "start": 0, "end": 41, "quote": "Crumb & Co has baked in Leeds since 1998."},
    ],
    "crawl_report": {"status": "ok", "start_url": "https://crumb.example/"},
    "generated_by": {"provider": "test", "model": "none", "offline": True},
}  # fmt: skip


def _store(engine: Engine, tid: uuid.UUID) -> str:
    with tenant_session(engine, tid) as s:
        row = BrandTwinRow(tenant_id=tid, name="Crumb & Co", data=TWIN, confidence=0.8)
        s.add(row)
        s.flush()
        return str(row.id)


def _posts(tmp_path: Path, lines: list[str]) -> Path:
    p = tmp_path / "posts.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def _audit_count(engine: Engine, tid: uuid.UUID) -> int:
    with tenant_session(engine, tid) as s:
        return int(s.execute(select(func.count()).select_from(AuditEvent)).scalar_one())


def test_review_prints_findings_per_post(engine: Engine, make_tenant: Callable[[], uuid.UUID], tmp_path: Path) -> None:
    tid = make_tenant()
    twin_id = _store(engine, tid)
    posts = _posts(tmp_path, [
        json.dumps({"id": "a", "channel": "x", "text": "Country sourdough now £4.95, the best bread in England!"}),
        json.dumps({"id": "b", "channel": "instagram", "text": "Baking in Leeds since 1998. Country sourdough £4.50."}),
    ])  # fmt: skip
    proc = run_smm("review", "--posts", str(posts), "--brand", twin_id, "--tenant", str(tid), "--json")
    assert proc.returncode == 0, proc.stderr
    out = {p["id"]: p for p in json.loads(proc.stdout)["posts"]}
    assert {f["class"] for f in out["a"]["findings"]} == {"unsupported_claim", "unsupported_superlative"}
    assert all(f["span"] and f["severity"] and f["suggested_fix"] for f in out["a"]["findings"])
    assert out["b"]["findings"] == [] and out["b"]["violation"] is False
    assert 0 < out["b"]["p_policy_violation"] < 0.5 < out["a"]["p_policy_violation"] < 1
    assert 0 < out["b"]["p_unsupported_claim"] < 0.5 < out["a"]["p_unsupported_claim"] < 1


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (
            ['{"id": "a", "channel": "x", "text": "ok"}', '{"id": "b", "channel": "myspace", "text": "hi"}'],
            "line 2: unknown channel 'myspace'",
        ),
        (['{"id": "a", "channel": "x", "text": "ok"}', "not json"], "line 2: not JSON"),
        (["", "  "], "has no posts"),
        (['{"id": "a", "channel": "x"}'], "line 1: missing or empty string field(s): text"),
    ],
)
def test_bad_posts_file_exits_2_naming_the_line(
    engine: Engine, make_tenant: Callable[[], uuid.UUID], tmp_path: Path, lines: list[str], message: str
) -> None:
    tid = make_tenant()
    twin_id = _store(engine, tid)
    before = _audit_count(engine, tid)
    proc = run_smm("review", "--posts", str(_posts(tmp_path, lines)), "--brand", twin_id, "--tenant", str(tid))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert message in " ".join(proc.stderr.split()), proc.stderr
    assert "Traceback" not in proc.stderr
    assert _audit_count(engine, tid) == before  # nothing stored


def test_unknown_or_other_tenants_twin_exits_2(
    engine: Engine, make_tenant: Callable[[], uuid.UUID], tmp_path: Path
) -> None:
    owner, other = make_tenant(), make_tenant()
    twin_id = _store(engine, owner)
    posts = _posts(tmp_path, [json.dumps({"id": "a", "channel": "x", "text": "Fresh bread today."})])
    for brand, tenant in ((twin_id, other), (str(uuid.uuid4()), owner)):
        proc = run_smm("review", "--posts", str(posts), "--brand", brand, "--tenant", str(tenant), "--json")
        assert proc.returncode == 2, proc.stdout + proc.stderr
        assert f"BrandTwin {brand} not found" in " ".join(proc.stderr.split())
        assert proc.stdout == "" and "Traceback" not in proc.stderr


def test_review_with_a_configured_model_adds_its_corroborated_findings(
    engine: Engine, make_tenant: Callable[[], uuid.UUID], tmp_path: Path
) -> None:
    from tests.fakes.openai_server import FakeOpenAIServer

    tid = make_tenant()
    twin_id = _store(engine, tid)
    jab = "Popped into Greggs for a loaf this morning. Three days old and still on the shelf at full price."
    posts = _posts(tmp_path, [json.dumps({"id": "a", "channel": "facebook", "text": jab})])
    fake = FakeOpenAIServer()
    fake.push({"findings": [{"class": "competitor_disparagement", "reason": "runs a named rival's bread down",
                             "span": "Three days old and still on the shelf at full price."}]})  # fmt: skip
    with fake.running():
        proc = run_smm("review", "--posts", str(posts), "--brand", twin_id, "--tenant", str(tid), "--json",
                       env={"SMM_LLM_BASE_URL": fake.base_url, "SMM_LLM_API_KEY": "k"})
    assert proc.returncode == 0, proc.stderr
    (out,) = json.loads(proc.stdout)["posts"]
    assert [f["class"] for f in out["findings"]] == ["competitor_disparagement"]
    assert out["model_signal"]["added"] == ["competitor_disparagement"] and len(fake.chat_requests()) == 1
