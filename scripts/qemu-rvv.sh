#!/bin/sh
# Runs a riscv64 binary under qemu-user with the V extension at the vector
# length RVV_VLEN (bits; 128 unless set), for
#   GOARCH=riscv64 GORISCV64=rva23u64 go test -exec scripts/qemu-rvv.sh
# The tests' child processes run under the same emulator and flags
# (kerneltest.EmulatorEnv): plain qemu-riscv64 lacks V, and a binary built
# for RVA23 stops at its first vector instruction there.
cpu="rv64,v=true,vext_spec=v1.0,vlen=${RVV_VLEN:-128}"
FASTRELU_TEST_EMULATOR="qemu-riscv64 -cpu $cpu"
export FASTRELU_TEST_EMULATOR
exec qemu-riscv64 -cpu "$cpu" "$@"
