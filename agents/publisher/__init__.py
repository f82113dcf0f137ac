"""The publisher: connectors to X, LinkedIn and Meta, the publish ledger, staged rollout and rollback."""
