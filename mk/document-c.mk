# Published documents from C (tests/c/test_document.c): plain, AddressSanitizer + UBSan,
# valgrind. Uses the variables of mk/c.mk; runs from the repository root (reads
# examples/data/sources/ and tests/data/corpus/).
.PHONY: test-c-document

# Truncated copies of the Local Account read by test_document (fewer under valgrind).
C_DOCUMENT_COPIES ?= 24
C_VALGRIND_DOCUMENT_COPIES ?= 4

test-c-document: lib-c ## Documents from C: carestat_audit_document / carestat_extract_json (plain, ASan+UBSan, valgrind)
	$(CC) $(C_STRICT) -Iinclude tests/c/test_document.c $(C_DEBUG_LIB)/libcarestat.a $(C_NATIVE_LIBS) -o $(C_OUT)/test_document
	$(C_OUT)/test_document $(C_DOCUMENT_COPIES)
	$(CC) $(C_STRICT) $(C_SANITIZE) -Iinclude tests/c/test_document.c $(C_DEBUG_LIB)/libcarestat.a $(C_NATIVE_LIBS) -o $(C_OUT)/test_document_asan
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 $(C_OUT)/test_document_asan $(C_DOCUMENT_COPIES)
	@command -v valgrind >/dev/null || { echo "installing valgrind with apt-get"; $(call C_APT_INSTALL,valgrind); }
	$(CC) $(C_STRICT) -g -Iinclude tests/c/test_document.c -L$(C_DEBUG_LIB) -Wl,-rpath,$(abspath $(C_DEBUG_LIB)) -lcarestat -lm -o $(C_OUT)/test_document_shared
	$(C_VALGRIND) $(C_OUT)/test_document_shared $(C_VALGRIND_DOCUMENT_COPIES)

test-c: test-c-document
TEST_STEPS += test-c-document
