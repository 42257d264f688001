# Berth build. `make run` and `make test` are the two-command quick start on a fresh Debian 12 machine.
SHELL := /bin/bash
.DEFAULT_GOAL := build

NATIVE_SRC := $(wildcard src/runtime/native/*.c)
NATIVE_HDR := $(wildcard src/runtime/native/*.h)
NATIVE_BIN := dist/bin/berth-runtime
CFLAGS ?= -O2 -g
NATIVE_CFLAGS := -std=gnu11 -Wall -Wextra -Werror -D_GNU_SOURCE $(CFLAGS)
# -z now: symbols bound at start, so a monitor does not fault libc pages in later (and RELRO is full).
NATIVE_LIBS := -Wl,-z,now
# pkg-config runs inside the recipe, never when the Makefile is parsed: on a fresh machine the
# -dev packages are installed by `deps` (hack/deps.sh), after parsing and before this recipe.
NATIVE_PKGS := libseccomp json-c

.PHONY: deps build native ts gen docs kind images run test lint typecheck unit conformance bench soak clean

## deps: Debian packages (as root, only what is missing) and npm packages.
deps: node_modules/.installed
	@hack/deps.sh

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

## build: TypeScript to dist/ and the native helper to dist/bin/berth-runtime.
build: deps ts native

ts: node_modules/.installed
	npm run --silent build

TRIM_ADDON := dist/bin/berth-trim.node

native: $(NATIVE_BIN) $(TRIM_ADDON)

$(NATIVE_BIN): $(NATIVE_SRC) $(NATIVE_HDR) Makefile | deps
	@mkdir -p $(dir $@)
	@flags=$$(pkg-config --cflags --libs $(NATIVE_PKGS)) || { echo "pkg-config: $(NATIVE_PKGS) missing (run hack/deps.sh as root)" >&2; exit 1; }; \
	  echo "cc -o $@"; gcc $(NATIVE_CFLAGS) -o $@ $(NATIVE_SRC) $$flags $(NATIVE_LIBS)

# berthd's malloc_trim, a Node-API addon; the headers come with Node.js (<node prefix>/include/node).
$(TRIM_ADDON): src/trim/malloc-trim.c src/runtime/native/smaps.h Makefile
	@mkdir -p $(dir $@)
	@inc=$$(dirname "$$(dirname "$$(readlink -f "$$(command -v node)")")")/include/node; \
	  echo "cc -o $@"; gcc $(NATIVE_CFLAGS) -shared -fPIC -I"$$inc" -o $@ $<

## gen: regenerate the committed CRI TypeScript from cri-api/runtime/v1/api.proto.
gen: node_modules/.installed
	npm run gen

## docs: regenerate the configuration reference (docs/configuration.md and the README section).
docs: ts
	node scripts/gen-docs.mjs

## kind: a kind cluster whose workers run berthd (needs Docker and kind; see docs/kind.md).
kind: build
	hack/kind/run.sh all

## images: dist/images/berth-controller.tar and berth-node.tar, OCI image archives built without a
## Docker daemon (hack/images/build.mjs; reproducible).
images: build
	node hack/images/build.mjs

## run: build, then start berthd in the foreground with the embedded defaults.
run: build
	node dist/src/cli.js daemon $(ARGS)

lint: node_modules/.installed
	npx biome check .

typecheck: node_modules/.installed
	npx tsc -p tsconfig.check.json

## test: install, build, lint, typecheck, then every test suite (integration suites need root).
test: build lint typecheck
	@hack/registry.sh start
	npx vitest run

unit: node_modules/.installed
	npx vitest run test/unit

## conformance: the real clients against berthd, in a throwaway network namespace and roots:
## critest v1.32, then single-node Kubernetes v1.24 and v1.32 (kubelet on berthd) with user checks
## and test/e2e. Needs root and the tools of docs/conformance.md; PHASES="critest" runs one part.
conformance: build
	hack/conformance/run.sh $(PHASES)

## bench: one benchmark against its peer, e.g. `make bench B=lifecycle` (pull, runtime, lifecycle, critest,
## exec, controller); installs the peers (containerd, crun) first. Needs root.
# A benchmark is a bench/*.ts whose header starts with "// Benchmark"; the others are its helpers.
BENCHES := $(basename $(notdir $(shell grep -l "^// Benchmark" bench/*.ts)))
bench: build
	@if [ -z "$(filter $(B),$(BENCHES))" ]; then echo "usage: make bench B=<$(subst $() ,|,$(BENCHES))>"; exit 2; fi
	@BERTH_BENCH_DEPS=1 hack/deps.sh
	@hack/registry.sh start
	npx tsc --outDir dist --rootDir . --module nodenext --target es2022 --strict --skipLibCheck --allowJs \
	  --resolveJsonModule --types node bench/$(B).ts
	node dist/bench/$(B).js

## soak: hostile-request or kill -9 soak of a throwaway berthd (not run by CI; docs/soak.md), e.g.
## `make soak SOAK=hostile` (SOAK_CLIENTS, SOAK_MINUTES, SOAK_SEED) or `make soak SOAK=kill9`
## (SOAK_SEEDS, SOAK_KILLS). Needs root and the local registry.
soak: build
	@if [ "$(SOAK)" != hostile ] && [ "$(SOAK)" != kill9 ]; then echo "usage: make soak SOAK=<hostile|kill9>"; exit 2; fi
	@hack/registry.sh start
	npx tsc --outDir dist --rootDir . --module nodenext --target es2022 --strict --skipLibCheck --allowJs \
	  --resolveJsonModule --types node hack/soak/$(SOAK).ts
	node dist/hack/soak/$(SOAK).js

clean:
	rm -rf dist coverage
