"""`smm bench db`: tenant-scoped transaction throughput on the configured database."""

from __future__ import annotations

import time
import uuid

import numpy as np
from sqlalchemy import select

from core.db import app_engine, tenant_session
from core.identity import create_tenant
from core.models import Tenant
from core.settings import get_settings


def run(transactions: int = 500) -> dict[str, float]:
    """Time ``transactions`` tenant-scoped read transactions (set_config + one SELECT each)."""
    engine = app_engine(get_settings())
    tenant = create_tenant(engine, f"bench-{uuid.uuid4().hex[:12]}")
    samples = []
    for _ in range(transactions):
        t0 = time.perf_counter()
        with tenant_session(engine, tenant.id) as session:
            session.execute(select(Tenant.id)).all()
        samples.append(time.perf_counter() - t0)
    arr = np.array(samples) * 1000
    return {
        "tenant_tx_p50_ms": round(float(np.percentile(arr, 50)), 3),
        "tenant_tx_p99_ms": round(float(np.percentile(arr, 99)), 3),
        "tenant_tx_per_s": round(float(transactions / (arr.sum() / 1000)), 1),
    }
