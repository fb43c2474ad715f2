# Shortcuts for developers. CI runs `bash .ci/run` instead.
SHELL := /bin/bash

# Use the swift on PATH, else the toolchain in /opt/swift.
ifeq ($(shell command -v swift),)
export PATH := /opt/swift/usr/bin:$(PATH)
endif

DEPS := libopenblas-dev liblapacke-dev libxlsxwriter-dev

.PHONY: deps test run bench

## deps: install the C libraries the package links (OpenBLAS, LAPACKE) when missing
deps:
	bash .ci/apt-install $(DEPS)

## test: run the test suite
test: deps
	swift test

## run: simulate with the release build
run: deps
	swift run -c release jikun simulate

## bench: run the benchmarks (nested package in Benchmarks/)
bench: deps
	cd Benchmarks && swift package benchmark
