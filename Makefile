# crystaldb: `make demo` and `make test` do the whole set-up on a fresh Debian machine.
SWIFT ?= swift
DEBS := libsqlite3-dev zlib1g-dev libsymspg-dev sqlite3 curl python3 python3-venv
# Headless Chromium renders the phase-diagram page in `make test` and the PNGs of `make demo`; where it cannot be
# installed the browser test says why it is skipped.
OPTIONAL_DEBS := chromium
DEMO_DB := demo/sample.sqlite
RELEASE_BIN := .build/release/crystaldb
DEBUG_BIN := .build/debug/crystaldb

.PHONY: deps build release demo test bench bench-deps fault-test fuzz clean

deps:
	@missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
	@for p in $(OPTIONAL_DEBS); do dpkg -s $$p >/dev/null 2>&1 && continue; \
	  echo "installing $$p (optional)"; SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  ( $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$p ) \
	    || echo "could not install $$p: the headless-browser test will be skipped"; \
	done

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

demo: release
	@rm -rf demo && mkdir -p demo
	$(RELEASE_BIN) import --db $(DEMO_DB) --source mp --reference SampleData/reference.csv
	$(RELEASE_BIN) import --db $(DEMO_DB) --source sample SampleData/structures SampleData/entries.csv
	$(RELEASE_BIN) stats --db $(DEMO_DB)
	$(RELEASE_BIN) query --db $(DEMO_DB) --source sample --fields id,chemical_formula_reduced,nsites,volume,density,energy_per_atom
	$(RELEASE_BIN) show --db $(DEMO_DB) NaCl-conventional --format poscar
	$(RELEASE_BIN) hull --db $(DEMO_DB)
	$(RELEASE_BIN) query --db $(DEMO_DB) --stable --source sample --fields id,chemical_formula_reduced,formation_energy_per_atom,e_above_reference_hull,decomposition
	$(RELEASE_BIN) query --db $(DEMO_DB) 'elements HAS "O" AND e_above_hull > 0' --fields id,chemical_formula_reduced,e_above_hull,decomposition --format csv
	$(RELEASE_BIN) export --db $(DEMO_DB) --candidates --format gnome --out demo/stable-candidates
	@echo "stable candidates (novel compositions on the hull) are in demo/stable-candidates: summary.csv, by_id.zip, manifest.json"
	@cat demo/stable-candidates/summary.csv
	bash Scripts/phase-diagram-demo.sh $(RELEASE_BIN)
	@echo "== crystaldb serve: the OPTIMADE API over the demo store, one query with curl, then SIGTERM =="
	bash Tests/optimade/serve-once.sh $(RELEASE_BIN) $(DEMO_DB)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	bash Tests/fault/kill-import.sh 3000 3
	bash Tests/fault/disk-full.sh 3000
	bash Tests/optimade/validate.sh

fuzz: deps
	bash Fuzz/run.sh

fault-test: release
	CRYSTALDB_BIN=$(RELEASE_BIN) CRYSTALDB_GEN=.build/release/crystaldb-samplegen bash Tests/fault/kill-import.sh 100000 20
	CRYSTALDB_BIN=$(RELEASE_BIN) CRYSTALDB_GEN=.build/release/crystaldb-samplegen bash Tests/fault/disk-full.sh 20000

bench-deps: deps
	@dpkg -s wrk >/dev/null 2>&1 || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk; }

bench: bench-deps release
	bash Benchmarks/run.sh

clean:
	rm -rf .build .build-fuzz* demo bench-out
