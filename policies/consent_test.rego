package smm.consent_test

import rego.v1

import data.smm.testdata

record(subject, scopes, expires) := {"subject_id": subject, "scopes": scopes, "expires_at": expires}

testimonial := data.smm.testdata.with_post(testdata.publish, {"testimonial": true, "subject_ids": ["s1"]})

deny(doc) := v if {
	v := data.smm.consent.deny with input as doc
}

test_no_personal_data if {
	d := data.smm.consent.decision with input as testdata.publish
	d.allow
}

test_valid_consent if {
	doc := object.union(testimonial, {"consent_records": [record("s1", ["testimonial"], "2026-01-01T00:00:00Z")]})
	count(deny(doc)) == 0
}

test_missing_consent if "consent.missing: post has no valid testimonial consent for s1" in deny(testimonial)

test_expired_consent if {
	doc := object.union(testimonial, {"consent_records": [record("s1", ["testimonial"], "2024-12-31T00:00:00Z")]})
	"consent.missing: post has no valid testimonial consent for s1" in deny(doc)
}

test_revoked_consent if {
	doc := object.union(testimonial, {"consent_records": [object.union(record("s1", ["testimonial"], "2026-01-01T00:00:00Z"), {"revoked": true})]})
	"consent.missing: post has no valid testimonial consent for s1" in deny(doc)
}

test_wrong_scope if {
	doc := object.union(testimonial, {"consent_records": [record("s1", ["personal_data"], "2026-01-01T00:00:00Z")]})
	"consent.missing: post has no valid testimonial consent for s1" in deny(doc)
}

test_no_subjects if "consent.no_subjects: post uses personal_data without subject_ids" in deny(data.smm.testdata.with_post(testdata.publish, {"personal_data": true}))

test_no_clock if "consent.no_clock: input.now is required to check consent" in deny(object.remove(testimonial, ["now"]))

test_gdpr_eu if {
	doc := object.union(data.smm.testdata.with_post(testdata.publish, {"personal_data": true, "subject_ids": ["s1"]}), {"workspace": {"region": "EU"}})
	"consent.gdpr: EU workspace processes personal data in post without consent" in deny(doc)
	ok := object.union(doc, {"consent_records": [record("s1", ["personal_data"], "2026-01-01T00:00:00Z")]})
	count(deny(ok)) == 0
}

test_gdpr_not_outside_eu if {
	doc := data.smm.testdata.with_post(testdata.publish, {"personal_data": true, "subject_ids": ["s1"]})
	not "consent.gdpr: EU workspace processes personal data in post without consent" in deny(doc)
}

test_expiring_warning if {
	doc := object.union(testimonial, {"consent_records": [record("s1", ["testimonial"], "2025-01-03T00:00:00Z")]})
	"consent.expiring: consent for s1 expires within 7 days" in data.smm.consent.warnings with input as doc
}
