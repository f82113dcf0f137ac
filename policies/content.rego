# What a post may say: banned terms, claim classes, disclosures, length limits
# and the brand's own avoid-list.
package smm.content

import rego.v1

channel_limits := {
	"x": 280,
	"linkedin": 3000,
	"instagram": 2200,
	"facebook": 63206,
	"tiktok": 2200,
	"threads": 500,
}

banned_terms_global := ["guaranteed followers", "buy followers"]

# Keys are industry and region codes of the shared vocabulary (data.smm.vocabulary, generated from
# core/vocabulary.py); a test fails if a key here is not one of its codes.
banned_terms_industry := {
	"financial_services": ["get rich quick", "free money"],
	"healthcare": ["miracle", "detox"],
	"health_wellness": ["miracle", "detox"],
	"alcoholic_beverages": ["binge", "drink more"],
}

banned_terms_region := {
	"EU": ["clinically proven"],
	"GB": ["clinically proven"],
}

# Industries where health-cure claims are denied rather than warned about.
health_regulated := {i | some i in data.smm.vocabulary.health_regulated_industries}

# Claim classes as phrases in normalised form (lower case, padded with spaces,
# as policies/derive.py normalises posts) so no normalisation runs at evaluation time.
claim_norm := {
	"financial_guarantee": {
		" guaranteed return", " guaranteed profit", " guaranteed income",
		" risk free return", " risk free investment", " double your money ",
	},
	"health_cure": {" cure ", " cures ", " cured ", " heal ", " heals "},
	"superlative": {" best ", " #1 ", " number one ", " no 1 "},
}

disclosure_norm := {" #ad ", " #sponsored ", " sponsored ", " paid partnership "}

posts := data.smm.lib.all_posts

industry := input.workspace.industry

region := input.workspace.region

industry_terms := t if {
	t := banned_terms_industry[industry]
} else := []

# A member state's workspace gets the EU's terms too (data.smm.vocabulary.region_scopes).
region_terms := [t |
	some scope in data.smm.vocabulary.region_scopes[region]
	some t in banned_terms_region[scope]
]

# The tables above hold terms in normal form already (lower case, no punctuation; checked by
# test_terms_are_normal_form), so a needle is the term padded with spaces.
banned_norm := {term: concat("", [" ", term, " "]) |
	some term in array.concat(array.concat(banned_terms_global, industry_terms), region_terms)
}

# The brand's avoid-list, normalised by the gate (policies/derive.py) term by term.
avoid_norm := {term: input.workspace.avoid_norm[i] |
	some i, term in input.workspace.avoid_list
}

# Screen the whole campaign once, then locate hits per post: a clean campaign
# costs one pass over the phrase lists instead of one per post.
all_norm := concat("|", [p.norm | some p in posts])

claim_hits contains [class, phrase] if {
	some class, phrases in claim_norm
	some phrase in phrases
	contains(all_norm, phrase)
}

# [class, label] of every post making a claim: only the phrases found in the campaign are
# looked up per post, so a clean campaign does no per-post work here.
claimed contains [class, label] if {
	some [class, phrase] in claim_hits
	some label, p in posts
	contains(p.norm, phrase)
}

cited(p) if count(object.get(p, "cited_sources", [])) > 0

deny contains sprintf("content.banned_term: %s contains %s", [label, term]) if {
	some term, needle in banned_norm
	contains(all_norm, needle)
	some label, p in posts
	contains(p.norm, needle)
}

deny contains sprintf("content.financial_guarantee: %s promises financial returns", [label]) if {
	some ["financial_guarantee", label] in claimed
}

deny contains sprintf("content.health_cure: %s claims a cure", [label]) if {
	industry in health_regulated
	some ["health_cure", label] in claimed
}

warnings contains sprintf("content.health_cure: %s may read as a cure claim", [label]) if {
	not industry in health_regulated
	some ["health_cure", label] in claimed
}

deny contains sprintf("content.unsourced_superlative: %s uses a superlative without a cited source", [label]) if {
	some ["superlative", label] in claimed
	not cited(posts[label])
}

deny contains sprintf("content.missing_disclosure: %s is sponsored without #ad or sponsored", [label]) if {
	some label, p in posts
	p.sponsored == true
	not disclosed(p.norm)
}

# `length` is the platform's own count, derived by the gate: `count()` of a string is
# code points in OPA and bytes for some characters in regorus.
deny contains sprintf("content.too_long: %s exceeds the %s limit of %s characters", [label, p.channel, format_int(limit, 10)]) if {
	some label, p in posts
	limit := channel_limits[p.channel]
	p.length > limit
}

deny contains sprintf("content.unknown_channel: %s targets unknown channel %s", [label, p.channel]) if {
	some label, p in posts
	not channel_limits[p.channel]
}

deny contains sprintf("content.avoid_term: %s mentions brand avoid-list term %s", [label, term]) if {
	some term, needle in avoid_norm
	contains(all_norm, needle)
	some label, p in posts
	contains(p.norm, needle)
}

warnings contains sprintf("content.near_limit: %s uses over 90 %% of the %s limit", [label, p.channel]) if {
	some label, p in posts
	limit := channel_limits[p.channel]
	p.length <= limit
	p.length * 10 > limit * 9
}

# Detector findings. The legal agent's detectors (agents/legal/detectors.py) put each post's
# findings in the input (`findings: [{class, severity, span, score}]`); what a class means for
# this workspace is compliance's table data.smm.content_actions (policies/smm/content_actions/
# data.json): every entry that applies to the class, industry and region scopes counts and the
# strictest wins; a class no entry covers falls back to its severity (high is denied).
actions_table := data.smm.content_actions.classes

# A region outside the vocabulary still gets the global entries.
scopes := s if {
	s := data.smm.vocabulary.region_scopes[region]
} else := [region, "global"]

applicable(class) := (({a | a := actions_table[class].action} | {a | a := actions_table[class].industries[industry]}) | {a |
	some s in scopes
	a := actions_table[class].regions[s]
}) | {a |
	some s in scopes
	a := actions_table[class].industry_regions[industry][s]
}

finding_action(class, severity) := strictest(applicable(class), severity)

strictest(actions, severity) := "deny" if {
	"deny" in actions
} else := "warn" if {
	"warn" in actions
} else := a if {
	a := data.smm.content_actions.unmatched[severity]
} else := "deny"

# The table is consulted once per (class, severity) the campaign's findings hold, not once per
# finding: the same class recurs across a campaign's posts.
verdicts := {key: finding_action(f["class"], f.severity) |
	some p in posts
	some f in p.findings
	key := concat("|", [f["class"], f.severity])
}

# [label, finding, action] for every finding of every post; a clean post has none.
judged contains [label, f, verdicts[concat("|", [f["class"], f.severity])]] if {
	some label, p in posts
	some f in p.findings
}

deny contains finding_reason(label, posts[label], f) if {
	some [label, f, "deny"] in judged
}

warnings contains finding_reason(label, posts[label], f) if {
	some [label, f, "warn"] in judged
}

# Names the class, the post (label, and its id when it has one) and the offending span.
finding_reason(label, p, f) := sprintf("content.finding.%s: %s%s says \"%s\" (%s severity)", [f["class"], label, post_id(p), f.span, f.severity])

post_id(p) := concat("", [" (", p.id, ")"]) if is_string(p.id) else := ""

disclosed(norm) if {
	some needle in disclosure_norm
	contains(norm, needle)
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
