# Detector findings judged by the compliance table data.smm.content_actions.
package smm.content_findings_test

import rego.v1

import data.smm.testdata

finding(class, severity) := {"class": class, "severity": severity, "span": "the span", "score": 0.9}

# One post carrying `findings`, in a workspace of `industry` and `region`.
doc(findings, industry, region) := object.union(testdata.review, {
	"workspace": {"industry": industry, "region": region},
	"posts": [data.smm.testdata.mkpost({"id": "p1", "findings": findings})],
})

reason(class, severity) := sprintf("content.finding.%s: posts[0] (p1) says \"the span\" (%s severity)", [class, severity])

denies(class, severity, industry, region) if reason(class, severity) in data.smm.content.deny with input as doc([finding(class, severity)], industry, region)

warns(class, severity, industry, region) if {
	d := data.smm.content.decision with input as doc([finding(class, severity)], industry, region)
	reason(class, severity) in d.warnings
	not reason(class, severity) in d.deny
}

test_no_findings_no_reasons if {
	d := data.smm.content.decision with input as doc([], "retail_ecommerce", "US")
	d.allow
	d.warnings == []
}

test_always_denied_classes if {
	every class in ["personal_data", "missing_disclosure", "unsupported_claim", "banned_term", "length"] {
		denies(class, "medium", "retail_ecommerce", "US")
	}
}

test_financial_guarantee_by_industry_and_region if {
	denies("financial_guarantee", "high", "financial_services", "US")
	warns("financial_guarantee", "high", "retail_ecommerce", "US")
	denies("financial_guarantee", "high", "retail_ecommerce", "GB")
	denies("financial_guarantee", "high", "retail_ecommerce", "FR") # a member state gets the EU's entry
}

test_health_claim_by_industry_and_region if {
	every industry in ["food_beverage", "health_wellness", "beauty_personal_care", "healthcare"] {
		denies("health_claim", "high", industry, "US")
	}
	warns("health_claim", "high", "software_saas", "US")
	denies("health_claim", "high", "software_saas", "EU")
}

test_competitor_disparagement_by_region if {
	warns("competitor_disparagement", "medium", "software_saas", "US")
	denies("competitor_disparagement", "medium", "software_saas", "DE")
}

test_superlative_warns_except_healthcare_in_eu_gb if {
	warns("unsupported_superlative", "medium", "retail_ecommerce", "GB")
	warns("unsupported_superlative", "medium", "healthcare", "US")
	denies("unsupported_superlative", "medium", "healthcare", "GB")
	denies("unsupported_superlative", "medium", "healthcare", "IT")
}

test_unknown_class_falls_back_to_severity if {
	denies("new_class", "high", "retail_ecommerce", "US")
	warns("new_class", "medium", "retail_ecommerce", "US")
	warns("new_class", "low", "retail_ecommerce", "US")
}

# A severity the table does not know (only reachable past the schema) fails closed.
test_unknown_severity_fails_closed if data.smm.content.strictest(set(), "critical") == "deny"

test_region_outside_vocabulary_gets_global_entries if {
	data.smm.content.scopes == ["XX", "global"] with input as doc([], "retail_ecommerce", "XX")
	warns("health_claim", "high", "software_saas", "XX")
}

test_post_without_id_is_named_by_label if {
	d := object.union(testdata.review, {"posts": [data.smm.testdata.mkpost({"findings": [finding("personal_data", "high")]})]})
	"content.finding.personal_data: posts[0] says \"the span\" (high severity)" in data.smm.content.deny with input as d
}

# Flipping one table entry moves the decision: compliance owns it in data, not in code.
test_table_entry_decides if {
	d := doc([finding("unsupported_claim", "medium")], "retail_ecommerce", "US")
	reason("unsupported_claim", "medium") in data.smm.content.deny with input as d
	flipped := object.union(data.smm.content_actions.classes, {"unsupported_claim": {"action": "warn"}})
	r := data.smm.content.decision with input as d with data.smm.content_actions.classes as flipped
	r.allow
	reason("unsupported_claim", "medium") in r.warnings
}

test_main_carries_finding_reasons if {
	d := data.smm.main.decision with input as doc([finding("personal_data", "high")], "retail_ecommerce", "US")
	not d.allow
	reason("personal_data", "high") in d.deny
}
