# `make demo` and `make test` work on a fresh clone: each sets everything up first.
# The README's commands run a development installation (generated secrets, fixture sites on loopback);
# without this the settings default to production.
export SMM_ENV ?= development
export HF_HUB_OFFLINE ?= 1
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PACKAGES := core agents graphs policies simulator workflows api evals

.PHONY: setup system-deps demo test lint services-up services-down clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# torch first and pinned: the CPU build is on local disk; anything else pulls a multi-GB CUDA build.
	$(BIN)/pip install -q torch==2.13.0
	# constraints.txt holds the exact versions the stored classifier and calibration were fitted with.
	$(BIN)/pip install -q -c constraints.txt -e '.[dev]'
	# Real OPA for the policy tests (OPA v1.20.2 as a Go library). The wheel declares Python >= 3.14
	# but works on 3.11, so its metadata check is skipped; it has no dependencies. Test-only: pinned here.
	$(BIN)/pip install -q --ignore-requires-python --no-deps opa-golib-python-bindings==0.4.4
	touch $(STAMP)

# docker-compose (v1, Debian) only validates docker-compose.yml: there is no Docker engine here.
# chromium (Debian) runs the browser tests (tests/web): Playwright is pointed at /usr/bin/chromium because it
# cannot download its own browser here.
system-deps:
	@command -v docker-compose >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose) >/dev/null; \
	  else echo "install docker-compose (Debian package) to validate docker-compose.yml" >&2; exit 1; fi; }
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null; \
	  else echo "install chromium (Debian package) to run the browser tests" >&2; exit 1; fi; }

setup: $(STAMP) system-deps

demo: setup
	$(BIN)/smm demo $(DEMO_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy $(PACKAGES)

test: lint
	# The slowest tests are listed at the end so the suite stays within its time budget.
	$(BIN)/python -m pytest -q --durations=25

services-up: setup
	$(BIN)/smm services up

services-down:
	$(BIN)/smm services down

clean:
	-$(BIN)/smm services down
	rm -rf .smm
