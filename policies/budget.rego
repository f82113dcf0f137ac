# Spend caps per workspace and per channel, in integer cents (the gate converts; see
# policies/derive.py): OPA computes in exact decimals, regorus in floats, so fractional
# money would be judged differently. Comparisons avoid division so a zero cap simply
# means "no spend".
package smm.budget

import rego.v1

# Projected utilisation at or above 80 % of a cap downgrades the model.
downgrade_percent := 80

ws := input.workspace.budget

amount := input.spend.amount_cents

channel_budget := ws.channels[input.spend.channel]

deny contains "budget.invalid_amount: spend amount must be >= 0" if amount < 0

deny contains "budget.workspace_cap_reached: workspace budget exhausted" if ws.spent_cents >= ws.cap_cents

deny contains "budget.workspace_cap_exceeded: spend would exceed workspace cap" if {
	ws.spent_cents < ws.cap_cents
	ws.spent_cents + amount > ws.cap_cents
}

deny contains sprintf("budget.channel_cap_reached: %s budget exhausted", [input.spend.channel]) if {
	channel_budget.spent_cents >= channel_budget.cap_cents
}

deny contains sprintf("budget.channel_cap_exceeded: spend would exceed %s cap", [input.spend.channel]) if {
	channel_budget.spent_cents < channel_budget.cap_cents
	channel_budget.spent_cents + amount > channel_budget.cap_cents
}

warnings contains sprintf("budget.no_channel_cap: %s has no channel cap", [input.spend.channel]) if {
	is_string(input.spend.channel)
	not channel_budget
}

obligations contains "downgrade_model" if {
	(ws.spent_cents + amount) * 100 >= ws.cap_cents * downgrade_percent
}

obligations contains "downgrade_model" if {
	(channel_budget.spent_cents + amount) * 100 >= channel_budget.cap_cents * downgrade_percent
}

# For an input the caller has validated (the gate does, in Python): no schema pass.
validated_decision := {
	"allow": count(deny) == 0,
	"deny": sort(deny),
	"warnings": sort(warnings),
	"obligations": sort(obligations),
}

# Concern rules assume a well-formed input (regorus raises on type errors), so
# they only run once the schema is valid.
decision := validated_decision if data.smm.schema.valid

else := data.smm.schema.rejected
