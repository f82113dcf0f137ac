"""Persist simulation runs and decision cards (idempotent: the same run and card are stored once).

The run row's id is the card's ``proofs.simulation_run_id`` (derive it per tenant with
``deterministic_run_id(..., namespace=str(tenant_id))`` so two tenants never share a primary key);
the card row's id is uuid5(run id, card SHA-256), so re-saving the same card is a no-op.
"""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from core.contracts.simulation import DecisionCard, SimulationInput
from core.errors import InvalidInput
from core.models import DecisionCardRow, SimulationRunRow
from simulator.card import card_sha256
from simulator.engine import SimulationResult


def save_run_and_card(
    session: Session,
    tenant_id: uuid.UUID,
    inp: SimulationInput,
    result: SimulationResult,
    card: DecisionCard,
    campaign_id: uuid.UUID | None = None,
) -> tuple[uuid.UUID, uuid.UUID]:
    """Insert (or find) the run and card rows in the caller's tenant-scoped session; return their ids."""
    try:
        run_id = uuid.UUID(card.proofs.simulation_run_id)
    except ValueError:
        raise InvalidInput("card.proofs.simulation_run_id must be a UUID to be stored") from None
    if card.seed != result.seed or card.iterations != result.iterations:
        raise InvalidInput("card and simulation result come from different runs")
    digest = card_sha256(card)
    card_id = uuid.uuid5(run_id, digest)

    if session.get(SimulationRunRow, run_id) is None:
        session.add(
            SimulationRunRow(
                id=run_id,
                tenant_id=tenant_id,
                campaign_id=campaign_id,
                seed=result.seed,
                iterations=result.iterations,
                input=inp.model_dump(mode="json"),
                summary=result.summary(),
            )
        )
        # The card row has a composite FK to the run; flush so the run exists first.
        session.flush()
    if session.get(DecisionCardRow, card_id) is None:
        session.add(
            DecisionCardRow(
                id=card_id,
                tenant_id=tenant_id,
                campaign_id=campaign_id,
                simulation_run_id=run_id,
                card=card.model_dump(mode="json"),
                card_sha256=digest,
            )
        )
        session.flush()
    return run_id, card_id
