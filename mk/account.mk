# Local Accounts and CQC evidence: the carestat command on the bundled example data (the main job).
.PHONY: demo-audit
ACCOUNTS := examples/data/birmingham-2022-23.json examples/data/worcestershire-2023-24.json \
            examples/data/birmingham-cqc-2023.json

demo-audit: ## Audit the bundled Local Accounts and CQC evidence (findings are expected: exit 1 is not a failure)
	@$(CARGO) build --quiet -p carestat-cli
	@for f in $(ACCOUNTS); do \
	  echo; echo "== carestat audit $$f"; \
	  ./target/debug/carestat audit $$f; rc=$$?; \
	  if [ $$rc -gt 1 ]; then echo "carestat audit $$f failed (exit $$rc)"; exit $$rc; fi; \
	  echo "(exit $$rc: $$([ $$rc -eq 1 ] && echo 'some claims are inconsistent' || echo 'all claims consistent or unchecked'))"; \
	done

DEMO_STEPS += demo-audit
