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

# Private, loopback, link-local, CGNAT, multicast and reserved ranges (v4 and v6), plus
# IPv6 forms that carry or reach them: IPv4-mapped, site-local, Teredo, NAT64, and the 6to4
# (2002::/16) prefixes that embed a blocked IPv4 range (2002:AABB:CCDD:: embeds AA.BB.CC.DD).
# Keyed by address family (data.smm.lib.ip_family): OPA matches an IPv4 address against IPv6
# ranges as if it were IPv4-mapped, so "::ffff:0:0/96" would block every IPv4 target there.
blocked_ranges := {"v4": {
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
}, "v6": {
	"::/128": "unspecified",
	"::1/128": "loopback",
	"::ffff:0:0/96": "ipv4_mapped",
	"64:ff9b::/96": "nat64",
	"2001::/32": "teredo",
	"2002::/24": "6to4_unspecified",
	"2002:a00::/24": "6to4_private",
	"2002:6440::/26": "6to4_private",
	"2002:7f00::/24": "6to4_loopback",
	"2002:a9fe::/32": "6to4_link_local",
	"2002:ac10::/28": "6to4_private",
	"2002:c000::/40": "6to4_private",
	"2002:c0a8::/32": "6to4_private",
	"2002:c612::/31": "6to4_private",
	"2002:e000::/20": "6to4_multicast",
	"2002:f000::/20": "6to4_reserved",
	"fc00::/7": "private",
	"fe80::/10": "link_local",
	"fec0::/10": "site_local",
	"ff00::/8": "multicast",
}}

# What allow_local_targets opens: loopback and RFC 1918 / ULA (also written as IPv4-mapped
# IPv6), nothing else. Link-local (cloud metadata), site-local, CGNAT, Teredo, NAT64 and
# 6to4 stay blocked even for local workspaces.
local_ranges := {
	"v4": {"127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"},
	"v6": {
		"::ffff:127.0.0.0/104", "::ffff:10.0.0.0/104", "::ffff:172.16.0.0/108", "::ffff:192.168.0.0/112",
		"::1/128", "fc00::/7",
	},
}

action := input.action

role := input.actor.role

allow_local if input.workspace.allow_local_targets == true

deny contains sprintf("security.role_forbidden: %s may not %s", [role, action]) if {
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

deny contains sprintf("security.target_blocked: %s is %s", [ip, kind]) if {
	action == "research.start"
	some ip in input.target_ips
	data.smm.lib.is_ip(ip)
	some cidr, kind in blocked_ranges[data.smm.lib.ip_family(ip)]
	net.cidr_contains(cidr, ip)
	not local_allowed(ip)
}

local_allowed(ip) if {
	allow_local
	some cidr in local_ranges[data.smm.lib.ip_family(ip)]
	net.cidr_contains(cidr, ip)
}

warnings contains sprintf("security.local_target_allowed: %s", [ip]) if {
	action == "research.start"
	some ip in input.target_ips
	data.smm.lib.is_ip(ip)
	local_allowed(ip)
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
