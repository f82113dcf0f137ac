package smm.security_test

import rego.v1

import data.smm.testdata

deny(doc) := v if {
	v := data.smm.security.deny with input as doc
}

test_role_allowed if count(deny(testdata.spend)) == 0

test_role_forbidden if "security.role_forbidden: approver may not publish.post" in deny(object.union(testdata.publish, {"actor": {"role": "approver"}}))

test_evaluator_cannot_research if "security.role_forbidden: evaluator may not research.start" in deny(object.union(testdata.research, {"actor": {"role": "evaluator"}}))

test_only_admins_turn_a_contract_live if {
	every role in {"marketer", "approver", "evaluator"} {
		any_role_forbidden(data.smm.testdata.base("api.contracts.go_live", role))
	}
	not any_role_forbidden(data.smm.testdata.base("api.contracts.go_live", "admin"))
}

test_admin_may_do_everything if {
	every action in data.smm.lib.known_actions {
		not any_role_forbidden(object.union(data.smm.testdata.base(action, "admin"), {}))
	}
}

any_role_forbidden(doc) if {
	some r in deny(doc)
	startswith(r, "security.role_forbidden")
}

test_tenant_mismatch_resource if "security.tenant_mismatch: actor and resource tenants differ" in deny(object.union(testdata.spend, {"resource": {"tenant_id": "t2"}}))

test_tenant_mismatch_workspace if "security.tenant_mismatch: actor and workspace tenants differ" in deny(object.union(testdata.spend, {"workspace": {"tenant_id": "t2"}}))

test_public_target if count(deny(testdata.research)) == 0

test_bad_scheme if {
	"security.target_scheme: only http and https URLs may be crawled" in deny(object.union(testdata.research, {"target_url": "file:///etc/passwd"}))
	"security.target_scheme: only http and https URLs may be crawled" in deny(object.union(testdata.research, {"target_url": "http:///nohost"}))
}

test_unresolved if "security.target_unresolved: no resolved address for target" in deny(object.union(testdata.research, {"target_ips": []}))

test_private_targets if {
	every ip, kind in {"127.0.0.1": "loopback", "10.1.2.3": "private", "169.254.169.254": "link_local", "::1": "loopback", "fe80::1": "link_local", "192.168.1.5": "private"} {
		concat("", ["security.target_blocked: ", ip, " is ", kind]) in deny(object.union(testdata.research, {"target_ips": ["93.184.216.34", ip]}))
	}
}

test_local_fixtures_allowed if {
	doc := object.union(testdata.research, {"target_url": "http://127.0.0.1:8080/", "target_ips": ["127.0.0.1"], "workspace": {"allow_local_targets": true}})
	count(deny(doc)) == 0
	"security.local_target_allowed: 127.0.0.1" in data.smm.security.warnings with input as doc
}

test_decision if {
	d := data.smm.security.decision with input as testdata.spend
	d.allow
	d.deny == []
	not data.smm.security.decision.allow with input as object.union(testdata.spend, {"resource": {"tenant_id": "t2"}})
}

local_doc(ip) := object.union(testdata.research, {"target_ips": [ip], "workspace": {"allow_local_targets": true}})

test_embedded_ipv4_and_site_local_targets if {
	every ip, kind in {
		"2002:7f00:1::": "6to4_loopback",
		"2002:a9fe:a9fe::": "6to4_link_local",
		"2002:c0a8:101::": "6to4_private",
		"2001:0:4136:e378:8000:63bf:3fff:fdd2": "teredo",
		"64:ff9b::7f00:1": "nat64",
		"fec0::1": "site_local",
	} {
		concat("", ["security.target_blocked: ", ip, " is ", kind]) in deny(object.union(testdata.research, {"target_ips": [ip]}))
		concat("", ["security.target_blocked: ", ip, " is ", kind]) in deny(local_doc(ip))
	}
}

test_public_6to4_target if count(deny(object.union(testdata.research, {"target_ips": ["2002:808:808::1"]}))) == 0

test_link_local_blocked_even_for_local_workspaces if {
	every ip, kind in {
		"169.254.169.254": "link_local",
		"fe80::1": "link_local",
		"::ffff:169.254.169.254": "ipv4_mapped",
		"100.64.0.1": "private",
		"0.0.0.0": "unspecified",
	} {
		doc := local_doc(ip)
		concat("", ["security.target_blocked: ", ip, " is ", kind]) in deny(doc)
		not concat("", ["security.local_target_allowed: ", ip]) in data.smm.security.warnings with input as doc
	}
}

test_local_workspace_opens_loopback_rfc1918_and_ula if {
	every ip in ["127.0.0.1", "::1", "::ffff:127.0.0.1", "10.0.0.5", "172.16.3.4", "192.168.0.10", "fc00::1"] {
		count(deny(local_doc(ip))) == 0
		concat("", ["security.local_target_allowed: ", ip]) in data.smm.security.warnings with input as local_doc(ip)
	}
}

# OPA's net.cidr_contains("::ffff:0:0/96", "8.8.8.8") is true: IPv6 ranges must never be
# applied to IPv4 addresses, or every public IPv4 crawl target is blocked as ipv4_mapped.
test_public_ipv4_targets_allowed if {
	every ip in ["93.184.216.34", "8.8.8.8", "1.1.1.1"] {
		count(deny(object.union(testdata.research, {"target_ips": [ip]}))) == 0
		count(deny(local_doc(ip))) == 0
		not concat("", ["security.local_target_allowed: ", ip]) in data.smm.security.warnings with input as local_doc(ip)
	}
}
