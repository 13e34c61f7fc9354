# The adult social care domain (rating shares, CQC scores, ASCOF, benchmarking, disclosure)
# through the C ABI: tests/c/test_domain.c, plain, under AddressSanitizer + UBSan, and valgrind.
# Variables and lib-c come from mk/c.mk.
.PHONY: test-c-domain
# Only once the C ABI crate (mk/c.mk, lib-c) is in the tree.
ifneq ($(wildcard crates/carestat-ffi/Cargo.toml),)

test-c-domain: lib-c ## C tests of the domain functions (plain, ASan+UBSan, valgrind)
	$(CC) $(C_STRICT) -Iinclude -Itests/c tests/c/test_domain.c $(C_DEBUG_LIB)/libcarestat.a $(C_NATIVE_LIBS) -o $(C_OUT)/test_domain
	$(C_OUT)/test_domain
	$(CC) $(C_STRICT) $(C_SANITIZE) -Iinclude -Itests/c tests/c/test_domain.c $(C_DEBUG_LIB)/libcarestat.a $(C_NATIVE_LIBS) -o $(C_OUT)/test_domain_asan
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 $(C_OUT)/test_domain_asan
	@command -v valgrind >/dev/null || { echo "installing valgrind with apt-get"; $(call C_APT_INSTALL,valgrind); }
	$(CC) $(C_STRICT) -g -Iinclude -Itests/c tests/c/test_domain.c -L$(C_DEBUG_LIB) -Wl,-rpath,$(abspath $(C_DEBUG_LIB)) -lcarestat -lm -o $(C_OUT)/test_domain_shared
	$(C_VALGRIND) $(C_OUT)/test_domain_shared

TEST_STEPS += test-c-domain
endif
