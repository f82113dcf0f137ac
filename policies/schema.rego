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
		{"path": ["spend", "amount"], "type": "number"},
		{"path": ["workspace", "budget", "cap"], "type": "number"},
		{"path": ["workspace", "budget", "spent"], "type": "number"},
	],
	"content.review": [],
	"publish.post": [
		{"path": ["post"], "type": "object"},
		{"path": ["approval", "approver_id"], "type": "string"},
		{"path": ["approval", "approver_role"], "type": "string"},
		{"path": ["approval", "requester_id"], "type": "string"},
		{"path": ["decision_card", "readiness"], "type": "number"},
		{"path": ["decision_card", "critical_violations"], "type": "number"},
		{"path": ["workspace", "channels", "allowed"], "type": "array"},
		{"path": ["workspace", "channels", "connected"], "type": "array"},
		{"path": ["connector_health"], "type": "object"},
	],
	"campaign.approve": [
		{"path": ["approval", "requester_id"], "type": "string"},
		{"path": ["decision_card", "readiness"], "type": "number"},
		{"path": ["decision_card", "critical_violations"], "type": "number"},
	],
}

# Checked only when present.
optional_fields := [
	{"path": ["workspace", "allow_local_targets"], "type": "boolean"},
	{"path": ["workspace", "readiness_threshold"], "type": "number"},
	{"path": ["workspace", "avoid_list"], "type": "array"},
	{"path": ["workspace", "connector_failure_threshold"], "type": "number"},
	{"path": ["workspace", "budget", "channels"], "type": "object"},
	{"path": ["spend", "channel"], "type": "string"},
	{"path": ["posts"], "type": "array"},
	{"path": ["consent_records"], "type": "array"},
	{"path": ["now"], "type": "string"},
]

post_required := ["channel", "text"]

post_types := {
	"channel": "string",
	"text": "string",
	"hashtags": "array",
	"sponsored": "boolean",
	"personal_data": "boolean",
	"testimonial": "boolean",
	"subject_ids": "array",
	"cited_sources": "array",
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
	type_name(value) != f.type
}

errors contains sprintf("input.action: unknown action %v", [action]) if {
	action
	not data.smm.lib.known_actions[action]
}

errors contains sprintf("input.actor.role: unknown role %v", [input.actor.role]) if {
	is_string(input.actor.role)
	not data.smm.lib.roles[input.actor.role]
}

errors contains sprintf("input.workspace.mode: expected shadow or live, got %v", [input.workspace.mode]) if {
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
	type_name(value) != types[key]
}

errors contains sprintf("input.%s: expected object", [label]) if {
	is_array(input.posts)
	some i, p in input.posts
	not is_object(p)
	label := sprintf("posts[%d]", [i])
}

errors contains sprintf("input.target_ips[%d]: invalid IP address", [i]) if {
	is_array(input.target_ips)
	some i, ip in input.target_ips
	not data.smm.lib.is_ip(ip)
}

errors contains "input.now: expected RFC 3339 timestamp" if {
	input.now
	not data.smm.lib.is_timestamp(input.now)
}

errors contains sprintf("input.consent_records[%d]: expected {subject_id, scopes, expires_at}", [i]) if {
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

valid_health(h) if {
	is_number(h.failure_rate)
	is_number(h.window_posts)
}

default valid := false

valid if count(errors) == 0
