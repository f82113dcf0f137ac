package smm.budget_test

import rego.v1

import data.smm.testdata

spend_with(ws_budget, amount) := object.union(testdata.spend, {"workspace": {"budget": ws_budget}, "spend": {"amount_cents": amount}})

test_under_cap if {
	d := data.smm.budget.decision with input as testdata.spend
	d.allow
	d.obligations == []
}

test_downgrade_at_80 if {
	d := data.smm.budget.decision with input as spend_with({"cap_cents": 100, "spent_cents": 75}, 5)
	d.allow
	d.obligations == ["downgrade_model"]
}

test_channel_downgrade if {
	doc := spend_with({"cap_cents": 1000, "spent_cents": 0, "channels": {"x": {"cap_cents": 10, "spent_cents": 8}}}, 1)
	data.smm.budget.obligations == {"downgrade_model"} with input as doc
	data.smm.budget.decision.allow with input as doc
}

test_cap_reached if "budget.workspace_cap_reached: workspace budget exhausted" in data.smm.budget.deny with input as spend_with({"cap_cents": 100, "spent_cents": 100}, 0)

test_cap_exceeded if "budget.workspace_cap_exceeded: spend would exceed workspace cap" in data.smm.budget.deny with input as spend_with({"cap_cents": 100, "spent_cents": 99}, 2)

test_zero_cap if "budget.workspace_cap_reached: workspace budget exhausted" in data.smm.budget.deny with input as spend_with({"cap_cents": 0, "spent_cents": 0}, 1)

test_channel_cap_reached if "budget.channel_cap_reached: x budget exhausted" in data.smm.budget.deny with input as spend_with({"cap_cents": 100, "spent_cents": 0, "channels": {"x": {"cap_cents": 5, "spent_cents": 5}}}, 1)

test_channel_cap_exceeded if "budget.channel_cap_exceeded: spend would exceed x cap" in data.smm.budget.deny with input as spend_with({"cap_cents": 100, "spent_cents": 0, "channels": {"x": {"cap_cents": 5, "spent_cents": 4}}}, 2)

test_negative_amount if "budget.invalid_amount: spend amount must be >= 0" in data.smm.budget.deny with input as spend_with({"cap_cents": 100, "spent_cents": 0}, -1)

test_no_channel_cap_warning if "budget.no_channel_cap: linkedin has no channel cap" in data.smm.budget.warnings with input as object.union(testdata.spend, {"spend": {"channel": "linkedin"}})
