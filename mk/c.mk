# C ABI: the header, the C tests (plain, AddressSanitizer + UBSan, valgrind, threads), the
# installed package (pkg-config, CMake) and the C demo.

ifeq ($(origin CC),default)
CC := gcc
endif
C_STRICT := -std=c99 -Wall -Wextra -Wpedantic -Werror
C_SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g
# What a static link of libcarestat.a needs on Linux (rustc --print native-static-libs).
C_NATIVE_LIBS := -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc
C_OUT := target/c
C_DEBUG_LIB := target/debug
C_RELEASE_LIB := target/release
# The version the header was generated from (which is Cargo's version).
C_VERSION = $(shell sed -n 's/^\#define CARESTAT_VERSION "\(.*\)"/\1/p' include/carestat.h)
C_VERSION_MAJOR = $(word 1,$(subst ., ,$(C_VERSION)))
C_VERSION_MINOR = $(word 2,$(subst ., ,$(C_VERSION)))
# `make install PREFIX=...`; CARESTAT_PROFILE=debug installs the debug build (the tests do).
PREFIX ?= /usr/local
CARESTAT_PROFILE ?= release
C_PREFIX = $(abspath $(PREFIX))
C_STAGE := $(abspath target/c-stage)
C_PKG := crates/carestat-ffi/pkg
C_SIZEOF_VOID_P = $(if $(filter 32,$(shell getconf LONG_BIT)),4,8)
# Iterations per thread of test_threads (fewer under valgrind, which runs threads one at a time).
C_THREAD_ITERATIONS ?= 2000
C_VALGRIND_ITERATIONS ?= 40
# test_phe simulates the SII limits of every Nth fixture area under valgrind (all of them otherwise).
C_VALGRIND_SII_STRIDE ?= 15
C_VALGRIND := valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,possible --quiet

.PHONY: header test-header lib-c test-c test-c-plain test-c-sanitize test-c-valgrind \
	test-c-install test-c-demo install demo-c

header: ## Regenerate include/carestat.h with cbindgen (commit the result)
	CARESTAT_UPDATE_HEADER=1 $(CARGO) test -q -p carestat-ffi --test header

test-header: ## Fail when include/carestat.h is stale (also part of cargo test -p carestat-ffi)
	$(CARGO) test -q -p carestat-ffi --test header

lib-c:
	$(CARGO) build -q -p carestat-ffi
	@mkdir -p $(C_OUT)
	@# Programs linked with -lcarestat record its SONAME, libcarestat.so.0 (crates/carestat-ffi/build.rs).
	@ln -sf libcarestat.so $(C_DEBUG_LIB)/libcarestat.so.$(C_VERSION_MAJOR)

test-c: test-header test-c-plain test-c-sanitize test-c-valgrind test-c-install test-c-demo ## C tests: plain, ASan+UBSan, valgrind, threads, pkg-config/CMake install, demo

test-c-plain: lib-c
	$(CC) $(C_STRICT) -Iinclude tests/c/test_carestat.c $(C_DEBUG_LIB)/libcarestat.a $(C_NATIVE_LIBS) -o $(C_OUT)/test_carestat
	$(CC) $(C_STRICT) -pthread -Iinclude tests/c/test_threads.c $(C_DEBUG_LIB)/libcarestat.a $(C_NATIVE_LIBS) -o $(C_OUT)/test_threads
	$(CC) $(C_STRICT) -Iinclude tests/c/test_phe.c $(C_DEBUG_LIB)/libcarestat.a $(C_NATIVE_LIBS) -o $(C_OUT)/test_phe
	$(C_OUT)/test_phe
	$(C_OUT)/test_carestat
	$(C_OUT)/test_threads $(C_THREAD_ITERATIONS)
	@# The header is also valid C++ (extern "C", fixed-width enum).
	@if command -v g++ >/dev/null; then \
	  echo '#include "carestat.h"' | g++ -std=c++11 -Wall -Wextra -Wpedantic -Werror -Iinclude -x c++ -fsyntax-only - \
	  && echo "carestat.h compiles as C++11"; fi

test-c-sanitize: lib-c
	$(CC) $(C_STRICT) $(C_SANITIZE) -Iinclude tests/c/test_carestat.c $(C_DEBUG_LIB)/libcarestat.a $(C_NATIVE_LIBS) -o $(C_OUT)/test_carestat_asan
	$(CC) $(C_STRICT) $(C_SANITIZE) -pthread -Iinclude tests/c/test_threads.c $(C_DEBUG_LIB)/libcarestat.a $(C_NATIVE_LIBS) -o $(C_OUT)/test_threads_asan
	$(CC) $(C_STRICT) $(C_SANITIZE) -Iinclude tests/c/test_phe.c $(C_DEBUG_LIB)/libcarestat.a $(C_NATIVE_LIBS) -o $(C_OUT)/test_phe_asan
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 $(C_OUT)/test_phe_asan
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 $(C_OUT)/test_carestat_asan
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 $(C_OUT)/test_threads_asan $(C_THREAD_ITERATIONS)

test-c-valgrind: lib-c
	@command -v valgrind >/dev/null || { echo "installing valgrind with apt-get"; $(call C_APT_INSTALL,valgrind); }
	$(CC) $(C_STRICT) -g -Iinclude tests/c/test_carestat.c -L$(C_DEBUG_LIB) -Wl,-rpath,$(abspath $(C_DEBUG_LIB)) -lcarestat -lm -o $(C_OUT)/test_carestat_shared
	$(CC) $(C_STRICT) -g -pthread -Iinclude tests/c/test_threads.c -L$(C_DEBUG_LIB) -Wl,-rpath,$(abspath $(C_DEBUG_LIB)) -lcarestat -lm -o $(C_OUT)/test_threads_shared
	$(C_VALGRIND) $(C_OUT)/test_carestat_shared
	$(C_VALGRIND) $(C_OUT)/test_threads_shared $(C_VALGRIND_ITERATIONS)
	$(CC) $(C_STRICT) -g -Iinclude tests/c/test_phe.c -L$(C_DEBUG_LIB) -Wl,-rpath,$(abspath $(C_DEBUG_LIB)) -lcarestat -lm -o $(C_OUT)/test_phe_shared
	$(C_VALGRIND) $(C_OUT)/test_phe_shared $(C_VALGRIND_SII_STRIDE)

# cmake and pkg-config, from Debian's packages when missing (never skipped: CI has a fresh machine).
C_APT_INSTALL = (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null) || \
	  (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null)
.PHONY: c-tools
c-tools:
	@command -v cmake >/dev/null && command -v pkg-config >/dev/null || { echo "installing cmake, pkg-config with apt-get"; \
	  $(call C_APT_INSTALL,cmake pkg-config); }

# Stage an install under target/ and build against it as a council's project would.
test-c-install: lib-c c-tools
	rm -rf $(C_STAGE)
	$(MAKE) --no-print-directory install PREFIX=$(C_STAGE) CARESTAT_PROFILE=debug
	@# The links and the SONAME a program records.
	test "$$(readlink $(C_STAGE)/lib/libcarestat.so)" = libcarestat.so.$(C_VERSION_MAJOR)
	test "$$(readlink $(C_STAGE)/lib/libcarestat.so.$(C_VERSION_MAJOR))" = libcarestat.so.$(C_VERSION)
	readelf -d $(C_STAGE)/lib/libcarestat.so.$(C_VERSION) | grep -q 'SONAME.*\[libcarestat.so.$(C_VERSION_MAJOR)\]'
	@# The README's command, nothing added: carestat.pc's Libs carry the rpath to its libdir.
	$(CC) $(C_STRICT) tests/c/link_check.c $$(PKG_CONFIG_PATH=$(C_STAGE)/lib/pkgconfig pkg-config --cflags --libs carestat) \
	  -o $(C_OUT)/link_check_pkgconfig
	readelf -d $(C_OUT)/link_check_pkgconfig | grep -q 'NEEDED.*\[libcarestat.so.$(C_VERSION_MAJOR)\]'
	cd /tmp && env -u LD_LIBRARY_PATH $(abspath $(C_OUT))/link_check_pkgconfig
	@# The README tour, built as the README says. Expected by hand (Byar's, z = 1.959964):
	@#   O = 4455: O(1 - 1/9O - z/3sqrt(O))^3 / 485737 * 1e5 = 890.43;
	@#   (O+1)(1 - 1/9(O+1) + z/3sqrt(O+1))^3 / 485737 * 1e5 = 944.50; 4455 / 485737 * 1e5 = 917.16
	$(CC) $(C_STRICT) examples/c/tour.c $$(PKG_CONFIG_PATH=$(C_STAGE)/lib/pkgconfig pkg-config --cflags --libs carestat) -o $(C_OUT)/tour
	test "$$(cd /tmp && env -u LD_LIBRARY_PATH $(abspath $(C_OUT))/tour)" = "917.2 per 100,000 (890.4 to 944.5, Byars)"
	@# Static: carestat-static.pc links libcarestat.a alone, its system libraries from Libs.private.
	$(CC) $(C_STRICT) tests/c/link_check.c \
	  $$(PKG_CONFIG_PATH=$(C_STAGE)/lib/pkgconfig pkg-config --cflags --static --libs carestat-static) \
	  -o $(C_OUT)/link_check_static
	$(C_OUT)/link_check_static
	@! ldd $(C_OUT)/link_check_static | grep -q libcarestat || { echo "link_check_static needs libcarestat.so: not a static link"; exit 1; }
	rm -rf $(C_OUT)/cmake
	cmake -S tests/c/cmake -B $(C_OUT)/cmake -DCMAKE_PREFIX_PATH=$(C_STAGE) -DCMAKE_BUILD_RPATH=$(C_STAGE)/lib >/dev/null
	cmake --build $(C_OUT)/cmake >/dev/null
	$(C_OUT)/cmake/consumer_shared && $(C_OUT)/cmake/consumer_static

# The C demo against the debug library must print what the Rust demo prints.
test-c-demo: lib-c
	$(CC) $(C_STRICT) -Iinclude examples/c/demo.c $(C_DEBUG_LIB)/libcarestat.a $(C_NATIVE_LIBS) -o $(C_OUT)/demo_debug
	$(C_OUT)/demo_debug > $(C_OUT)/demo-c.out
	$(CARGO) run -q -p carestat --example demo | sed '1s/(Rust)/(C)/' > $(C_OUT)/demo-rust.out
	diff -u $(C_OUT)/demo-rust.out $(C_OUT)/demo-c.out && echo "C demo prints the Rust demo's lines"

install: ## Install libcarestat (.a, .so.0.1.0 + links), carestat.h, carestat{,-static}.pc, CMake files under PREFIX
	$(CARGO) build -q -p carestat-ffi $(if $(filter release,$(CARESTAT_PROFILE)),--release)
	install -d $(DESTDIR)$(C_PREFIX)/lib/pkgconfig $(DESTDIR)$(C_PREFIX)/lib/cmake/carestat $(DESTDIR)$(C_PREFIX)/include
	install -m 644 target/$(CARESTAT_PROFILE)/libcarestat.a $(DESTDIR)$(C_PREFIX)/lib/libcarestat.a
	@# Release: no debug info in the static library either (std's precompiled objects carry it).
	$(if $(filter release,$(CARESTAT_PROFILE)),strip --strip-debug $(DESTDIR)$(C_PREFIX)/lib/libcarestat.a)
	install -m 755 target/$(CARESTAT_PROFILE)/libcarestat.so $(DESTDIR)$(C_PREFIX)/lib/libcarestat.so.$(C_VERSION)
	ln -sf libcarestat.so.$(C_VERSION) $(DESTDIR)$(C_PREFIX)/lib/libcarestat.so.$(C_VERSION_MAJOR)
	ln -sf libcarestat.so.$(C_VERSION_MAJOR) $(DESTDIR)$(C_PREFIX)/lib/libcarestat.so
	install -m 644 include/carestat.h $(DESTDIR)$(C_PREFIX)/include/carestat.h
	for pc in carestat carestat-static; do \
	  sed -e 's|@VERSION@|$(C_VERSION)|g' -e 's|@NATIVE_LIBS@|$(C_NATIVE_LIBS)|g' \
	    $(C_PKG)/$$pc.pc.in > $(DESTDIR)$(C_PREFIX)/lib/pkgconfig/$$pc.pc; done
	sed -e 's|@VERSION@|$(C_VERSION)|g' -e 's|@VERSION_MAJOR@|$(C_VERSION_MAJOR)|g' $(C_PKG)/carestatConfig.cmake.in \
	  > $(DESTDIR)$(C_PREFIX)/lib/cmake/carestat/carestatConfig.cmake
	sed -e 's|@VERSION@|$(C_VERSION)|g' -e 's|@VERSION_MAJOR@|$(C_VERSION_MAJOR)|g' \
	  -e 's|@VERSION_MINOR@|$(C_VERSION_MINOR)|g' -e 's|@SIZEOF_VOID_P@|$(C_SIZEOF_VOID_P)|g' \
	  $(C_PKG)/carestatConfigVersion.cmake.in > $(DESTDIR)$(C_PREFIX)/lib/cmake/carestat/carestatConfigVersion.cmake
	install -d $(DESTDIR)$(C_PREFIX)/share/doc/carestat
	install -m 644 LICENSE-MIT LICENSE-APACHE $(DESTDIR)$(C_PREFIX)/share/doc/carestat/
	@echo "installed carestat $(C_VERSION) under $(DESTDIR)$(C_PREFIX)"

demo-c: ## The demo from C (examples/c/demo.c), checked line by line against the Rust demo
	$(CARGO) build -q --release -p carestat-ffi
	@mkdir -p $(C_OUT)
	$(CC) $(C_STRICT) -O2 -Iinclude examples/c/demo.c $(C_RELEASE_LIB)/libcarestat.a $(C_NATIVE_LIBS) -o $(C_OUT)/demo
	@$(C_OUT)/demo > $(C_OUT)/demo-c-release.out && cat $(C_OUT)/demo-c-release.out
	@$(CARGO) run -q --release -p carestat --example demo | sed '1s/(Rust)/(C)/' | diff -u - $(C_OUT)/demo-c-release.out
	@echo "(the C demo printed the Rust demo's lines)"

TEST_STEPS += test-c
DEMO_STEPS += demo-c
