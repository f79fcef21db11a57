#!/bin/sh
# check-generated.sh: regenerates the generated files (go generate in
# kernels/: the amd64, arm64 and riscv64 assembly, their Go stubs and the Go glue,
# from the generator module kernels/_asm, internal/lanecheck's kernels, and
# the 16-bit packages' tables of ties from internal/halftest/ties, and package
# f64's Go, from the descriptions and kernels' own files widened)
# in a temporary copy of the repository and fails if the committed ones
# differ, or if generating twice does not give the same output. CI runs it.
# Needs the Go module proxy (or a module cache holding avo) for the
# generator's own module.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# The generated files, relative to the repository root.
files="kernels/kernels_amd64.s kernels/kernels_amd64.go kernels/kernels_arm64.s kernels/kernels_arm64.go
kernels/kernels_riscv64.s kernels/kernels_riscv64.go kernels/table_riscv64.go
kernels/functions.go kernels/parallel_methods.go kernels/jobs.go kernels/table.go kernels/table_amd64.go
kernels/table_arm64.go kernels/kernels_generic.go kernels/generic_kernels.go kernels/parallel_calls_test.go
kernels/stream_calls_amd64_test.go kernels/entry_calls_test.go fuzz/targets_test.go kernels/activations.go internal/impl/kernels.go
internal/kerneltest/kernels.go
internal/lanecheck/lanecheck_amd64.s internal/lanecheck/lanecheck_amd64.go internal/lanecheck/lanecheck_arm64.s
internal/lanecheck/lanecheck_arm64.go internal/lanecheck/generic_checks.go internal/lanecheck/table_amd64.go
internal/lanecheck/table_arm64.go
kernels/kernels_rounded.go kernels/kernels_checked_amd64.go kernels/kernels_checked_other.go
kernels/bf16/functions.go kernels/f16/functions.go kernels/bf16/functions_calls_test.go kernels/f16/functions_calls_test.go
kernels/bf16/ties.go kernels/f16/ties.go kernels/bf16/convert_amd64.s kernels/bf16/convert_amd64.go kernels/f16/convert_amd64.s kernels/f16/convert_amd64.go
kernels/bf16/convert_arm64.s kernels/bf16/convert_arm64.go kernels/f16/convert_arm64.s kernels/f16/convert_arm64.go
kernels/bf16/kernels_amd64.s kernels/bf16/kernels_amd64.go kernels/f16/kernels_amd64.s kernels/f16/kernels_amd64.go
kernels/bf16/fused_amd64.go kernels/bf16/fused_other.go kernels/f16/fused_amd64.go kernels/f16/fused_other.go
kernels/f64/functions.go kernels/f64/parallel_methods.go kernels/f64/jobs.go kernels/f64/generic_kernels.go kernels/f64/kernels_generic.go
kernels/f64/activations.go kernels/f64/kernels_test.go kernels/f64/activation.go kernels/f64/check.go kernels/f64/chunk.go
kernels/f64/layer_check.go kernels/f64/matrix.go kernels/f64/norace.go kernels/f64/parallel.go kernels/f64/race.go
kernels/f64/kernels_amd64.s kernels/f64/kernels_amd64.go kernels/f64/kernels_arm64.s kernels/f64/kernels_arm64.go kernels/f64/kernels_rounded.go
kernels/f64/kernels_checked_amd64.go kernels/f64/kernels_checked_other.go"

# A copy of the working tree (not .git), so that the check never touches it.
(cd "$root" && tar --exclude=./.git -cf - .) | (cd "$tmp" && tar -xf -)

status=0
for pass in 1 2; do
	(cd "$tmp/kernels" && go generate ./...)
	for f in $files; do
		if ! cmp -s "$root/$f" "$tmp/$f"; then
			echo "check-generated: $f differs from what go generate writes (pass $pass):" >&2
			diff -u "$root/$f" "$tmp/$f" | head -40 >&2 || true
			status=1
		fi
	done
done
if [ "$status" -ne 0 ]; then
	echo "check-generated: FAIL: run 'cd kernels && go generate ./...' and commit the result" >&2
	exit 1
fi
echo "check-generated: ok ($files match their generator)"
