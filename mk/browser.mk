# Browser test of the audit page (tests/browser/test_audit_page.py).
#
# `carestat audit FILE --format html` writes one self-contained page; the Rust tests check its
# text, this test checks what a browser makes of it. The page of each case is rendered by
# headless Chromium (--dump-dom, --screenshot, --print-to-pdf) and the test checks:
#   - the DOM after load: the summary's counts and the highlighted quotes per status match
#     the findings of `carestat audit FILE --format json` of the same document;
#   - the screenshot (Pillow): the page is not blank and the colours of inconsistent findings
#     (from html.rs's CSS) are painted, and not painted on a page without any;
#   - a hostile document (<script>, <img onerror>, U+202E): no script or image element in the
#     DOM, the title untouched, the bidi override shown as a visible escape;
#   - printing to PDF (council analysts print these pages).
#
# Chromium comes from Debian's package `chromium` (binary `chromium`), installed with apt-get
# (no recommends; with fonts-dejavu-core, so the screenshots have a font) when it is missing:
# the test never skips for want of it, it installs it or fails saying why.
# CHROMIUM=/path/to/chrome uses another build. Run: `make test-browser` (about 15 s once
# Chromium and the CLI are there). Chromium's stderr noise (no D-Bus in a container, the
# Debian launcher's /dev/shm check) is harmless; a failing call shows it in the test output.
.PHONY: test-browser chromium

CHROMIUM ?= chromium
CARESTAT_CLI := target/debug/carestat
BROWSER_APT_PACKAGES := chromium fonts-dejavu-core
BROWSER_APT_INSTALL = (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(1) >/dev/null) || \
	  (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(1) >/dev/null)

chromium: ## Make sure headless Chromium is there for test-browser (installs Debian's chromium)
	@command -v $(CHROMIUM) >/dev/null 2>&1 || { echo "installing $(BROWSER_APT_PACKAGES) with apt-get"; \
	  $(call BROWSER_APT_INSTALL,$(BROWSER_APT_PACKAGES)); }
	@command -v $(CHROMIUM) >/dev/null 2>&1 || { echo "$(CHROMIUM) is missing and apt-get could not install it:" \
	  "install Debian's chromium package (or set CHROMIUM=/path/to/chrome)"; exit 1; }
	@$(CHROMIUM) --version

test-browser: $(VENV)/.requirements chromium ## Audit page in headless Chromium: DOM, screenshot, hostile text, PDF
	$(CARGO) build -q -p carestat-cli
	CARESTAT_CLI=$(abspath $(CARESTAT_CLI)) CHROMIUM=$(CHROMIUM) $(PY) -m pytest tests/browser -q

TEST_STEPS += test-browser
