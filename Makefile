# Lifeline: build, run and test. CI runs `make test` (through .ci/run).
#
#   make deps    install the Debian packages the build and the tests need (quiet if present)
#   make build   ./lifeline (cgo, Fyne)
#   make run     deps + build, then open the window on the default vault
#   make test    gofmt, go vet, cross-builds, the whole suite with -race under Xvfb with a real keyring,
#                and a short pass of every fuzz target (FUZZTIME, default 5s)
#   make bench   benchmarks, in the same session as the tests
#   make fuzz    every fuzz target for FUZZTIME (default 2m), one after another
#   make perf-gui  first window, RSS and idle CPU of the window vs a bare Fyne window
#   make dist    every package this machine can build, into dist/, with SHA256SUMS:
#                the Windows installer and portable zip, the .deb, .rpm and tar.xz
#                (make dist-windows, make dist-linux; make dist-macos runs on a Mac)
#   make test-dist  build them, then install and use each for real (apt-get, Wine): also in make test
#   make icon    redraw Icon.png from docs/icon
#   make icons   rebuild the brand icons (backup/services/icons) from the simple-icons npm package
#   make clean   remove what the targets above leave in the tree
#
# The stages of `make test` can also be run one at a time: .ci/test fmt|vet|cross|suite|fuzz.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := build
# Prerequisites are steps in order (deps before build before run), not independent jobs.
.NOTPARALLEL:

# Go 1.26 lives in /usr/local/go on our machines; use it when no go is on PATH already.
ifeq ($(shell command -v go 2>/dev/null),)
export PATH := /usr/local/go/bin:$(PATH)
endif

.PHONY: deps build run test bench fuzz perf-gui icon icons clean dist dist-windows dist-linux dist-macos test-dist

deps:
	@.ci/deps

# no_emoji leaves out Fyne's colour emoji font: it costs about 8 MB of memory
# for every text style, and 2FA labels do not need it.
GOTAGS ?= no_emoji

build:
	go build -tags "$(GOTAGS)" -o lifeline .

run: deps build
	./lifeline

test: deps
	@FUZZTIME="$(or $(FUZZTIME),5s)" .ci/test

bench: deps
	@.ci/test bench

fuzz: deps
	@FUZZTIME="$(or $(FUZZTIME),2m)" .ci/test fuzz

perf-gui: deps
	@.ci/perf-gui

dist: deps dist-windows dist-linux
	cd dist && sha256sum lifeline[-_]* >SHA256SUMS && cat SHA256SUMS

dist-windows: deps
	.ci/dist/windows dist

dist-linux: deps
	.ci/dist/linux dist

dist-macos:
	.ci/dist/macos dist

test-dist: deps
	@.ci/test dist

icon:
	go run ./docs/icon -o Icon.png

# The version is simple-icons' 16.x release the subset was taken from (its NOTICE names it).
SIMPLE_ICONS ?= 16.37.0

icons:
	go run ./backup/services/icons/gen -version $(SIMPLE_ICONS)

clean:
	rm -f lifeline lifeline.exe *.test coverage.out coverage.html shot*.png rsrc_windows_amd64.syso
	rm -rf dist
	find . -path ./.git -prune -o -type d -path '*/testdata/failed' -prune -exec rm -rf {} +
