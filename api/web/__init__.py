"""The people's pages of the API: the approver's review queue and decision-card view (server-rendered)."""
