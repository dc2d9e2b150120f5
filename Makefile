# Faro's two commands, `make run` and `make test`, and what they need. Every target installs
# what is missing first and is safe to run again.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

CARGO_LEPTOS_VERSION := 0.3.10
BINARYEN_VERSION := 132
TOOLS := $(CURDIR)/.tools
# npm's binaryen gives the wasm-opt that cargo-leptos calls for release builds; Debian's is too
# old for what rustc emits (the page would never hydrate).
export PATH := $(TOOLS)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

ADDR ?= 127.0.0.1:3000
DATABASE_URL ?= sqlite://data/faro.db
export FARO_TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/postgres
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Compiled output; CI points CARGO_TARGET_DIR outside the clone so that runs reuse it.
BUILD := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)

.PHONY: help run test tools test-tools postgres check fmt lint test-rust test-e2e build build-release bench clean-test-databases

help:
	@echo "make run    build Faro (release) and start it on http://$(ADDR) with demo data"
	@echo "make test   run every test: Rust on SQLite and PostgreSQL, then the browser tests"
	@echo "make lint   cargo fmt --check, the layering check, clippy on each package"
	@echo "make bench  load figures for the board (release build, wrk on loopback)"

## ---- the two commands ----

run: tools build-release
	@DATABASE_URL='$(DATABASE_URL)' $(BUILD)/release/faro demo
	@echo
	@LEPTOS_SITE_ROOT=target/site DATABASE_URL='$(DATABASE_URL)' FARO_ADDR='$(ADDR)' $(BUILD)/release/faro serve

test: tools test-tools postgres
	@$(MAKE) lint
	@$(MAKE) test-rust
	@$(MAKE) test-e2e

## ---- tools ----

tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@cargo leptos --version 2>/dev/null | grep -q " $(CARGO_LEPTOS_VERSION)$$" \
	  || cargo install --locked cargo-leptos --version $(CARGO_LEPTOS_VERSION)
	@want=$$(grep -A1 '^name = "wasm-bindgen"$$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p'); \
	  wasm-bindgen --version 2>/dev/null | grep -q " $$want$$" \
	  || cargo install wasm-bindgen-cli --version "$$want"
	@[ -x $(TOOLS)/node_modules/.bin/wasm-opt ] \
	  || npm install --prefix $(TOOLS) --no-save --no-audit --no-fund binaryen@$(BINARYEN_VERSION)

# Chromium for the browser tests; aiosmtpd, the SMTP server the mail tests send to on loopback.
test-tools:
	@[ -x /usr/bin/chromium ] || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }
	@/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-aiosmtpd; }
	@cd end2end && { [ -d node_modules/@playwright/test ] && [ node_modules/.package-lock.json -nt package-lock.json ]; } \
	  || npm ci --no-audit --no-fund

# Makes sure a PostgreSQL answers on 127.0.0.1:5432 for the tests: starts the installed one, or
# installs Debian's. A PostgreSQL installed here is given trust auth for `postgres` on loopback.
postgres:
	@if psql "$(FARO_TEST_POSTGRES_URL)" -qtAc 'SELECT 1' >/dev/null 2>&1; then exit 0; fi; \
	  echo "PostgreSQL does not answer on 127.0.0.1:5432: starting it"; \
	  if ! command -v pg_ctlcluster >/dev/null; then \
	    $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq postgresql; \
	    hba=$$(ls /etc/postgresql/*/main/pg_hba.conf | head -n1); \
	    $(SUDO) sed -i '1i host all postgres 127.0.0.1/32 trust' "$$hba"; \
	  fi; \
	  version=$$(ls /etc/postgresql | sort -V | tail -n1); \
	  $(SUDO) pg_ctlcluster --skip-systemctl-redirect "$$version" main start || true; \
	  for i in $$(seq 1 30); do \
	    psql "$(FARO_TEST_POSTGRES_URL)" -qtAc 'SELECT 1' >/dev/null 2>&1 && exit 0; sleep 1; \
	  done; \
	  echo "PostgreSQL still does not answer at $(FARO_TEST_POSTGRES_URL)"; exit 1

## ---- building ----

# --split: each page is its own file of the bundle, fetched when first shown (app/src/pages.rs).
build: tools
	cargo leptos build --split

# --precompress writes pkg/*.br and pkg/*.gz beside each file: served as they are, never
# compressed per request. Skipped when nothing that goes into the build changed since the last
# one (optimizing the bundle alone takes ~30 s), so `make run` on an unchanged tree starts at once.
# The stamp is the time the last good build started: a file saved during a build is newer.
RELEASE_STAMP := $(BUILD)/release/.faro-release-built
build-release: tools
	@if [ -x $(BUILD)/release/faro ] && [ -f $(RELEASE_STAMP) ] \
	  && [ -f "target/site/pkg/faro.$$(sed -n 's/^wasm: *//p' $(BUILD)/release/hash.txt 2>/dev/null).wasm" ] \
	  && [ -z "$$(find app frontend server/src style migrations .cargo Cargo.toml Cargo.lock -newer $(RELEASE_STAMP) -print -quit)" ]; then \
	  echo "The release build is up to date."; \
	else \
	  mkdir -p $(BUILD)/release && touch $(RELEASE_STAMP).started \
	  && cargo leptos build --release --precompress --split \
	  && mv $(RELEASE_STAMP).started $(RELEASE_STAMP); \
	fi

## ---- benchmarks ----

# Load figures for the board against a release build (server/bench/board.sh): the board page as
# staff and as the client, its server function, and a static file of the same size for scale;
# then a first visit's bytes per route, memory and the live fan-out (first_visit.sh), and
# Lighthouse on the client's board, straight and through an HTTP/2 TLS proxy (lighthouse.sh).
bench: tools test-tools build-release
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq wrk; }
	@command -v jq >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq jq; }
	@command -v nginx >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq nginx; }
	bash server/bench/board.sh $(BUILD)/release/faro $(CURDIR)/target/site
	bash server/bench/first_visit.sh $(BUILD)/release/faro $(CURDIR)/target/site
	bash server/bench/lighthouse.sh $(BUILD)/release/faro $(CURDIR)/target/site

## ---- checks ----

# Each package is checked on its own: the app crate is built either for the server or for the
# browser, never both at once. The layering check (app/tests/layering.rs) fails on an import
# circle between files of app/src, or on the shared core naming a feature.
lint:
	cargo fmt --all -- --check
	cargo test -p faro-app --features ssr --test layering --quiet
	cargo clippy -p faro-app -p faro-server --all-targets -- -D warnings
	cargo clippy -p faro-frontend -p faro-app --target wasm32-unknown-unknown -- -D warnings

fmt:
	cargo fmt --all

# Rust tests: pure rules, then the HTTP stories, each on a fresh SQLite file and on a fresh
# PostgreSQL database (dropped afterwards).
# One test at a time in each test binary: two test servers under load in one process were seen
# to stall each other (about 1 run in 10), which one server per process never did.
test-rust: postgres clean-test-databases
	cargo test -p faro-app -p faro-server -- --test-threads=1
	@$(MAKE) clean-test-databases

# Databases left by an interrupted run.
clean-test-databases:
	@for db in $$(psql "$(FARO_TEST_POSTGRES_URL)" -qtAc "SELECT datname FROM pg_database WHERE datname LIKE 'faro\_test\_%'"); do \
	  psql "$(FARO_TEST_POSTGRES_URL)" -qc "DROP DATABASE IF EXISTS $$db WITH (FORCE)"; \
	done

# Browser tests against a freshly started debug build with its own SQLite file and demo data.
test-e2e: build test-tools
	cd end2end && FARO_BIN=$(BUILD)/debug/faro LEPTOS_SITE_ROOT=$(CURDIR)/target/site \
	  FARO_E2E_DIR=$(CURDIR)/target/e2e npx playwright test
