"""Campaign agent: plan → create → legal review → simulate → persist, run outside Temporal here."""

from __future__ import annotations

from typing import Any

from agents.campaign.nodes import CampaignState, new_state


async def arun_campaign(state: CampaignState) -> dict[str, Any]:
    """Run the campaign graph to the end in this process (outside Temporal) and return the final state."""
    from graphs.campaign import make_campaign_graph

    final: dict[str, Any] = await make_campaign_graph().compile().ainvoke(state)
    return final


def run_campaign(state: CampaignState) -> dict[str, Any]:
    """Synchronous `arun_campaign` (its routers are async so the same graph also runs inside Temporal)."""
    import asyncio

    return asyncio.run(arun_campaign(state))


__all__ = ["CampaignState", "arun_campaign", "new_state", "run_campaign"]
