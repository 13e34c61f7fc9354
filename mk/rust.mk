# Rust core and workspace. (`--workspace` without the pyo3 crate: plain cargo never links
# libpython. The core and the FFI crate both have a library named `carestat`, so release
# artefacts are built one package at a time to keep their file names apart.)
.PHONY: build demo-rust test-rust lint-rust
build: ## Build the C library (libcarestat.a/.so) and the carestat command in release mode
	$(CARGO) build --release -p carestat-ffi
	$(CARGO) build --release -p carestat-cli

demo-rust: build ## The foundation demo from Rust (the C and Python demos must print the same)
	@$(CARGO) run -q --release -p carestat --example demo

test-rust: ## Rust unit, integration and doc tests
	$(CARGO) test --workspace --exclude carestat-python

lint-rust:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --exclude carestat-python --all-targets -- -D warnings

TEST_STEPS += test-rust
LINT_STEPS += lint-rust
DEMO_STEPS += build demo-rust
