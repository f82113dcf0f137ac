# A channel can be published to only when the contract card allows it, it is
# connected, healthy, and inside the platform's rate window.
package smm.connector

import rego.v1

default_failure_threshold := 0.2

# Posts allowed per rolling window, per platform.
rate_limits := {
	"x": {"window_s": 900, "max_posts": 50},
	"linkedin": {"window_s": 86400, "max_posts": 100},
	"instagram": {"window_s": 86400, "max_posts": 25},
	"facebook": {"window_s": 3600, "max_posts": 30},
	"tiktok": {"window_s": 86400, "max_posts": 15},
	"threads": {"window_s": 86400, "max_posts": 250},
}

failure_threshold := t if {
	t := input.workspace.connector_failure_threshold
	is_number(t)
} else := default_failure_threshold

channels contains p.channel if {
	input.action == "publish.post"
	some p in data.smm.lib.all_posts
	is_string(p.channel)
}

deny contains sprintf("connector.channel_not_allowed: %s is not in the contract card", [ch]) if {
	some ch in channels
	not ch in input.workspace.channels.allowed
}

deny contains sprintf("connector.not_connected: %s is not connected", [ch]) if {
	some ch in channels
	not ch in input.workspace.channels.connected
}

deny contains sprintf("connector.health_unknown: no health report for %s", [ch]) if {
	some ch in channels
	not input.connector_health[ch]
}

deny contains sprintf("connector.unhealthy: %s failure rate at or above threshold", [ch]) if {
	some ch in channels
	input.connector_health[ch].failure_rate >= failure_threshold
}

deny contains sprintf("connector.rate_limited: %s window is full", [ch]) if {
	some ch in channels
	input.connector_health[ch].window_posts >= rate_limits[ch].max_posts
}

deny contains sprintf("connector.unknown_platform: %s has no rate window", [ch]) if {
	some ch in channels
	not rate_limits[ch]
}

warnings contains sprintf("connector.rate_window_high: %s window above 80 %%", [ch]) if {
	some ch in channels
	used := input.connector_health[ch].window_posts
	used < rate_limits[ch].max_posts
	used * 100 >= rate_limits[ch].max_posts * 80
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
