# Going live: mode, a separate approver, and a ready decision card.
package smm.publish

import rego.v1

default_readiness_threshold := 0.85

readiness_threshold := t if {
	t := input.workspace.readiness_threshold
	is_number(t)
} else := default_readiness_threshold

action := input.action

approval := input.approval

card := input.decision_card

deny contains "publish.shadow_mode: shadow mode never publishes" if {
	action == "publish.post"
	input.workspace.mode == "shadow"
}

deny contains "publish.approver_role: approval must be recorded by a user with role approver" if {
	action == "publish.post"
	is_string(approval.approver_role)
	approval.approver_role != "approver"
}

deny contains "publish.self_approval: the requester cannot approve their own campaign" if {
	action == "publish.post"
	approval.approver_id == approval.requester_id
}

# Four-eyes: decisions on a card are an approver's job; an admin may cancel (checked in code), not approve.
deny contains "publish.approver_role: only a user with role approver may decide on a campaign" if {
	action == "campaign.approve"
	input.actor.role != "approver"
}

deny contains "publish.self_approval: the requester cannot approve their own campaign" if {
	action == "campaign.approve"
	input.actor.id == approval.requester_id
}

# Reasons carry no fractional numbers: engines print them differently (0.1 vs 1e-01).
deny contains "publish.readiness_low: decision card readiness is below the workspace threshold" if {
	action == "publish.post"
	card.readiness < readiness_threshold
}

deny contains concat("", ["publish.critical_violations: decision card has ", format_int(card.critical_violations, 10), " critical violations"]) if {
	action in {"publish.post", "campaign.approve"}
	card.critical_violations > 0
}

warnings contains "publish.readiness_low: approving with readiness below the workspace threshold" if {
	action == "campaign.approve"
	card.readiness < readiness_threshold
}

obligations := set()

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
