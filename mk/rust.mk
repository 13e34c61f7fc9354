# Rust core and workspace.
.PHONY: build test-rust lint-rust
build: ## Build the Rust workspace in release mode
	$(CARGO) build --release --workspace --exclude carestat-python

test-rust: ## Rust unit, integration and doc tests
	$(CARGO) test --workspace --exclude carestat-python

lint-rust:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --exclude carestat-python --all-targets -- -D warnings

TEST_STEPS += test-rust
LINT_STEPS += lint-rust
DEMO_STEPS += build
