package smm.main_test

import rego.v1

import data.smm.testdata

decision(doc) := v if {
	v := data.smm.main.decision with input as doc
}

test_fixtures_allowed if {
	every doc in [testdata.research, testdata.spend, testdata.review, testdata.publish, testdata.approve] {
		decision(doc).allow
	}
}

test_default_deny_empty_input if {
	d := decision({})
	not d.allow
	"input.action: missing" in d.deny
}

test_obligation_passes_through if {
	d := decision(object.union(testdata.spend, {"workspace": {"budget": {"cap_cents": 10000, "spent_cents": 9000}}}))
	d.allow
	d.obligations == ["downgrade_model"]
}

test_each_concern_reaches_main if {
	"budget.workspace_cap_reached: workspace budget exhausted" in decision(object.union(testdata.spend, {"workspace": {"budget": {"cap_cents": 100, "spent_cents": 100}}})).deny
	"connector.not_connected: x is not connected" in decision(object.union(testdata.publish, {"workspace": {"channels": {"connected": []}}})).deny
	"budget.channel_cap_reached: x budget exhausted" in decision(object.union(testdata.publish, {"spend": {"amount_cents": 0, "channel": "x"}, "workspace": {"budget": {"channels": {"x": {"cap_cents": 5000, "spent_cents": 5000}}}}})).deny
	"consent.no_subjects: post uses testimonial without subject_ids" in decision(data.smm.testdata.with_post(testdata.publish, {"testimonial": true})).deny
	"content.avoid_term: posts[0] mentions brand avoid-list term cheap" in decision(object.union(testdata.review, {"posts": [data.smm.testdata.mkpost({"text": "cheap"})]})).deny
	"publish.shadow_mode: shadow mode never publishes" in decision(object.union(testdata.publish, {"workspace": {"mode": "shadow"}})).deny
	"security.tenant_mismatch: actor and resource tenants differ" in decision(object.union(testdata.spend, {"resource": {"tenant_id": "t2"}})).deny
}

test_warnings_reach_main if {
	"budget.no_channel_cap: linkedin has no channel cap" in decision(object.union(testdata.spend, {"spend": {"channel": "linkedin"}})).warnings
	"connector.rate_window_high: x window above 80 %" in decision(object.union(testdata.publish, {"connector_health": {"x": {"failure_rate": 0, "window_posts": 45}}})).warnings
	"content.health_cure: posts[0] may read as a cure claim" in decision(object.union(testdata.review, {"posts": [data.smm.testdata.mkpost({"text": "it cures boredom"})]})).warnings
	"publish.readiness_low: approving with readiness below the workspace threshold" in decision(object.union(testdata.approve, {"decision_card": {"readiness": 0.5}})).warnings
	"security.local_target_allowed: 127.0.0.1" in decision(object.union(testdata.research, {"target_ips": ["127.0.0.1"], "workspace": {"allow_local_targets": true}})).warnings
	count(decision(object.union(testdata.publish, {"consent_records": [{"subject_id": "s1", "scopes": ["testimonial"], "expires_at": "2025-01-02T00:00:00Z"}], "post": data.smm.testdata.mkpost({"text": "great", "testimonial": true, "subject_ids": ["s1"]})})).warnings) == 1
}

test_concerns_scoped_by_action if {
	# a spend is not a post: content rules must not apply to it
	d := decision(object.union(testdata.spend, {"post": data.smm.testdata.mkpost({"text": "cheap"})}))
	d.allow
}

# Each concern answers an invalid input with the schema's reasons (its `else` branch).
test_every_concern_rejects_invalid_input if {
	decisions := [
		data.smm.budget.decision, data.smm.connector.decision, data.smm.consent.decision,
		data.smm.content.decision, data.smm.publish.decision, data.smm.security.decision,
		data.smm.main.decision,
	] with input as {"action": "llm.spend"}
	every d in decisions {
		d == data.smm.schema.rejected with input as {"action": "llm.spend"}
		not d.allow
		"input.actor.id: missing" in d.deny
	}
}

# The gate asks `validated_decision` after validating in Python: for a valid input it
# must answer exactly what `decision` does.
test_validated_decision_matches_decision if {
	every doc in [testdata.research, testdata.spend, testdata.review, testdata.publish, testdata.approve] {
		data.smm.main.validated_decision == data.smm.main.decision with input as doc
	}
}
