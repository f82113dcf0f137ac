"""Prometheus metrics of the API process."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram

REGISTRY = CollectorRegistry(auto_describe=True)

REQUEST_LATENCY = Histogram(
    "smm_api_request_seconds", "API request latency by route template and status",
    ("method", "route", "status"), registry=REGISTRY,
    buckets=(0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
WORKFLOW_STARTS = Counter("smm_api_workflow_starts_total", "Campaign workflows started through the API",
                          registry=REGISTRY)
POLICY_CHECKS = Counter("smm_api_policy_checks_total", "Role checks through the policy gate",
                        ("action", "allow"), registry=REGISTRY)
