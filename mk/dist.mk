# Release artefacts (issue 15): `make dist` writes to dist/ the Linux wheel (abi3, manylinux
# 2.17: maturin links with zig, from the `ziglang` package), the Windows wheel (abi3,
# x86_64-pc-windows-gnu: pyo3 links python3.dll by raw-dylib, no import library needed) and the
# sdist; `make dist-check` inspects each one (tools/check_dist.py). The artefacts are real
# file targets: they are rebuilt only when a source changes.
.PHONY: dist dist-check dist-tools

DIST := dist
DIST_VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
DIST_LINUX_WHEEL := $(DIST)/carestat-$(DIST_VERSION)-cp39-abi3-manylinux2014_x86_64.manylinux_2_17_x86_64.whl
DIST_WINDOWS_WHEEL := $(DIST)/carestat-$(DIST_VERSION)-cp39-abi3-win_amd64.whl
DIST_SDIST := $(DIST)/carestat-$(DIST_VERSION).tar.gz
DIST_REQUIREMENTS := tools/dist-requirements.txt
# Everything a wheel or the sdist is made of (the example data is reached through links).
# (Listed here, not from mk/python.mk: this file is read first and prerequisites expand at once.)
DIST_INPUTS := $(shell find bindings/python/src crates/carestat/src crates/carestat/data -type f) \
	$(shell find python/carestat -name __pycache__ -prune -o \( -type f -o -type l \) ! -name '*.so' -print) \
	Cargo.toml Cargo.lock bindings/python/Cargo.toml crates/carestat/Cargo.toml pyproject.toml \
	README.md LICENSE-MIT LICENSE-APACHE
DIST_MATURIN = $(PY_ENV) maturin

$(VENV)/.dist-requirements: $(DIST_REQUIREMENTS) $(VENV)/.requirements
	$(PY_ENV) $(PY) -m pip install --quiet --disable-pip-version-check -r $(DIST_REQUIREMENTS)
	touch $@

dist-tools: $(VENV)/.dist-requirements windows-tools

$(DIST_LINUX_WHEEL): $(DIST_INPUTS) | $(VENV)/.dist-requirements
	$(DIST_MATURIN) build --quiet --release --zig --compatibility manylinux2014 \
	  --target x86_64-unknown-linux-gnu --out $(DIST)

$(DIST_WINDOWS_WHEEL): $(DIST_INPUTS) | $(VENV)/.dist-requirements windows-tools
	$(DIST_MATURIN) build --quiet --release --target $(WIN_TARGET) --out $(DIST)

$(DIST_SDIST): $(DIST_INPUTS) | $(VENV)/.dist-requirements
	$(DIST_MATURIN) sdist --out $(DIST)

dist: $(DIST_LINUX_WHEEL) $(DIST_WINDOWS_WHEEL) $(DIST_SDIST) ## Build the Linux and Windows wheels and the sdist into dist/

dist-check: dist ## Inspect every artefact of dist/ (wheel tags, manylinux policy, abi3, licences, package data, C archives, no stray files)
	$(PY) tools/check_dist.py --version $(DIST_VERSION) --linux-wheel $(DIST_LINUX_WHEEL) \
	  --windows-wheel $(DIST_WINDOWS_WHEEL) --sdist $(DIST_SDIST) --c-linux $(DIST_C_LINUX) --c-windows $(DIST_C_WINDOWS)

.PHONY: test-dist dist-install-sdist
# Part of `make test`: the wheels are built once (file targets; about 4 and 3.5 minutes on a
# loaded 2-core machine, nothing when they are up to date), inspected, and the Linux wheel is
# installed into a new venv outside the tree and used there (about 16 s).
test-dist: $(DIST_LINUX_WHEEL) $(DIST_WINDOWS_WHEEL) ## Check both wheels and install the Linux wheel into a new venv (import, rate, audit of an example)
	$(PY) tools/check_dist.py --version $(DIST_VERSION) --linux-wheel $(DIST_LINUX_WHEEL) --windows-wheel $(DIST_WINDOWS_WHEEL)
	$(PY) tools/dist_install_test.py $(DIST_LINUX_WHEEL)

# Not in `make test` (a full build from source): pip builds the sdist in a new venv and imports it.
dist-install-sdist: $(DIST_SDIST) ## pip install the sdist (built from source) into a new venv and use it
	$(PY) tools/dist_install_test.py --sdist $(DIST_SDIST)

TEST_STEPS += test-dist

# C archives: Linux (.tar.gz: the `make install` layout, relocatable pkg-config and CMake files)
# and Windows (.zip: bin/carestat.dll, lib/libcarestat.dll.a import library, lib/libcarestat.a),
# each with the header, the licences and the README, under one top folder.
DIST_C_LINUX_NAME := carestat-$(DIST_VERSION)-x86_64-linux-gnu
DIST_C_WINDOWS_NAME := carestat-$(DIST_VERSION)-x86_64-windows-gnu
DIST_C_LINUX := $(DIST)/$(DIST_C_LINUX_NAME).tar.gz
DIST_C_WINDOWS := $(DIST)/$(DIST_C_WINDOWS_NAME).zip
DIST_C_INPUTS := $(shell find crates/carestat-ffi/src crates/carestat-ffi/pkg crates/carestat/src -type f) \
	crates/carestat-ffi/Cargo.toml crates/carestat-ffi/build.rs include/carestat.h Cargo.toml Cargo.lock \
	README.md LICENSE-MIT LICENSE-APACHE
DIST_STAGE := target/dist-stage

$(DIST_C_LINUX): $(DIST_C_INPUTS)
	rm -rf $(DIST_STAGE)/$(DIST_C_LINUX_NAME)
	$(MAKE) --no-print-directory install PREFIX=$(DIST_STAGE)/$(DIST_C_LINUX_NAME)
	install -m 644 README.md LICENSE-MIT LICENSE-APACHE $(DIST_STAGE)/$(DIST_C_LINUX_NAME)/
	@mkdir -p $(DIST)
	tar -C $(DIST_STAGE) --owner=0 --group=0 --numeric-owner --sort=name -czf $@ $(DIST_C_LINUX_NAME)

$(DIST_C_WINDOWS): $(DIST_C_INPUTS) | windows-tools $(VENV)/.requirements
	$(CARGO) build -q --release -p carestat-ffi --target $(WIN_TARGET)
	rm -rf $(DIST_STAGE)/$(DIST_C_WINDOWS_NAME)
	install -d $(DIST_STAGE)/$(DIST_C_WINDOWS_NAME)/bin $(DIST_STAGE)/$(DIST_C_WINDOWS_NAME)/lib \
	  $(DIST_STAGE)/$(DIST_C_WINDOWS_NAME)/include
	install -m 755 target/$(WIN_TARGET)/release/carestat.dll $(DIST_STAGE)/$(DIST_C_WINDOWS_NAME)/bin/
	install -m 644 target/$(WIN_TARGET)/release/libcarestat.dll.a target/$(WIN_TARGET)/release/libcarestat.a \
	  $(DIST_STAGE)/$(DIST_C_WINDOWS_NAME)/lib/
	@# Rust's windows-gnu std ships split-DWARF members (*.dwo) with no sections, which strip
	@# refuses: they hold only debug info, so they are dropped first (ar d removes one copy of
	@# a name per call, hence the loop).
	lib=$(DIST_STAGE)/$(DIST_C_WINDOWS_NAME)/lib/libcarestat.a; \
	  while dwo=$$(x86_64-w64-mingw32-ar t $$lib | grep '\.dwo$$'); do x86_64-w64-mingw32-ar d $$lib $$dwo; done; \
	  x86_64-w64-mingw32-strip --strip-debug $$lib
	install -m 644 include/carestat.h $(DIST_STAGE)/$(DIST_C_WINDOWS_NAME)/include/
	install -m 644 README.md LICENSE-MIT LICENSE-APACHE $(DIST_STAGE)/$(DIST_C_WINDOWS_NAME)/
	@mkdir -p $(DIST)
	rm -f $@ && cd $(DIST_STAGE) && $(abspath $(PY)) -m zipfile -c $(abspath $@) $(DIST_C_WINDOWS_NAME)

dist: $(DIST_C_LINUX) $(DIST_C_WINDOWS)
