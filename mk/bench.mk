# Performance: criterion benchmarks of the core, and carestat against numpy / scipy /
# statsmodels from Python (`make bench`, added with the Python package).
.PHONY: bench-rust test-serial

bench-rust: ## Criterion benchmarks of the core's batch kernels (5,000,000 rows)
	$(CARGO) bench -p carestat --bench batch

test-serial: ## Batch == scalar tests with the parallel feature off (the serial path alone)
	$(CARGO) test -p carestat --no-default-features --test batch_equals_scalar

TEST_STEPS += test-serial
