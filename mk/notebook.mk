# The analyst's notebook and the HTML API reference (issue 14).
# `make test-notebook` runs examples/notebooks/analyst.ipynb from top to bottom in a kernel of the
# venv (tools/run_notebook.py: every cell must run, every cell calling carestat.plot must draw)
# and checks that pdoc renders the package (about 2 s, into a temporary folder).
# `make docs` writes the Python reference (pdoc) to target/docs/python and the Rust one
# (cargo doc) to target/doc/carestat.
.PHONY: test-notebook docs

NOTEBOOK := examples/notebooks/analyst.ipynb
DOCS_PYTHON := target/docs/python
# carestat's __all__ names only some of its submodules, and pdoc walks just those: every public
# module (a .py file or a package not starting with _) is given by name instead, after a pattern
# that drops the ones the walk found, so that none is listed twice (pdoc warns).
PDOC_SUBMODULES := $(sort \
	$(patsubst python/carestat/%.py,carestat.%,$(filter-out python/carestat/_%,$(wildcard python/carestat/*.py))) \
	$(patsubst python/carestat/%/__init__.py,carestat.%,$(wildcard python/carestat/*/__init__.py)))
PDOC_MODULES := carestat '!carestat\..*' $(PDOC_SUBMODULES)
PDOC_PAGES := index.html carestat.html $(patsubst carestat.%,carestat/%.html,$(PDOC_SUBMODULES))
# pdoc only warns (and exits 0) when it cannot import a module, read an annotation or link a
# name: here a warning fails the build. (carestat.spark and carestat.dask import pyspark and
# dask only when their functions run, so neither is excluded.)
PDOC := $(PY) -W error::UserWarning -W error::RuntimeWarning -m pdoc

# $(call pdoc_into,FOLDER): the Python reference into FOLDER, each expected page checked.
pdoc_into = $(PDOC) -o $(1) $(PDOC_MODULES) && \
	for page in $(PDOC_PAGES); do \
	  test -s $(1)/$$page || { echo "pdoc: $(1)/$$page was not written" >&2; exit 1; }; \
	done

test-notebook: python ## Run examples/notebooks/analyst.ipynb (every cell, every carestat.plot chart) and check that pdoc renders the package
	$(PY) tools/run_notebook.py $(NOTEBOOK)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  $(call pdoc_into,$$tmp) && \
	  echo "pdoc renders the package: $(words $(PDOC_PAGES)) pages"

docs: python ## Build the HTML API reference: Python (pdoc) into target/docs/python, Rust (cargo doc)
	rm -rf $(DOCS_PYTHON)
	$(call pdoc_into,$(DOCS_PYTHON))
	$(CARGO) doc --no-deps -p carestat
	@echo "Python: $(DOCS_PYTHON)/index.html   Rust: target/doc/carestat/index.html"

TEST_STEPS += test-notebook
