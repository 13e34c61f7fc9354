# Python package: the pyo3 crate bindings/python + the package python/carestat, built by maturin
# into the project-local .venv/ (never the system's site-packages).
.PHONY: venv python test-python demo-python lint-python

PY_REQUIREMENTS := tests/python/requirements.txt
# Everything the extension module is built from.
PY_BUILD_INPUTS := $(shell find bindings/python/src crates/carestat/src -name '*.rs') \
	Cargo.toml Cargo.lock bindings/python/Cargo.toml crates/carestat/Cargo.toml pyproject.toml
# Files checked by mypy --strict (the tests that pass wrong types on purpose are not).
PY_TYPED := python/carestat examples/python tests/python/test_typing.py tests/python/helpers.py tests/python/test_documents.py tests/python/test_result_protocols.py tests/python/test_interrupt.py \
	tests/python/test_phe_funnels.py tests/python/test_phe_quantiles_sii.py
# maturin and pip see the venv as the active environment.
PY_ENV := VIRTUAL_ENV=$(abspath $(VENV)) PATH="$(abspath $(VENV))/bin:$$PATH"

$(VENV)/.requirements: $(PY_REQUIREMENTS)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY_ENV) $(PY) -m pip install --quiet --disable-pip-version-check -r $(PY_REQUIREMENTS)
	touch $@

$(VENV)/.carestat-built: $(VENV)/.requirements $(PY_BUILD_INPUTS)
	$(PY_ENV) maturin develop --release --quiet
	touch $@

venv: $(VENV)/.requirements ## Create .venv/ with maturin, numpy, pandas, pytest, mypy

python: $(VENV)/.carestat-built ## Build the Python package (release) and install it into .venv/

test-python: python $(VENV)/.java ## Python tests: pytest, stubs against the module (stubtest), mypy --strict, demo = Rust demo
	$(PY) -m pytest tests/python -q
	$(PY) -m mypy.stubtest carestat._carestat
	$(PY) -m mypy $(PY_TYPED)
	diff <($(PY) examples/python/demo.py | tail -n +2) <($(CARGO) run -q -p carestat --example demo | tail -n +2)
	@echo "examples/python/demo.py prints the same figures as the Rust demo"

demo-python: python ## Run the Python demo (examples/python/demo.py)
	$(PY) examples/python/demo.py

lint-python:
	$(CARGO) clippy -p carestat-python --all-targets -- -D warnings

TEST_STEPS += test-python
DEMO_STEPS += demo-python
LINT_STEPS += lint-python
