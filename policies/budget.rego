# Spend caps per workspace and per channel. Comparisons avoid division so a
# zero cap simply means "no spend".
package smm.budget

import rego.v1

# Projected utilisation at or above 80 % of a cap downgrades the model.
downgrade_percent := 80

ws := input.workspace.budget

amount := input.spend.amount

channel_budget := ws.channels[input.spend.channel]

deny contains "budget.invalid_amount: spend amount must be >= 0" if amount < 0

deny contains "budget.workspace_cap_reached: workspace budget exhausted" if ws.spent >= ws.cap

deny contains "budget.workspace_cap_exceeded: spend would exceed workspace cap" if {
	ws.spent < ws.cap
	ws.spent + amount > ws.cap
}

deny contains sprintf("budget.channel_cap_reached: %v budget exhausted", [input.spend.channel]) if {
	channel_budget.spent >= channel_budget.cap
}

deny contains sprintf("budget.channel_cap_exceeded: spend would exceed %v cap", [input.spend.channel]) if {
	channel_budget.spent < channel_budget.cap
	channel_budget.spent + amount > channel_budget.cap
}

deny contains sprintf("budget.channel_budget_invalid: %v needs numeric cap and spent", [input.spend.channel]) if {
	channel_budget
	not valid_budget(channel_budget)
}

valid_budget(b) if {
	is_number(b.cap)
	is_number(b.spent)
}

warnings contains sprintf("budget.no_channel_cap: %v has no channel cap", [input.spend.channel]) if {
	is_string(input.spend.channel)
	not channel_budget
}

obligations contains "downgrade_model" if {
	(ws.spent + amount) * 100 >= ws.cap * downgrade_percent
}

obligations contains "downgrade_model" if {
	(channel_budget.spent + amount) * 100 >= channel_budget.cap * downgrade_percent
}

default allow := false

allow if {
	data.smm.schema.valid
	count(deny) == 0
}

# Concern rules assume a well-formed input (regorus raises on type errors), so
# they only run once the schema is valid.
decision := {
	"allow": allow,
	"deny": sort(deny),
	"warnings": sort(warnings),
	"obligations": sort(obligations),
} if {
	data.smm.schema.valid
} else := {
	"allow": false,
	"deny": sort(data.smm.schema.errors),
	"warnings": [],
	"obligations": [],
}
