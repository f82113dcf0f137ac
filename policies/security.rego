# Who may do what, inside which tenant, and which hosts the crawler may reach.
package smm.security

import rego.v1

# Role -> permitted actions. Admins are powerful but still tenant-scoped.
permissions := {
	"admin": data.smm.lib.known_actions,
	"marketer": {
		"research.start", "llm.spend", "content.review", "publish.post",
		"api.workspaces.read", "api.workspaces.write",
		"api.campaigns.create", "api.campaigns.read", "api.decision_cards.read",
	},
	"approver": {
		"content.review", "campaign.approve",
		"api.campaigns.read", "api.decision_cards.read", "api.approvals.create", "api.audit.read",
	},
	"evaluator": {
		"llm.spend",
		"api.evals.run", "api.evals.read", "api.campaigns.read", "api.decision_cards.read",
	},
}

# Private, loopback, link-local, CGNAT, multicast and reserved ranges (v4 and v6).
blocked_ranges := {
	"0.0.0.0/8": "unspecified",
	"10.0.0.0/8": "private",
	"100.64.0.0/10": "private",
	"127.0.0.0/8": "loopback",
	"169.254.0.0/16": "link_local",
	"172.16.0.0/12": "private",
	"192.0.0.0/24": "private",
	"192.168.0.0/16": "private",
	"198.18.0.0/15": "private",
	"224.0.0.0/4": "multicast",
	"240.0.0.0/4": "reserved",
	"::/128": "unspecified",
	"::1/128": "loopback",
	"::ffff:0:0/96": "ipv4_mapped",
	"fc00::/7": "private",
	"fe80::/10": "link_local",
	"ff00::/8": "multicast",
}

action := input.action

role := input.actor.role

allow_local if input.workspace.allow_local_targets == true

deny contains sprintf("security.role_forbidden: %v may not %v", [role, action]) if {
	data.smm.lib.roles[role]
	data.smm.lib.known_actions[action]
	not permissions[role][action]
}

deny contains "security.tenant_mismatch: actor and resource tenants differ" if {
	is_string(input.actor.tenant_id)
	is_string(input.resource.tenant_id)
	input.actor.tenant_id != input.resource.tenant_id
}

deny contains "security.tenant_mismatch: actor and workspace tenants differ" if {
	is_string(input.actor.tenant_id)
	is_string(input.workspace.tenant_id)
	input.actor.tenant_id != input.workspace.tenant_id
}

deny contains "security.target_scheme: only http and https URLs may be crawled" if {
	action == "research.start"
	is_string(input.target_url)
	not http_url(input.target_url)
}

http_url(url) if {
	some scheme in ["http://", "https://"]
	startswith(lower(url), scheme)
	host := split(substring(url, count(scheme), -1), "/")[0]
	host != ""
	not contains(host, " ")
}

deny contains "security.target_unresolved: no resolved address for target" if {
	action == "research.start"
	is_array(input.target_ips)
	count(input.target_ips) == 0
}

deny contains sprintf("security.target_blocked: %v is %v", [ip, kind]) if {
	action == "research.start"
	not allow_local
	some ip in input.target_ips
	data.smm.lib.is_ip(ip)
	some cidr, kind in blocked_ranges
	net.cidr_contains(cidr, ip)
}

warnings contains sprintf("security.local_target_allowed: %v", [ip]) if {
	action == "research.start"
	allow_local
	some ip in input.target_ips
	data.smm.lib.is_ip(ip)
	some cidr, _ in blocked_ranges
	net.cidr_contains(cidr, ip)
}

obligations := set()

default allow := false

allow if {
	data.smm.schema.valid
	count(deny) == 0
}

# Concern rules assume a well-formed input (regorus raises on type errors), so
# they only run once the schema is valid.
decision := {
	"allow": allow,
	"deny": sort(deny),
	"warnings": sort(warnings),
	"obligations": sort(obligations),
} if {
	data.smm.schema.valid
} else := {
	"allow": false,
	"deny": sort(data.smm.schema.errors),
	"warnings": [],
	"obligations": [],
}
