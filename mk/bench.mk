# Performance: carestat against numpy / scipy / statsmodels from Python (`make bench`), and
# criterion benchmarks of the core (`make bench-rust`). Neither is part of `make test`: no
# timing goes into a test.
.PHONY: bench bench-rust bench-c bench-read bench-spark test-serial

BENCH_REQUIREMENTS := benchmarks/requirements.txt

$(VENV)/.bench-requirements: $(BENCH_REQUIREMENTS) $(VENV)/.requirements
	$(PY_ENV) $(PY) -m pip install --quiet --disable-pip-version-check -r $(BENCH_REQUIREMENTS)
	touch $@

bench: python $(VENV)/.bench-requirements ## carestat vs numpy/scipy/statsmodels on 5,000,000 rows, carestat.spark vs Spark expressions: agreement, rows/s, ratios
	$(PY) benchmarks/bench.py
	$(MAKE) --no-print-directory bench-spark
	$(MAKE) --no-print-directory bench-read

bench-spark: python $(VENV)/.java ## carestat.spark's crude rate vs Byar's formula as Spark column expressions, Spark local[2]: rows/s, ratio
	$(PY) benchmarks/bench_spark.py

bench-read: ## Reader throughput: MB of text per second (text, HTML, docx, number scan), PDF pages per second
	$(CARGO) bench -p carestat --bench read

bench-c: ## The C ABI's batch functions on 5,000,000 rows (benchmarks/c_bench.c, release build)
	$(CARGO) build -q --release -p carestat-ffi
	@mkdir -p $(C_OUT)
	$(CC) -O2 $(C_STRICT) -Iinclude benchmarks/c_bench.c $(C_RELEASE_LIB)/libcarestat.a \
	  $(C_NATIVE_LIBS) -o $(C_OUT)/c_bench
	$(C_OUT)/c_bench

bench-rust: ## Criterion benchmarks of the core's batch kernels (5,000,000 rows)
	$(CARGO) bench -p carestat --bench batch

test-serial: ## Batch == scalar tests with the parallel feature off (the serial path alone)
	$(CARGO) test -p carestat --no-default-features --test batch_equals_scalar

TEST_STEPS += test-serial
