"""onboarding corrections may set KPI targets

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01

The marketer gives the campaign's KPI targets in the chat (a ``set_kpi_targets`` correction, or a message
with a number next to a KPI word): ``onboarding_corrections.kind`` accepts the new kind. Downgrade deletes
such corrections first, so the narrower constraint holds again (development only).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "onboarding_corrections"
BEFORE = ("remove_fact", "mark_fact_wrong", "add_avoid_term", "set_budget_cap")
AFTER = (*BEFORE, "set_kpi_targets")


def _constrain(kinds: Sequence[str]) -> None:
    op.drop_constraint(op.f(f"ck_{TABLE}_kind"), TABLE, type_="check")
    listed = ",".join(f"'{k}'" for k in kinds)
    op.create_check_constraint(op.f(f"ck_{TABLE}_kind"), TABLE, f"kind IN ({listed})")


def upgrade() -> None:
    _constrain(AFTER)


def downgrade() -> None:
    # Forced row-level security hides every tenant's rows from a session without a tenant: lift it for the
    # delete, inside the migration's transaction.
    op.execute(f"ALTER TABLE {TABLE} NO FORCE ROW LEVEL SECURITY")
    op.execute("DELETE FROM onboarding_corrections WHERE kind = 'set_kpi_targets'")
    op.execute(f"ALTER TABLE {TABLE} FORCE ROW LEVEL SECURITY")
    _constrain(BEFORE)
