package smm.schema_test

import rego.v1

import data.smm.testdata

errs(doc) := v if {
	v := data.smm.schema.errors with input as doc
}

test_valid_fixtures if {
	every doc in [testdata.research, testdata.spend, testdata.review, testdata.publish, testdata.approve] {
		count(errs(doc)) == 0
	}
	data.smm.schema.valid with input as testdata.spend
}

test_not_object if "input: expected object" in errs([1])

test_missing_and_type if {
	e := errs({"action": 7, "actor": {"id": "u1", "tenant_id": "t1"}, "resource": {}})
	"input.action: expected string" in e
	"input.actor.role: missing" in e
	"input.resource.tenant_id: missing" in e
	not data.smm.schema.valid with input as {"action": 7}
}

test_unknown_action_role_mode if {
	e := errs(object.union(data.smm.testdata.base("fly.away", "boss"), {"workspace": {"mode": "yolo"}}))
	"input.action: unknown action fly.away" in e
	"input.actor.role: unknown role boss" in e
	"input.workspace.mode: expected shadow or live, got yolo" in e
}

test_action_fields if {
	e := errs(data.smm.testdata.base("publish.post", "marketer"))
	"input.approval.approver_id: missing" in e
	"input.connector_health: missing" in e
	"input.post: missing" in e
}

test_optional_type if {
	"input.workspace.allow_local_targets: expected boolean" in errs(object.union(testdata.research, {"workspace": {"allow_local_targets": "yes"}}))
}

test_review_needs_posts if {
	"input.post: content.review needs post or posts" in errs(object.remove(testdata.review, ["posts"]))
}

test_post_fields if {
	e := errs(object.union(testdata.review, {"posts": [{"text": 1, "sponsored": "yes"}, 3]}))
	"input.posts[0].channel: missing" in e
	"input.posts[0].text: expected string" in e
	"input.posts[0].sponsored: expected boolean" in e
	"input.posts[1]: expected object" in e
}

test_bad_ip if "input.target_ips[0]: invalid IP address" in errs(object.union(testdata.research, {"target_ips": ["999.1.1.1"]}))

test_bad_now if "input.now: expected RFC 3339 timestamp" in errs(object.union(testdata.spend, {"now": "yesterday"}))

test_bad_consent_record if {
	"input.consent_records[0]: expected {subject_id, scopes, expires_at}" in errs(object.union(testdata.review, {"consent_records": [{"subject_id": "s"}]}))
}

test_bad_health if {
	"input.connector_health.x: expected {failure_rate, window_posts}" in errs(object.union(object.remove(testdata.publish, ["connector_health"]), {"connector_health": {"x": {}}}))
}

test_money_and_counts_are_integers if {
	e := errs(object.union(testdata.spend, {"spend": {"amount_cents": 2.5}, "workspace": {"budget": {"cap_cents": "100"}}}))
	"input.spend.amount_cents: expected integer" in e
	"input.workspace.budget.cap_cents: expected integer" in e
	"input.decision_card.critical_violations: expected integer" in errs(object.union(testdata.approve, {"decision_card": {"critical_violations": 0.5}}))
}

test_channel_budget_shape if {
	"input.workspace.budget.channels.x: expected {cap_cents, spent_cents} integers" in errs(object.union(testdata.spend, {"workspace": {"budget": {"channels": {"x": {"cap_cents": "lots"}}}}}))
}

test_derived_post_fields if {
	e := errs(object.union(testdata.review, {"posts": [{"channel": "x", "text": "hi"}, object.union(testdata.post, {"length": 1.5})]}))
	"input.posts[0].norm: missing" in e
	"input.posts[0].length: missing" in e
	"input.posts[1].length: expected integer" in e
}

test_avoid_norm_required if {
	"input.workspace.avoid_norm: expected one normalised term per avoid_list term" in errs(object.union(testdata.review, {"workspace": {"avoid_norm": []}}))
}

test_findings_shape if {
	bad := [
		{"class": 1, "severity": "high", "span": "s", "score": 0.5},
		{"class": "x", "severity": "severe", "span": "s", "score": 0.5},
		{"class": "x", "severity": "high", "score": 0.5},
		{"class": "x", "severity": "high", "span": "s", "score": 2},
		{"class": "x", "severity": "high", "span": "s", "score": -1},
		"not a finding",
	]
	doc := object.union(data.smm.testdata.review, {"posts": [data.smm.testdata.mkpost({"findings": bad})]})
	errs := data.smm.schema.errors with input as doc
	every i in numbers.range(0, 5) {
		concat("", ["input.posts[0].findings[", format_int(i, 10), "]: expected {class, severity: high|medium|low, span, score in [0, 1]}"]) in errs
	}
	ok := object.union(data.smm.testdata.review, {"posts": [data.smm.testdata.mkpost({"findings": [{"class": "x", "severity": "low", "span": "", "score": 0}]})]})
	count(data.smm.schema.errors) == 0 with input as ok
	"input.posts[0].findings: expected array" in data.smm.schema.errors with input as object.union(data.smm.testdata.review, {"posts": [data.smm.testdata.mkpost({"findings": "none"})]})
}
