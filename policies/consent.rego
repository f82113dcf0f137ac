# Personal data and testimonials need a valid, unexpired, unrevoked consent
# record per data subject. EU workspaces get an explicit GDPR reason.
package smm.consent

import rego.v1

# EU, its member states, the EEA and GB (data.smm.vocabulary, generated from core/vocabulary.py).
eu_regions := {r | some r in data.smm.vocabulary.gdpr_regions}

# Purposes a post needs consent for, per subject.
needs contains [label, "personal_data"] if {
	some label, p in data.smm.lib.all_posts
	p.personal_data == true
}

needs contains [label, "testimonial"] if {
	some label, p in data.smm.lib.all_posts
	p.testimonial == true
}

subjects(label) := object.get(data.smm.lib.all_posts[label], "subject_ids", [])

now_ns := time.parse_rfc3339_ns(input.now) if data.smm.lib.is_timestamp(input.now)

# A record is valid for a subject and purpose when it is in scope, not revoked
# and expires after `input.now`.
valid_consent(subject, purpose) if {
	some rec in input.consent_records
	rec.subject_id == subject
	purpose in rec.scopes
	not rec.revoked == true
	data.smm.lib.is_timestamp(rec.expires_at)
	time.parse_rfc3339_ns(rec.expires_at) > now_ns
}

deny contains "consent.no_clock: input.now is required to check consent" if {
	count(needs) > 0
	not now_ns
}

deny contains sprintf("consent.no_subjects: %s uses %s without subject_ids", [label, purpose]) if {
	some [label, purpose] in needs
	count(subjects(label)) == 0
}

deny contains sprintf("consent.missing: %s has no valid %s consent for %s", [label, purpose, subject]) if {
	some [label, purpose] in needs
	some subject in subjects(label)
	not valid_consent(subject, purpose)
}

deny contains sprintf("consent.gdpr: EU workspace processes personal data in %s without consent", [label]) if {
	input.workspace.region in eu_regions
	some [label, "personal_data"] in needs
	not all_consented(label, "personal_data")
}

all_consented(label, purpose) if {
	subs := subjects(label)
	count(subs) > 0
	every subject in subs {
		valid_consent(subject, purpose)
	}
}

warnings contains sprintf("consent.expiring: consent for %s expires within 7 days", [subject]) if {
	some [label, purpose] in needs
	some subject in subjects(label)
	some rec in input.consent_records
	rec.subject_id == subject
	purpose in rec.scopes
	not rec.revoked == true
	data.smm.lib.is_timestamp(rec.expires_at)
	exp := time.parse_rfc3339_ns(rec.expires_at)
	exp > now_ns
	exp - now_ns < ((7 * 24) * 3600) * 1000000000
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
