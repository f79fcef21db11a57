#!/usr/bin/env bash
# staticcheck.sh: runs staticcheck, at the version pinned below, on every
# module of the repository: the library (./...), the benchmarks
# (./bench/...) and the generator (kernels/_asm, a module of its own); the library and benchmarks for
# GOARCH=amd64, arm64 and riscv64 and with -tags purego, so that the files of
# every assembly architecture and of the generic build are checked. Any
# finding fails. CI runs it.
#
# The pinned version is installed from the module proxy into a temporary
# GOBIN (nothing is added to any go.mod). Bump it on purpose: a newer
# staticcheck may find new things, and needs a Go that it supports.
set -euo pipefail
cd "$(dirname "$0")/.."

version=v0.8.2 # staticcheck 2026.2.2

bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
GOBIN=$bin GOFLAGS=-mod=mod go install "honnef.co/go/tools/cmd/staticcheck@$version"
sc=$bin/staticcheck
"$sc" -version

status=0
run() { # run DIR [env...] -- staticcheck args...
	local dir=$1
	shift
	local envs=()
	while [[ $1 != -- ]]; do
		envs+=("$1")
		shift
	done
	shift
	echo "staticcheck: (cd $dir && ${envs[*]:+${envs[*]} }staticcheck $*)"
	(cd "$dir" && env "${envs[@]}" "$sc" "$@") || status=1
}

for arch in amd64 arm64 riscv64; do
	run . GOARCH=$arch -- ./... ./bench/...
done
run . -- -tags purego ./... ./bench/...
run kernels/_asm -- ./...
run examples/gonum GOWORK=off -- ./...

if [[ $status -ne 0 ]]; then
	echo "staticcheck: FAIL" >&2
	exit 1
fi
echo "staticcheck: ok"
