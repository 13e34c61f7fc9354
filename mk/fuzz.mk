# Fuzzing with cargo-fuzz (libFuzzer). The fuzz crate (fuzz/) is its own workspace, so
# `cargo test` never builds it. Stable Rust is enough: RUSTC_BOOTSTRAP=1 lets the stable
# compiler take the -Z flags cargo-fuzz passes (sanitizer, coverage). cargo-fuzz itself is
# installed into the project-local .tools/ on first use, never globally.
#
#   make fuzz                          every target, FUZZ_SECONDS each, one after another
#   make fuzz FUZZ_TARGETS=core_numeric FUZZ_SECONDS=60
#
# New inputs go to fuzz/target/corpus/<target> (ignored by git); the committed seeds in
# fuzz/corpus/<target> are read, not written. Crashes land in fuzz/artifacts/<target>/.
# Logs: fuzz/target/logs/<target>.log; the summary printed at the end is libFuzzer's own
# "Done N runs in S second(s)" line per target.

FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?= $(sort $(basename $(notdir $(wildcard fuzz/fuzz_targets/*.rs))))
FUZZ_SANITIZER ?= address
CARGO_FUZZ_VERSION := 0.13.2
CARGO_FUZZ := .tools/bin/cargo-fuzz
FUZZ_ENV := RUSTC_BOOTSTRAP=1 CARGO_BUILD_JOBS=$${CARGO_BUILD_JOBS:-2}
# -timeout: an input that takes more than 10 s is a hang, reported as a failure.
FUZZ_FLAGS ?= -timeout=10 -rss_limit_mb=2048 -print_final_stats=1

.PHONY: fuzz fuzz-build fuzz-tool

$(CARGO_FUZZ):
	$(CARGO) install cargo-fuzz --locked --version $(CARGO_FUZZ_VERSION) --root .tools

fuzz-tool: $(CARGO_FUZZ)

fuzz-build: $(CARGO_FUZZ) ## Build every fuzz target (cargo-fuzz into .tools/ if missing)
	@set -e; for t in $(FUZZ_TARGETS); do \
	  $(FUZZ_ENV) $(CARGO_FUZZ) build -s $(FUZZ_SANITIZER) $$t; \
	done

fuzz: fuzz-build ## Fuzz every target for FUZZ_SECONDS (default 600) each, one at a time
	@set -eo pipefail; mkdir -p fuzz/target/logs; \
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p fuzz/target/corpus/$$t fuzz/corpus/$$t; \
	  echo "== fuzz $$t for $(FUZZ_SECONDS) s"; \
	  $(FUZZ_ENV) $(CARGO_FUZZ) run -s $(FUZZ_SANITIZER) $$t \
	    fuzz/target/corpus/$$t fuzz/corpus/$$t -- \
	    -max_total_time=$(FUZZ_SECONDS) $(FUZZ_FLAGS) \
	    > fuzz/target/logs/$$t.log 2>&1 \
	  || { tail -40 fuzz/target/logs/$$t.log; echo "fuzz $$t FAILED (log: fuzz/target/logs/$$t.log)"; exit 1; }; \
	  grep -E '^Done [0-9]+ runs' fuzz/target/logs/$$t.log | sed "s/^/$$t: /"; \
	done

.PHONY: lint-fuzz
lint-fuzz:
	cd fuzz && $(CARGO) fmt -- --check

LINT_STEPS += lint-fuzz
