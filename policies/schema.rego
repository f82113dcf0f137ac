# Input validation: every malformed input is denied with a reason naming the field.
# Concern packages assume a valid shape; an invalid one is caught here, so a missing
# field can never silently turn a deny rule off.
package smm.schema

import rego.v1

common_fields := [
	{"path": ["action"], "type": "string"},
	{"path": ["actor", "id"], "type": "string"},
	{"path": ["actor", "tenant_id"], "type": "string"},
	{"path": ["actor", "role"], "type": "string"},
	{"path": ["resource", "tenant_id"], "type": "string"},
]

workspace_fields := [
	{"path": ["workspace", "id"], "type": "string"},
	{"path": ["workspace", "tenant_id"], "type": "string"},
	{"path": ["workspace", "region"], "type": "string"},
	{"path": ["workspace", "industry"], "type": "string"},
	{"path": ["workspace", "mode"], "type": "string"},
]

action_fields := {
	"research.start": [
		{"path": ["target_url"], "type": "string"},
		{"path": ["target_ips"], "type": "array"},
	],
	"llm.spend": [
		{"path": ["spend", "amount_cents"], "type": "integer"},
		{"path": ["workspace", "budget", "cap_cents"], "type": "integer"},
		{"path": ["workspace", "budget", "spent_cents"], "type": "integer"},
	],
	"content.review": [],
	"publish.post": [
		{"path": ["post"], "type": "object"},
		{"path": ["approval", "approver_id"], "type": "string"},
		{"path": ["approval", "approver_role"], "type": "string"},
		{"path": ["approval", "requester_id"], "type": "string"},
		{"path": ["decision_card", "readiness"], "type": "number"},
		{"path": ["decision_card", "critical_violations"], "type": "integer"},
		{"path": ["workspace", "channels", "allowed"], "type": "array"},
		{"path": ["workspace", "channels", "connected"], "type": "array"},
		{"path": ["connector_health"], "type": "object"},
	],
	"campaign.approve": [
		{"path": ["approval", "requester_id"], "type": "string"},
		{"path": ["decision_card", "readiness"], "type": "number"},
		{"path": ["decision_card", "critical_violations"], "type": "integer"},
	],
}

# Checked only when present.
optional_fields := [
	{"path": ["workspace", "allow_local_targets"], "type": "boolean"},
	{"path": ["workspace", "readiness_threshold"], "type": "number"},
	{"path": ["workspace", "avoid_list"], "type": "array"},
	{"path": ["workspace", "avoid_norm"], "type": "array"},
	{"path": ["workspace", "connector_failure_threshold"], "type": "number"},
	{"path": ["workspace", "budget", "channels"], "type": "object"},
	{"path": ["spend", "channel"], "type": "string"},
	{"path": ["posts"], "type": "array"},
	{"path": ["consent_records"], "type": "array"},
	{"path": ["now"], "type": "string"},
]

# `norm` and `length` are derived by the gate (policies/derive.py): engines disagree on
# counting and case-folding non-ASCII text, so the bundle never computes them itself.
post_required := ["channel", "text", "norm", "length"]

post_types := {
	"channel": "string",
	"text": "string",
	"norm": "string",
	"length": "integer",
	"hashtags": "array",
	"sponsored": "boolean",
	"personal_data": "boolean",
	"testimonial": "boolean",
	"subject_ids": "array",
	"cited_sources": "array",
	"findings": "array",
}

action := input.action if is_string(input.action)

in_workspace if data.smm.lib.workspace_actions[action]

# Required fields for this input, as one array (duplicates would only repeat a
# reason, and `errors` is a set).
fields := array.concat(array.concat(common_fields, ws_fields), own_fields)

ws_fields := workspace_fields if {
	in_workspace
} else := []

# `action` is undefined for a missing or non-string action: the common fields
# must still be checked then.
own_fields := f if {
	f := action_fields[action]
} else := []

display(path) := concat(".", array.concat(["input"], path))

errors contains "input: expected object" if not is_object(input)

# Missing required fields, then the type of every present required or optional
# field, checked inline (no helper call per field); a message is built only on failure.
errors contains sprintf("%s: missing", [display(f.path)]) if {
	is_object(input)
	some f in fields
	object.get(input, f.path, null) == null
}

errors contains sprintf("%s: expected %s", [display(f.path), f.type]) if {
	is_object(input)
	some f in array.concat(fields, optional_fields)
	value := object.get(input, f.path, null)
	value != null
	not has_type(value, f.type)
}

# "integer": a number without a fraction (counts and cents); otherwise the type_name.
has_type(value, "integer") if {
	is_number(value)
	floor(value) == value
}

has_type(value, type) if {
	type != "integer"
	type_name(value) == type
}

errors contains sprintf("input.action: unknown action %s", [action]) if {
	action
	not data.smm.lib.known_actions[action]
}

errors contains sprintf("input.actor.role: unknown role %s", [input.actor.role]) if {
	is_string(input.actor.role)
	not data.smm.lib.roles[input.actor.role]
}

errors contains sprintf("input.workspace.mode: expected shadow or live, got %s", [input.workspace.mode]) if {
	is_string(input.workspace.mode)
	not input.workspace.mode in {"shadow", "live"}
}

errors contains "input.post: content.review needs post or posts" if {
	action == "content.review"
	count(data.smm.lib.all_posts) == 0
}

errors contains sprintf("input.%s.%s: missing", [label, key]) if {
	some label, p in data.smm.lib.all_posts
	some key in post_required
	not p[key]
}

# Iterate the keys present (usually few) rather than every known key.
errors contains sprintf("input.%s.%s: expected %s", [label, key, post_types[key]]) if {
	types := post_types
	some label, p in data.smm.lib.all_posts
	some key, value in p
	not has_type(value, types[key])
}

errors contains sprintf("input.%s: expected object", [label]) if {
	is_array(input.posts)
	some i, p in input.posts
	not is_object(p)
	label := concat("", ["posts[", format_int(i, 10), "]"])
}

# Detector findings (content.rego judges them by class, industry and region).
errors contains concat("", ["input.", label, ".findings[", format_int(i, 10), "]: expected {class, severity: high|medium|low, span, score in [0, 1]}"]) if {
	some label, p in data.smm.lib.all_posts
	is_array(p.findings)
	some i, f in p.findings
	not valid_finding(f)
}

valid_finding(f) if {
	is_string(f["class"])
	f.severity in {"high", "medium", "low"}
	is_string(f.span)
	is_number(f.score)
	f.score >= 0
	f.score <= 1
}

errors contains concat("", ["input.target_ips[", format_int(i, 10), "]: invalid IP address"]) if {
	is_array(input.target_ips)
	some i, ip in input.target_ips
	not data.smm.lib.is_ip(ip)
}

errors contains "input.now: expected RFC 3339 timestamp" if {
	input.now
	not data.smm.lib.is_timestamp(input.now)
}

errors contains concat("", ["input.consent_records[", format_int(i, 10), "]: expected {subject_id, scopes, expires_at}"]) if {
	is_array(input.consent_records)
	some i, rec in input.consent_records
	not valid_consent_record(rec)
}

valid_consent_record(rec) if {
	is_string(rec.subject_id)
	is_array(rec.scopes)
	data.smm.lib.is_timestamp(rec.expires_at)
}

errors contains sprintf("input.connector_health.%s: expected {failure_rate, window_posts}", [ch]) if {
	is_object(input.connector_health)
	some ch, h in input.connector_health
	not valid_health(h)
}

errors contains concat("", ["input.workspace.budget.channels.", ch, ": expected {cap_cents, spent_cents} integers"]) if {
	is_object(input.workspace.budget.channels)
	some ch, b in input.workspace.budget.channels
	not valid_channel_budget(b)
}

valid_channel_budget(b) if {
	has_type(b.cap_cents, "integer")
	has_type(b.spent_cents, "integer")
}

valid_health(h) if {
	is_number(h.failure_rate)
	is_number(h.window_posts)
}

errors contains "input.workspace.avoid_norm: expected one normalised term per avoid_list term" if {
	is_array(input.workspace.avoid_list)
	count(input.workspace.avoid_list) > 0
	count(object.get(input.workspace, "avoid_norm", [])) != count(input.workspace.avoid_list)
}

valid if count(errors) == 0

# What every `decision` answers for an invalid input.
rejected := {
	"allow": false,
	"deny": sort(errors),
	"warnings": [],
	"obligations": [],
}
