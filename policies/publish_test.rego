package smm.publish_test

import rego.v1

import data.smm.testdata

deny(doc) := v if {
	v := data.smm.publish.deny with input as doc
}

test_live_publish_allowed if {
	d := data.smm.publish.decision with input as testdata.publish
	d.allow
}

test_shadow_never_publishes if "publish.shadow_mode: shadow mode never publishes" in deny(object.union(testdata.publish, {"workspace": {"mode": "shadow"}}))

test_approver_role if "publish.approver_role: approval must be recorded by a user with role approver" in deny(object.union(testdata.publish, {"approval": {"approver_role": "marketer"}}))

test_self_approval_publish if "publish.self_approval: the requester cannot approve their own campaign" in deny(object.union(testdata.publish, {"approval": {"approver_id": "u1"}}))

test_self_approval_approve if "publish.self_approval: the requester cannot approve their own campaign" in deny(object.union(testdata.approve, {"approval": {"requester_id": "u1"}}))

test_readiness_default_threshold if "publish.readiness_low: decision card readiness is below the workspace threshold" in deny(object.union(testdata.publish, {"decision_card": {"readiness": 0.8}}))

test_readiness_custom_threshold if count(deny(object.union(testdata.publish, {"decision_card": {"readiness": 0.8}, "workspace": {"readiness_threshold": 0.75}}))) == 0

test_critical_violations if "publish.critical_violations: decision card has 1 critical violations" in deny(object.union(testdata.approve, {"decision_card": {"critical_violations": 1}}))

test_approve_low_readiness_warns if {
	doc := object.union(testdata.approve, {"decision_card": {"readiness": 0.5}})
	"publish.readiness_low: approving with readiness below the workspace threshold" in data.smm.publish.warnings with input as doc
	count(deny(doc)) == 0
}

test_admin_may_not_decide if {
	"publish.approver_role: only a user with role approver may decide on a campaign" in deny(object.union(testdata.approve, {"actor": {"id": "u1", "tenant_id": "t1", "role": "admin"}}))
}

test_approver_may_decide if {
	not "publish.approver_role: only a user with role approver may decide on a campaign" in deny(testdata.approve)
}
