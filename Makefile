# Shortcuts for developers. CI runs `bash .ci/run` instead.
SHELL := /bin/bash

# Use the swift on PATH, else the toolchain in /opt/swift.
ifeq ($(shell command -v swift),)
export PATH := /opt/swift/usr/bin:$(PATH)
endif

DEPS := libopenblas-dev liblapacke-dev libxlsxwriter-dev

.PHONY: deps test run bench fuzz

## deps: install the C libraries the package links (OpenBLAS, LAPACKE) when missing
deps:
	bash .ci/apt-install $(DEPS)

## test: build, then run the test suite: Swift Testing only (no XCTest), quiet (failures and
## the summary, not a line per test); the slow notebook re-runs announce themselves on stderr
test: deps
	swift build --build-tests
	swift test --skip-build --disable-xctest --quiet

## run: simulate with the release build
run: deps
	swift run -c release jikun simulate

## fuzz: run each libFuzzer harness of Fuzz/ for FUZZ_SECONDS (default 30) seconds
FUZZ_SECONDS ?= 30
fuzz: deps
	bash scripts/fuzz.sh $(FUZZ_SECONDS)

## bench: run the benchmarks (nested package in Benchmarks/)
bench: deps
	cd Benchmarks && swift package benchmark
