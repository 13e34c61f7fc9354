# Windows C library, cross-built: carestat.dll, its import library libcarestat.dll.a and the
# static library libcarestat.a for x86_64-pc-windows-gnu with Debian's mingw-w64; the C tests
# of tests/c compiled with mingw-w64 and run under Wine (`make test-c-windows`, part of
# `make test`). The Wine prefix lives in target/wine (its first start takes a minute).
# mingw-w64, wine and the Rust target are installed when missing.
.PHONY: windows-tools lib-c-windows test-c-windows

WIN_TARGET := x86_64-pc-windows-gnu
WIN_CC := x86_64-w64-mingw32-gcc
WIN_DEBUG_LIB := target/$(WIN_TARGET)/debug
WIN_OUT := target/c-windows
# What a static link of libcarestat.a needs on Windows (rustc --print native-static-libs;
# mingw-w64's gcc adds kernel32, msvcrt and advapi32 itself).
WIN_NATIVE_LIBS := -lntdll -luserenv -lws2_32 -ldbghelp -lbcrypt -lsynchronization
# The test programs carry their C runtime (libgcc, winpthreads) inside: -static.
WIN_CFLAGS := -std=c99 -Wall -Wextra -Wpedantic -Werror -static
WINE_ENV := WINEPREFIX=$(abspath target/wine) WINEDEBUG=-all WINEDLLOVERRIDES=mscoree,mshtml=
WINE := $(WINE_ENV) wine

windows-tools:
	@command -v $(WIN_CC) >/dev/null && command -v wine >/dev/null || { \
	  echo "installing mingw-w64 and wine with apt-get"; \
	  $(call C_APT_INSTALL,mingw-w64 wine wine64); }
	@rustup target list --installed 2>/dev/null | grep -qx $(WIN_TARGET) || rustup target add $(WIN_TARGET)

lib-c-windows: windows-tools
	$(CARGO) build -q -p carestat-ffi --target $(WIN_TARGET)
	@mkdir -p $(WIN_OUT)
	cp $(WIN_DEBUG_LIB)/carestat.dll $(WIN_OUT)/
	@# Wine 8.0 has no bcryptprimitives.dll (Windows 10 does): a test-only stand-in, see its source.
	$(WIN_CC) -shared -O2 -Wall -Werror tests/c/windows/bcryptprimitives.c -ladvapi32 -o $(WIN_OUT)/bcryptprimitives.dll

# Each test against the DLL (through its import library), link_check also against the static
# library; the programs run from the repository root (they read tests/data, examples/data).
WIN_TESTS := test_carestat test_phe test_domain test_account
test-c-windows: lib-c-windows ## C tests cross-built with mingw-w64 against carestat.dll and libcarestat.a, run under Wine
	@set -e; for t in $(WIN_TESTS); do \
	  echo "$(WIN_CC) tests/c/$$t.c -> $(WIN_OUT)/$$t.exe"; \
	  $(WIN_CC) $(WIN_CFLAGS) -Iinclude -Itests/c tests/c/$$t.c $(WIN_DEBUG_LIB)/libcarestat.dll.a -o $(WIN_OUT)/$$t.exe; \
	done
	$(WIN_CC) $(WIN_CFLAGS) -pthread -Iinclude tests/c/test_threads.c $(WIN_DEBUG_LIB)/libcarestat.dll.a -o $(WIN_OUT)/test_threads.exe
	$(WIN_CC) $(WIN_CFLAGS) -Iinclude tests/c/link_check.c $(WIN_DEBUG_LIB)/libcarestat.a $(WIN_NATIVE_LIBS) -o $(WIN_OUT)/link_check_static.exe
	@# No MinGW runtime DLL (libgcc_s_seh-1, libwinpthread-1, libstdc++-6) is needed by the DLL or the tests.
	@! x86_64-w64-mingw32-objdump -p $(WIN_OUT)/*.dll $(WIN_OUT)/*.exe | grep -iE 'DLL Name: (libgcc|libwinpthread|libstdc)' \
	  || { echo "a MinGW runtime DLL is imported"; exit 1; }
	@set -e; for t in $(WIN_TESTS); do echo "wine $$t.exe"; $(WINE) $(WIN_OUT)/$$t.exe; done
	$(WINE) $(WIN_OUT)/test_threads.exe 200
	$(WINE) $(WIN_OUT)/link_check_static.exe

TEST_STEPS += test-c-windows
