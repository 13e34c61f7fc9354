# carestat: run `make help` for the targets.
# The two set-up commands for a fresh machine are `make demo` and `make test`.

SHELL := /bin/bash
.DEFAULT_GOAL := help
CARGO ?= cargo
# Project-local Python environment (never the system's site-packages).
VENV := .venv
PY := $(VENV)/bin/python
PYTHON ?= python3

# Each concern keeps its targets in its own file: rust.mk, c.mk, python.mk, ...
include $(sort $(wildcard mk/*.mk))

.PHONY: help demo test lint
help: ## Show this help
	@grep -hE '^[a-zA-Z0-9_.-]+:.*## ' $(MAKEFILE_LIST) | sort | \
	  awk 'BEGIN {FS = ":.*## "}; {printf "  \033[36m%-16s\033[0m %s\n", $$1, $$2}'

# The audit of the bundled Local Accounts is the main job: it runs last.
demo: $(filter-out demo-audit,$(DEMO_STEPS)) $(filter demo-audit,$(DEMO_STEPS)) ## Build everything and run the main job on the bundled example data

test: $(filter test-rust,$(TEST_STEPS)) $(filter-out test-rust,$(TEST_STEPS)) ## Run every test: Rust, header drift, C (sanitizers, valgrind), Python

lint: $(LINT_STEPS) ## cargo fmt --check, clippy -D warnings
