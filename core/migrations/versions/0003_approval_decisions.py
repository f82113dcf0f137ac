"""approval decisions: request_changes and cancel, automatic decisions, the card hash each was made on

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30

* ``approvals.decision`` also takes ``request_changes`` and ``cancel``;
* ``approver_id`` is NULL for an automatic decision (``automatic`` true: the contract card's
  ``auto_approve_below`` in shadow mode) and ``requester_id`` NULL for a run the operator started from
  the CLI without a user; four-eyes still holds whenever both are known;
* ``card_sha256`` is the hash of the card the decision was made on, ``round`` the revision round.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_constraint(op.f("ck_approvals_decision"), "approvals", type_="check")
    op.drop_constraint(op.f("ck_approvals_four_eyes"), "approvals", type_="check")
    op.alter_column("approvals", "decision", type_=sa.String(20), existing_nullable=False)
    op.alter_column("approvals", "approver_id", nullable=True)
    op.alter_column("approvals", "requester_id", nullable=True)
    op.add_column("approvals", sa.Column("card_sha256", sa.String(64), nullable=True))
    op.add_column("approvals", sa.Column("automatic", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column("approvals", sa.Column("round", sa.Integer(), server_default="0", nullable=False))
    op.create_check_constraint(
        "decision", "approvals", "decision IN ('approve','reject','request_changes','cancel')")
    op.create_check_constraint(
        "four_eyes", "approvals",
        "approver_id IS NULL OR requester_id IS NULL OR approver_id <> requester_id OR decision = 'cancel'")
    op.create_check_constraint(
        "automatic_has_no_approver", "approvals", "(automatic AND approver_id IS NULL) OR "
        "(NOT automatic AND approver_id IS NOT NULL)")


def downgrade() -> None:
    # Rows 0001 cannot hold go. The owner is under FORCEd row security like everyone and no tenant is
    # set in a migration, so FORCE is lifted for this one statement (inside the migration's transaction).
    op.execute("ALTER TABLE approvals NO FORCE ROW LEVEL SECURITY")
    op.execute("DELETE FROM approvals WHERE decision NOT IN ('approve','reject') OR automatic "
               "OR requester_id IS NULL")
    op.execute("ALTER TABLE approvals FORCE ROW LEVEL SECURITY")
    op.drop_constraint(op.f("ck_approvals_automatic_has_no_approver"), "approvals", type_="check")
    op.drop_constraint(op.f("ck_approvals_four_eyes"), "approvals", type_="check")
    op.drop_constraint(op.f("ck_approvals_decision"), "approvals", type_="check")
    op.drop_column("approvals", "round")
    op.drop_column("approvals", "automatic")
    op.drop_column("approvals", "card_sha256")
    op.alter_column("approvals", "requester_id", nullable=False)
    op.alter_column("approvals", "approver_id", nullable=False)
    op.alter_column("approvals", "decision", type_=sa.String(10), existing_nullable=False)
    op.create_check_constraint("decision", "approvals", "decision IN ('approve','reject')")
    op.create_check_constraint("four_eyes", "approvals", "approver_id <> requester_id")
