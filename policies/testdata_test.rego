# Shared fixtures for the Rego unit tests (no test_ rules here).
package smm.testdata

import rego.v1

workspace := {
	"id": "w1", "tenant_id": "t1", "region": "US", "industry": "retail_ecommerce", "mode": "live",
	"avoid_list": ["cheap"], "avoid_norm": [" cheap "],
	"budget": {"cap_cents": 10000, "spent_cents": 1000, "channels": {"x": {"cap_cents": 5000, "spent_cents": 0}}},
	"channels": {"allowed": ["x", "linkedin"], "connected": ["x", "linkedin"]},
}

actor(role) := {"id": "u1", "tenant_id": "t1", "role": role}

base(action, role) := {
	"action": action,
	"actor": actor(role),
	"resource": {"tenant_id": "t1"},
	"workspace": workspace,
	"now": "2025-01-01T00:00:00Z",
}

# The gate derives `norm` and `length` in Python (policies/derive.py); test texts are ASCII,
# where lower() and count() agree on both engines, so the fixtures can derive them here.
punctuation := {
	",": " ", ".": " ", "!": " ", "?": " ", ";": " ", ":": " ",
	"(": " ", ")": " ", "[": " ", "]": " ", "\"": " ", "'": " ",
	"-": " ", "/": " ", "*": " ", "\n": " ", "\t": " ", "\r": " ",
}

normalize(text) := concat("", [" ", strings.replace_n(punctuation, lower(text)), " "])

# A post as the gate sends it: `changes` over the fixture post, norm and length derived.
# (`changes` may also set norm or length themselves.)
mkpost(changes) := object.union({
	"norm": normalize(concat(" ", array.concat([p.text], object.get(p, "hashtags", [])))),
	"length": count(p.text),
}, p) if {
	p := object.union({"channel": "x", "text": "Spring trail notes from our designers", "hashtags": ["#outdoors"]}, changes)
}

post := mkpost({})

research := object.union(base("research.start", "marketer"), {"target_url": "https://brand.example/", "target_ips": ["93.184.216.34"]})

spend := object.union(base("llm.spend", "marketer"), {"spend": {"amount_cents": 500, "channel": "x"}})

review := object.union(base("content.review", "marketer"), {"posts": [post, post]})

publish := object.union(base("publish.post", "marketer"), {
	"post": post,
	"approval": {"approver_id": "u2", "approver_role": "approver", "requester_id": "u1"},
	"decision_card": {"readiness": 0.9, "critical_violations": 0},
	"connector_health": {"x": {"failure_rate": 0.01, "window_posts": 3}, "linkedin": {"failure_rate": 0.0, "window_posts": 0}},
})

approve := object.union(base("campaign.approve", "approver"), {
	"approval": {"requester_id": "u9"},
	"decision_card": {"readiness": 0.9, "critical_violations": 0},
})

with_post(doc, changes) := object.union(doc, {"post": mkpost(changes)})
