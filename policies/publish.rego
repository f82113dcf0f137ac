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

deny contains sprintf("publish.readiness_low: readiness %v below threshold %v", [card.readiness, readiness_threshold]) if {
	action == "publish.post"
	card.readiness < readiness_threshold
}

deny contains sprintf("publish.critical_violations: decision card has %v critical violations", [card.critical_violations]) if {
	action in {"publish.post", "campaign.approve"}
	card.critical_violations > 0
}

warnings contains sprintf("publish.readiness_low: approving with readiness %v below threshold %v", [card.readiness, readiness_threshold]) if {
	action == "campaign.approve"
	card.readiness < readiness_threshold
}

obligations := set()

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
