# Shared helpers and reference tables for the SMM policy bundle.
#
# Text is matched in the normal form the gate computes in Python (policies/derive.py):
# case-folded, punctuation as spaces, padded, so a term is matched as " term " on word
# boundaries with `contains` (regorus compiles a regex on every call; and `lower` of
# non-ASCII text differs between regorus and OPA).
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
	# Turning an onboarding contract card live (admins only: every other role lacks it).
	"api.contracts.go_live",
}

known_actions := workspace_actions | api_actions

# Every post under review, keyed by the label used in reasons. Built with a
# comprehension: in regorus a comprehension is cheaper than a partial rule. Labels
# use format_int, never sprintf of a number (engines format numbers differently).
all_posts := object.union(single_post, {concat("", ["posts[", format_int(i, 10), "]"]): p |
	is_array(input.posts)
	some i, p in input.posts
	is_object(p)
})

single_post := {"post": input.post} if {
	is_object(input.post)
} else := {}

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

# IPv6 addresses contain ":"; IPv4 ones never do. Ranges are checked per family: OPA's
# net.cidr_contains("::ffff:0:0/96", "8.8.8.8") is true (Go stores IPv4 as IPv4-mapped
# IPv6), regorus' is false.
ip_family(ip) := "v6" if contains(ip, ":") else := "v4"
