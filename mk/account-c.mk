# Local Accounts from C (tests/c/test_account.c): plain, AddressSanitizer + UBSan, valgrind.
# Uses the variables of mk/c.mk; runs from the repository root (reads examples/data/).
.PHONY: test-c-account

test-c-account: lib-c
	$(CC) $(C_STRICT) -Iinclude tests/c/test_account.c $(C_DEBUG_LIB)/libcarestat.a $(C_NATIVE_LIBS) -o $(C_OUT)/test_account
	$(C_OUT)/test_account
	$(CC) $(C_STRICT) $(C_SANITIZE) -Iinclude tests/c/test_account.c $(C_DEBUG_LIB)/libcarestat.a $(C_NATIVE_LIBS) -o $(C_OUT)/test_account_asan
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 $(C_OUT)/test_account_asan
	@command -v valgrind >/dev/null || { echo "installing valgrind with apt-get"; $(call C_APT_INSTALL,valgrind); }
	$(CC) $(C_STRICT) -g -Iinclude tests/c/test_account.c -L$(C_DEBUG_LIB) -Wl,-rpath,$(abspath $(C_DEBUG_LIB)) -lcarestat -lm -o $(C_OUT)/test_account_shared
	$(C_VALGRIND) $(C_OUT)/test_account_shared

test-c: test-c-account
