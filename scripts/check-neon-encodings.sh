#!/usr/bin/env bash
# Checks that every WORD in kernels/kernels_arm64.s is exactly the encoding
# that GNU as for AArch64 gives the instruction in its comment
# (kernels/neon_encoding_test.go). Installs the assembler when it is missing,
# and fails, never skips, if it still cannot run it.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v aarch64-linux-gnu-as >/dev/null 2>&1; then
	echo "check-neon-encodings: installing binutils-aarch64-linux-gnu" >&2
	sudo=""
	if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq binutils-aarch64-linux-gnu >/dev/null
fi
aarch64-linux-gnu-as --version | head -n 1

# The test reads kernels_arm64.s as text, so it runs on the host: no qemu.
# FASTRELU_REQUIRE_AS turns a missing assembler into a failure.
out=$(FASTRELU_REQUIRE_AS=1 go test -count=1 -run '^TestNEONEncodings$' -v ./kernels 2>&1) || {
	echo "$out"
	echo "check-neon-encodings: FAIL" >&2
	exit 1
}
echo "$out"
# A renamed or deleted test would make go test pass with "no tests to run".
if ! grep -q '^--- PASS: TestNEONEncodings ' <<<"$out"; then
	echo "check-neon-encodings: FAIL: TestNEONEncodings did not run and pass" >&2
	exit 1
fi
echo "check-neon-encodings: ok"
