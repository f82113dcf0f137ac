# The decision every caller asks for: schema and security always apply, the
# other concerns by action. Anything not explicitly allowed is denied: an invalid
# input gets the schema's reasons, never a concern's allow.
package smm.main

import rego.v1

# A publish spends the post's paid promotion: at a cap, nothing more is published.
budget_applies if input.action in {"llm.spend", "publish.post"}

connector_applies if input.action == "publish.post"

post_concerns_apply if input.action in {"content.review", "publish.post"}

publish_applies if input.action in {"publish.post", "campaign.approve"}

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

# For an input the caller has validated (the gate does, in Python, then asks this rule):
# the same rules without the schema pass.
validated_decision := {
	"allow": count(deny) == 0,
	"deny": sort(deny),
	"warnings": sort(warnings),
	"obligations": sort(obligations),
}

# Concerns run only on a schema-valid input: a wrong type would otherwise be an
# evaluation error in regorus (OPA: an undefined expression, silently no reason).
decision := validated_decision if data.smm.schema.valid

else := data.smm.schema.rejected
