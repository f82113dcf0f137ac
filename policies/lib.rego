# Shared helpers and reference tables for the SMM policy bundle.
#
# Regorus compiles a regex on every call (tens of microseconds each), so hot
# paths use string builtins instead: text is lower-cased, punctuation becomes
# spaces, and terms are matched as " term " on word boundaries.
package smm.lib

import rego.v1

roles := {"admin", "marketer", "approver", "evaluator"}

# Actions that act inside a workspace; `api.*` actions only need actor/resource.
workspace_actions := {"research.start", "llm.spend", "content.review", "publish.post", "campaign.approve"}

api_actions := {
	"api.workspaces.read", "api.workspaces.write",
	"api.campaigns.create", "api.campaigns.read",
	"api.decision_cards.read", "api.approvals.create",
	"api.evals.run", "api.evals.read",
	"api.users.manage", "api.audit.read", "api.policy.eval",
}

known_actions := workspace_actions | api_actions

# Every post under review, keyed by the label used in reasons. Built with
# comprehensions: in regorus a comprehension is cheaper than a partial rule.
all_posts := object.union(single_post, {sprintf("posts[%d]", [i]): p |
	is_array(input.posts)
	some i, p in input.posts
	is_object(p)
})

single_post := {"post": input.post} if {
	is_object(input.post)
} else := {}

punctuation := {
	",": " ", ".": " ", "!": " ", "?": " ", ";": " ", ":": " ",
	"(": " ", ")": " ", "[": " ", "]": " ", "\"": " ", "'": " ",
	"-": " ", "/": " ", "*": " ", "\n": " ", "\t": " ", "\r": " ",
}

# " word word ... " — lower-cased, punctuation as spaces, padded for boundary matches.
normalize(text) := concat("", [" ", strings.replace_n(punctuation, lower(text)), " "])

# Normalised text + hashtags of every post, computed once per evaluation
# (`normalize` inlined: a user function call costs more than the builtins).
post_norm := {label: concat("", [" ", strings.replace_n(punctuation, lower(concat(" ", array.concat([p.text], tags)))), " "]) |
	some label, p in all_posts
	is_string(p.text)
	tags := object.get(p, "hashtags", [])
	is_array(tags)
}

# RFC 3339 shape check (the Python side validates ranges before evaluation).
is_timestamp(s) if {
	is_string(s)
	count(s) >= 20
	substring(s, 4, 1) == "-"
	substring(s, 7, 1) == "-"
	upper(substring(s, 10, 1)) == "T"
	substring(s, 13, 1) == ":"
}

is_ip(ip) if {
	is_string(ip)
	contains(ip, ":")
	net.cidr_is_valid(concat("", [ip, "/128"]))
}

is_ip(ip) if {
	is_string(ip)
	not contains(ip, ":")
	net.cidr_is_valid(concat("", [ip, "/32"]))
}
