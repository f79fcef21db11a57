#!/usr/bin/env bash
# rvv-test.sh: the rvv path (kernels/kernels_riscv64.s) under qemu-user,
# built for GORISCV64=rva23u64: V is guaranteed there, and the build tag
# riscv64.rva23u64 selects rvv (qemu-user has no hwprobe, so x/sys/cpu
# never reports V under it).
#   - At each VLEN of RVV_VLENS (default 128 256 1024, the smallest RVA23
#     allows to the largest qemu takes): the short tests of kernels (every
#     row, rvv and generic, and the public functions, at every length and
#     offset, in place and not); at the first, those of fuzz too (the
#     seeds, every row).
#   - At each VLEN of RVV_SWEEP_VLENS (default the first and the last of
#     RVV_VLENS): the strided sweep's digests (FASTRELU_SWEEP_DIGESTS=print).
#     The first runs it on the rows, rvv and generic, together, compared
#     pattern by pattern and against the reference (the public functions
#     run the rvv kernels, which the kernels' tests run through them at
#     every length, offset and VLEN); the others on
#     the rvv path alone, and each of their digests must equal the first
#     run's, case by case. VLEN changes only how long a strip is, which
#     the kernels' tests cover at every VLEN of RVV_VLENS.
# Prints every digest and each part's time.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v go >/dev/null; then export PATH="$PATH:/usr/local/go/bin"; fi
export GOARCH=riscv64 GORISCV64=rva23u64
qemu=$PWD/scripts/qemu-rvv.sh
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"' EXIT INT TERM
read -r -a vlens <<<"${RVV_VLENS:-128 256 1024}"
read -r -a sweepVlens <<<"${RVV_SWEEP_VLENS:-${vlens[0]} ${vlens[-1]}}"

total=$SECONDS
# The generator's own check of the register allocation, at every LMUL.
(cd kernels/_asm && GOARCH= GORISCV64= go test -count=1 ./rvv)

# The generic row and the smooth activations' kernels (Rounded) run no
# vector code: the first VLEN tests them, the others test the rvv and public
# rows alone and leave the Rounded kernels out.
# The fuzz seeds run at the first VLEN: at the others the kernels' tests
# cover every length and offset, and the sweep below every special input.
start=$SECONDS
RVV_VLEN=${vlens[0]} FASTRELU_SWEEP=off FASTRELU_TEST_ROUNDED=on FASTRELU_TEST_ROWS= \
  go test -short -count=1 -exec "$qemu" ./kernels ./fuzz
echo "rvv-test: the short tests of ./kernels ./fuzz at VLEN=${vlens[0]}: $((SECONDS - start))s"
# The other VLENs' tests (./kernels, the rvv and public rows) run beside
# the sweeps below, each an emulated process of its own, in a log printed
# when they end.
(
  for v in "${vlens[@]:1}"; do
    start=$SECONDS
    RVV_VLEN=$v FASTRELU_SWEEP=off FASTRELU_TEST_ROUNDED=off FASTRELU_TEST_ROWS='^(rvv|public)$' \
      go test -short -count=1 -exec "$qemu" ./kernels
    echo "rvv-test: the short tests of ./kernels at VLEN=$v: $((SECONDS - start))s"
  done
) >"$tmp/later.log" 2>&1 &
later=$!

# sweep VLEN PATHS REFERENCE: the strided sweep's digests, one "case digest"
# line each, sorted, into $tmp/digests-VLEN.
go test -c -o "$tmp/fuzz.test" ./fuzz
sweep() {
  local log=$tmp/sweep-$1.log
  if ! (cd fuzz && RVV_VLEN=$1 FASTRELU_SWEEP=strided FASTRELU_SWEEP_ROUNDED=off FASTRELU_SWEEP_DIGESTS=print \
    FASTRELU_SWEEP_PATHS="$2" FASTRELU_SWEEP_REFERENCE=$3 \
    "$qemu" "$tmp/fuzz.test" -test.run '^Test(Layer)?Sweep$' -test.v -test.timeout 30m) >"$log" 2>&1; then
    cat "$log"
    echo "rvv-test: FAIL: the strided sweep at VLEN=$1" >&2
    exit 1
  fi
  sed -n 's/^[[:space:]]*\([^[:space:]]*\)[[:space:]].*; digest \([0-9a-f]\{64\}\),.*/\1 \2/p' "$log" | sort >"$tmp/digests-$1"
  if [ ! -s "$tmp/digests-$1" ]; then
    cat "$log"
    echo "rvv-test: FAIL: no digests in the sweep's output at VLEN=$1" >&2
    exit 1
  fi
}
first=${sweepVlens[0]}
start=$SECONDS
sweep "$first" '^(rvv|generic)$' 1
echo "rvv-test: the strided sweep at VLEN=$first, paths rvv and generic, against the reference: $((SECONDS - start))s; its digests:"
cat "$tmp/digests-$first"
for v in "${sweepVlens[@]:1}"; do
  start=$SECONDS
  sweep "$v" '^rvv$' 0
  if ! diff -u "$tmp/digests-$first" "$tmp/digests-$v"; then
    echo "rvv-test: FAIL: the rvv path's digests at VLEN=$v differ from VLEN=$first's" >&2
    exit 1
  fi
  echo "rvv-test: the strided sweep at VLEN=$v, rvv path: $(wc -l <"$tmp/digests-$v") digests equal VLEN=$first's: $((SECONDS - start))s"
done
if ! wait "$later"; then
  cat "$tmp/later.log"
  echo "rvv-test: FAIL: the short tests at VLEN ${vlens[*]:1}" >&2
  exit 1
fi
cat "$tmp/later.log"
echo "rvv-test: ok: tests at VLEN ${vlens[*]}, sweep digests at ${sweepVlens[*]}: $((SECONDS - total))s"
