#!/usr/bin/env bash
# Runs the library's short tests (kernels, the fuzz seeds, internal) on the
# GOARCH values that CI has no machine for: 386, natively where the kernel
# runs 32-bit x86 binaries and under qemu-i386 elsewhere, and riscv64,
# ppc64le and s390x (big-endian) under qemu-user. All of them run the generic
# path; each has its own NaN rule (kernels/nanrule_*.go) and 386 its 32-bit
# addresses. Extra arguments go to every go test, e.g. -count=1. On riscv64
# only the internal packages run by default: scripts/rvv-test.sh runs
# ./kernels and ./fuzz there (CROSS_RISCV64_ALL=1 runs them here too). The
# 16-bit storage types (kernels/bf16, kernels/f16) run on s390x, the
# big-endian one, and 386, not on ppc64le or riscv64 (CROSS_HALF=all: there
# too).
#
# go vet runs in CI's own steps, not again per GOARCH here.
# FASTRELU_SWEEP is off: even the strided 2^32 sweep takes minutes per
# GOARCH under qemu, and the sweeps run natively on amd64 and under qemu on
# arm64 in CI's other steps. Set FASTRELU_SWEEP to override.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v go >/dev/null; then export PATH="$PATH:/usr/local/go/bin"; fi
pkgs=(./kernels ./kernels/bf16 ./kernels/f16 ./fuzz ./internal/...)
export FASTRELU_SWEEP=${FASTRELU_SWEEP:-off}
echo "FASTRELU_SWEEP=$FASTRELU_SWEEP"

need=()
for q in qemu-i386 qemu-riscv64 qemu-ppc64le qemu-s390x; do
  command -v "$q" >/dev/null || need=(qemu-user)
done
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# Whether this kernel executes 32-bit x86 binaries (not where it is built
# without IA32 emulation, as in some VMs).
native386() {
  local dir ok=1
  dir=$(mktemp -d)
  printf 'package main\n\nfunc main() {}\n' >"$dir/main.go"
  GOOS=linux GOARCH=386 go build -o "$dir/probe" "$dir/main.go" && "$dir/probe" 2>/dev/null && ok=0
  rm -rf "$dir"
  return $ok
}

total=$SECONDS
# 386 is left out for now: its math.FMA is software, and the smooth
# activations' generic kernels (internal/rounded) take tens of minutes under
# qemu-i386. It is vetted and built in CI's other steps.
for arch in ${CROSS_ARCHS:-riscv64 ppc64le s390x}; do
  start=$SECONDS
  run=()
  case $arch in
    386)
      if native386; then
        echo "=== GOARCH=386, natively"
      else
        # Under qemu-i386 the Go 386 runtime survives no signal: asynchronous
        # preemption (SIGURG) is turned off, and the tests that start
        # processes (whose exit sends SIGCHLD) skip themselves or, for
        # TestNEONEncodings, are skipped here.
        echo "=== GOARCH=386 under qemu-i386: this kernel does not run 32-bit binaries; child-process tests skip"
        run=(-exec "env GODEBUG=asyncpreemptoff=1 qemu-i386" -skip '^TestNEONEncodings$')
      fi
      ;;
    *)
      echo "=== GOARCH=$arch under qemu-$arch"
      run=(-exec "qemu-$arch")
      ;;
  esac
  only=("${pkgs[@]}")
  # The 16-bit types' conversions are integer Go here: s390x runs them
  # big-endian (and 386 with its 32-bit addresses); on ppc64le and riscv64,
  # little-endian, they are the code that amd64's generic path and arm64
  # under qemu test (CROSS_HALF=all: here too).
  half=(./kernels/bf16 ./kernels/f16)
  if [[ ${CROSS_HALF:-} != all && ($arch == ppc64le || $arch == riscv64) ]]; then
    half=()
    only=(./kernels ./fuzz ./internal/...)
  fi
  if [[ $arch == riscv64 && -z ${CROSS_RISCV64_ALL:-} ]]; then
    # scripts/rvv-test.sh runs ./kernels and ./fuzz on riscv64 (the generic
    # row, the NaN rule and the public functions among them), in CI too:
    # here the rest. CROSS_RISCV64_ALL=1 runs them here as well.
    only=(./internal/... "${half[@]}")
    echo "(./kernels and ./fuzz: scripts/rvv-test.sh)"
  fi
  # The smooth activations' kernels (the generic Go kernel over
  # internal/rounded on these GOARCHes) run in ./kernels on s390x, the
  # big-endian one; on ppc64le their package's tests and the fuzz seeds
  # run them (CROSS_ROUNDED=all: in ./kernels too).
  rounded=
  if [[ $arch == ppc64le && ${CROSS_ROUNDED:-} != all ]]; then
    rounded=off
  fi
  FASTRELU_TEST_ROUNDED=$rounded GOOS=linux GOARCH=$arch go test -short -vet=off "${run[@]}" "$@" "${only[@]}"
  echo "GOARCH=$arch: $((SECONDS - start))s"
done
echo "cross-test: $((SECONDS - total))s in all"
