package smm.connector_test

import rego.v1

import data.smm.testdata

deny(doc) := v if {
	v := data.smm.connector.deny with input as doc
}

test_healthy_channel if {
	d := data.smm.connector.decision with input as testdata.publish
	d.allow
	d.warnings == []
}

test_not_allowed_and_not_connected if {
	doc := object.union(testdata.publish, {"workspace": {"channels": {"allowed": ["linkedin"], "connected": []}}})
	"connector.channel_not_allowed: x is not in the contract card" in deny(doc)
	"connector.not_connected: x is not connected" in deny(doc)
}

test_health_unknown if "connector.health_unknown: no health report for x" in deny(object.union(object.remove(testdata.publish, ["connector_health"]), {"connector_health": {"linkedin": {"failure_rate": 0, "window_posts": 0}}}))

test_unhealthy if "connector.unhealthy: x failure rate at or above threshold" in deny(object.union(testdata.publish, {"connector_health": {"x": {"failure_rate": 0.2, "window_posts": 0}}}))

test_custom_threshold if {
	doc := object.union(testdata.publish, {"workspace": {"connector_failure_threshold": 0.5}, "connector_health": {"x": {"failure_rate": 0.3, "window_posts": 0}}})
	count(deny(doc)) == 0
}

test_rate_limited if "connector.rate_limited: x window is full" in deny(object.union(testdata.publish, {"connector_health": {"x": {"failure_rate": 0, "window_posts": 50}}}))

test_rate_window_warning if "connector.rate_window_high: x window above 80 %" in data.smm.connector.warnings with input as object.union(testdata.publish, {"connector_health": {"x": {"failure_rate": 0, "window_posts": 45}}})

test_unknown_platform if {
	doc := object.union(data.smm.testdata.with_post(testdata.publish, {"channel": "myspace"}), {"workspace": {"channels": {"allowed": ["myspace"], "connected": ["myspace"]}}, "connector_health": {"myspace": {"failure_rate": 0, "window_posts": 0}}})
	"connector.unknown_platform: myspace has no rate window" in deny(doc)
}
