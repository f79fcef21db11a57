#!/usr/bin/env bash
# Checks the NEON assembly and its generator against GNU as for AArch64:
#  1. every WORD in kernels/kernels_arm64.s is exactly the encoding the
#     assembler gives the instruction in its comment
#     (kernels/neon_encoding_test.go);
#  2. the generator's encoder agrees with the assembler, and the checked-in
#     kernels_arm64.s and kernels_arm64.go are what the generator writes
#     (the tests of kernels/_asm/neon, in the generator module kernels/_asm).
# Installs the assembler when it is missing, and fails, never skips, if it
# still cannot run it.
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

# The test reads kernels_arm64.s (and internal/lanecheck's lanecheck_arm64.s,
# from the same encoder) as text, so it runs on the host: no qemu.
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

# The generator is a module of its own (kernels/_asm, ignored by ./...).
out=$(cd kernels/_asm && go vet ./... && FASTRELU_REQUIRE_AS=1 go test -count=1 -v ./neon 2>&1) || {
	echo "$out"
	echo "check-neon-encodings: FAIL (generator: run go generate ./kernels if the files are stale)" >&2
	exit 1
}
echo "$out" | grep -E '^(--- |ok|PASS|FAIL)|instructions match'
for test in TestAgainstAssembler TestCheckedInFilesAreUpToDate; do
	if ! grep -q "^--- PASS: $test " <<<"$out"; then
		echo "check-neon-encodings: FAIL: $test did not run and pass" >&2
		exit 1
	fi
done
echo "check-neon-encodings: ok"
