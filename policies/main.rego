# The decision every caller asks for: schema and security always apply, the
# other concerns by action. Anything not explicitly allowed is denied.
package smm.main

import rego.v1

# Concerns other than security run only on a schema-valid input: a wrong type
# would otherwise be an evaluation error rather than a reason naming the field.
valid if data.smm.schema.valid

budget_applies if {
	valid
	input.action == "llm.spend"
}

connector_applies if {
	valid
	input.action == "publish.post"
}

post_concerns_apply if {
	valid
	input.action in {"content.review", "publish.post"}
}

publish_applies if {
	valid
	input.action in {"publish.post", "campaign.approve"}
}

deny contains reason if some reason in data.smm.schema.errors

deny contains reason if some reason in data.smm.security.deny

deny contains reason if {
	budget_applies
	some reason in data.smm.budget.deny
}

deny contains reason if {
	connector_applies
	some reason in data.smm.connector.deny
}

deny contains reason if {
	post_concerns_apply
	some reason in data.smm.consent.deny
}

deny contains reason if {
	post_concerns_apply
	some reason in data.smm.content.deny
}

deny contains reason if {
	publish_applies
	some reason in data.smm.publish.deny
}

warnings contains w if some w in data.smm.security.warnings

warnings contains w if {
	budget_applies
	some w in data.smm.budget.warnings
}

warnings contains w if {
	connector_applies
	some w in data.smm.connector.warnings
}

warnings contains w if {
	post_concerns_apply
	some w in data.smm.consent.warnings
}

warnings contains w if {
	post_concerns_apply
	some w in data.smm.content.warnings
}

warnings contains w if {
	publish_applies
	some w in data.smm.publish.warnings
}

obligations contains o if {
	budget_applies
	some o in data.smm.budget.obligations
}

default allow := false

allow if {
	data.smm.schema.valid
	count(deny) == 0
}

decision := {
	"allow": allow,
	"deny": sort(deny),
	"warnings": sort(warnings),
	"obligations": sort(obligations),
}
