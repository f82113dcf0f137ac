package smm.security_test

import rego.v1

import data.smm.testdata

deny(doc) := v if {
	v := data.smm.security.deny with input as doc
}

test_role_allowed if count(deny(testdata.spend)) == 0

test_role_forbidden if "security.role_forbidden: approver may not publish.post" in deny(object.union(testdata.publish, {"actor": {"role": "approver"}}))

test_evaluator_cannot_research if "security.role_forbidden: evaluator may not research.start" in deny(object.union(testdata.research, {"actor": {"role": "evaluator"}}))

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
		sprintf("security.target_blocked: %v is %v", [ip, kind]) in deny(object.union(testdata.research, {"target_ips": ["93.184.216.34", ip]}))
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
	not data.smm.security.allow with input as object.union(testdata.spend, {"resource": {"tenant_id": "t2"}})
}
