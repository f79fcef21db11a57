#!/usr/bin/env bash
# avx512-emu.sh: run the kernels tests on the avx512 path, and the sweeps on
# every exponent-0 and exponent-255 pattern plus a stride, inside an emulated
# Skylake-X CPU (Bochs, AVX512F/CD/BW/DQ/VL), so that the AVX-512 assembly is
# executed, not just assembled, on any x86-64 Linux machine (Debian/Ubuntu,
# root or sudo-less apt), with or without AVX-512.
#
# usage:  scripts/avx512-emu.sh            (from anywhere inside the repository)
# env:    WORK     scratch and cache directory   (default /tmp/fastrelu-avx512-emu)
#         TIMEOUT  wall-clock limit of the emulation in seconds (default 1800)
#         GO       the go command                 (default: go in PATH, else /usr/local/go/bin/go)
#         KAPPEND  extra kernel arguments, e.g. "loglevel=7" to see the boot when debugging
# exit:   0  the tests passed in the guest, on the avx512 path;
#         1  a test failed in the guest;
#         2  the emulation broke, or did not run what it must (no avx512f in
#            the guest, Implementation() != "avx512", no avx512 subtest run).
#
# How: Debian's stock amd64 kernel boots from an isolinux ISO in Bochs 2.7
# (Debian 12's bochs package) with an initramfs whose /init is a small static
# Go program: it mounts /proc, /sys, /dev, /tmp, prints the CPU flags, runs
# the static test binaries of kernels (FASTRELU_ISA=avx512, -test.short) and
# fuzz (the sweeps, FASTRELU_SWEEP=specials: every pattern with exponent 0 or
# 255, and every 126883rd, the avx512 path against the avx2 path, which the
# native sweep proves against the reference), prints a verdict per run on the
# serial console and quits Bochs. The guest runs about 80 times slower than
# this machine, so only the short tests run.
#
# Workarounds this Bochs build needs (each one found by a failed boot):
#   - clearcpuid=xsavec,xsaves: Bochs reports a wrong compacted XSAVE size,
#     Linux then disables XSAVE, and AVX and AVX-512 with it;
#     pku,fsrm,arch_perfmon: other boot failures of the Bochs CPU models;
#   - Debian's Bochs has no "nogui" display: "rfb" with timeout=0 never waits;
#   - Bochs' debugger is compiled in: a command file with "c" continues;
#   - /init quits Bochs through its shutdown port 0x8900 ("Shutdown").
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${WORK:-/tmp/fastrelu-avx512-emu}
TIMEOUT=${TIMEOUT:-1800}
GO=${GO:-$(command -v go || echo /usr/local/go/bin/go)}
CPU_MODEL=corei7_skylake_x
# Bochs runs about 80 times slower than this machine: the guest runs the
# tests that exercise the assembly, not those about parsing, panics, child
# processes, the NEON encodings or the parallel runner's scheduling.
TESTARGS="-test.short -test.v -test.timeout=25m -test.skip=^(TestParseActivation|TestActivation|TestPanics|TestNoPanic|TestLayerPanics|TestLayerNoPanic|TestNEON|TestEnvironmentVariable|TestTuningEnvironment|TestRaceDetector|TestParallel|TestSelectImplementation|TestOverlapAtTop|TestREADME|TestExampleCoverage|Example)"
# The avx512 row and the public functions (on avx512 here): the other rows
# run natively.
TESTENV="FASTRELU_ISA=avx512 FASTRELU_REQUIRE_IMPL=avx512 FASTRELU_TEST_ROWS=^(avx512|public)$"
# The sweeps in the guest: what they cover is printed by the test itself.
SWEEPARGS="-test.v -test.timeout=25m -test.run=^Test(Layer)?Sweep$"
HALFARGS="-test.short -test.v -test.timeout=10m -test.run=^(TestPaths|TestSkip)$/^avx512$"
HALFENV="FASTRELU_ISA=avx512"
F64ARGS="-test.short -test.v -test.timeout=10m -test.run=^(TestElementwise|TestLayers|TestBounds|TestLayerBounds|TestNaNRule|TestMatrix)$/^avx512$"
F64ENV="FASTRELU_ISA=avx512"
SWEEPENV="FASTRELU_ISA=avx512 FASTRELU_SWEEP=specials FASTRELU_SWEEP_ROUNDED=off FASTRELU_SWEEP_REFERENCE=0 FASTRELU_SWEEP_PATHS=^(avx512|avx2)$"
mkdir -p "$WORK"
t_start=$(date +%s)
say() { echo "avx512-emu: $*"; }
die() { echo "avx512-emu: FAIL: $*" >&2; exit 2; }

# ---- 1. Debian packages and the kernel ------------------------------------
PKGS="bochs bochs-term bochsbios vgabios isolinux syslinux-common xorriso cpio"
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
if ! dpkg -s $PKGS >/dev/null 2>&1 || [ ! -s "$WORK/vmlinuz" ]; then
  say "apt-get update"
  $SUDO apt-get update -qq
fi
if ! dpkg -s $PKGS >/dev/null 2>&1; then
  say "installing $PKGS"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $PKGS >/dev/null
fi
if [ ! -s "$WORK/vmlinuz" ]; then
  # Only the bzImage of Debian's current stock kernel package, not installed.
  kpkg=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')
  [ -n "$kpkg" ] || die "cannot find the package behind linux-image-amd64"
  say "downloading $kpkg"
  rm -rf "$WORK/deb" && mkdir -p "$WORK/deb"
  (cd "$WORK/deb" && apt-get download -q "$kpkg" >/dev/null 2>&1) || die "apt-get download $kpkg failed"
  dpkg-deb --fsys-tarfile "$WORK"/deb/*.deb | tar -xO --wildcards './boot/vmlinuz-*' > "$WORK/vmlinuz.tmp"
  mv "$WORK/vmlinuz.tmp" "$WORK/vmlinuz"
  rm -rf "$WORK/deb"
fi

# ---- 2. /init: a static Go program --------------------------------------------
rm -rf "$WORK/init" "$WORK/rootfs" "$WORK/iso"
mkdir -p "$WORK/init" "$WORK/rootfs"/{dev,proc,sys,tmp} "$WORK/iso/isolinux"
cat > "$WORK/init/go.mod" <<'EOF'
module emuinit

go 1.21
EOF
cat > "$WORK/init/main.go" <<'EOF'
// Command init is PID 1 of the emulated guest: it runs each line of
// /testruns (binary, environment and arguments, separated by tabs) and
// reports on the serial console, then quits the emulator.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

func main() {
	_ = syscall.Mount("devtmpfs", "/dev", "devtmpfs", 0, "")
	if con, err := os.OpenFile("/dev/console", os.O_RDWR, 0); err == nil {
		for fd := 0; fd <= 2; fd++ {
			_ = syscall.Dup3(int(con.Fd()), fd, 0)
		}
	}
	_ = syscall.Mount("proc", "/proc", "proc", 0, "")
	_ = syscall.Mount("sysfs", "/sys", "sysfs", 0, "")
	_ = syscall.Mount("tmpfs", "/tmp", "tmpfs", 0, "")
	os.Setenv("HOME", "/tmp")
	os.Setenv("TMPDIR", "/tmp")
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "model name") || strings.HasPrefix(l, "flags") {
				fmt.Println("EMU-CPU", strings.Join(strings.Fields(l), " "))
				if strings.HasPrefix(l, "flags") {
					break
				}
			}
		}
	}
	runs, _ := os.ReadFile("/testruns")
	for _, line := range strings.Split(strings.TrimSpace(string(runs)), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			fmt.Printf("EMU-RESULT exit=-1 err=malformed /testruns line %q\n", line)
			continue
		}
		fmt.Printf("EMU-RUN %s %s (%s)\n", f[0], f[2], f[1])
		t0 := time.Now()
		cmd := exec.Command(f[0], strings.Fields(f[2])...)
		cmd.Env = append(os.Environ(), strings.Fields(f[1])...)
		cmd.Dir, cmd.Stdout, cmd.Stderr = "/tmp", os.Stdout, os.Stderr
		err := cmd.Run()
		code := 0
		if err != nil {
			code = -1
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			}
		}
		fmt.Printf("EMU-RESULT %s exit=%d guest_time=%s err=%v\n", f[0], code, time.Since(t0).Round(time.Millisecond), err)
	}
	fmt.Println("EMU-DONE")
	syscall.Sync()
	time.Sleep(300 * time.Millisecond) // let the UART drain
	if port, err := os.OpenFile("/dev/port", os.O_WRONLY, 0); err == nil {
		for _, c := range []byte("Shutdown") { // Bochs quits at once
			_, _ = port.WriteAt([]byte{c}, 0x8900)
		}
		port.Close()
	}
	_ = syscall.Reboot(syscall.LINUX_REBOOT_CMD_POWER_OFF)
	select {}
}
EOF
(cd "$WORK/init" && CGO_ENABLED=0 GOOS=linux GOARCH=amd64 GOFLAGS= "$GO" build -trimpath -ldflags='-s -w' -o "$WORK/rootfs/init" .)

# ---- 3. the test binary and the initramfs --------------------------------------
say "building the kernels and fuzz test binaries (static)"
(cd "$ROOT" && CGO_ENABLED=0 GOOS=linux GOARCH=amd64 "$GO" test -c -o "$WORK/rootfs/kernels.test" ./kernels)
(cd "$ROOT" && CGO_ENABLED=0 GOOS=linux GOARCH=amd64 "$GO" test -c -o "$WORK/rootfs/fuzz.test" ./fuzz)
# bfloat16's conversions: their avx512 path's subtests. Not float16's:
# Bochs 2.7's EVEX VCVTPS2PH rounds ties away from zero with the immediate
# 0 (round to nearest even), which Zen 5 hardware does not (all 2^32 inputs
# checked there), so the guest would only test the emulator.
(cd "$ROOT" && CGO_ENABLED=0 GOOS=linux GOARCH=amd64 "$GO" test -c -o "$WORK/rootfs/bf16.test" ./kernels/bf16)
# Package f64's avx512 kernels: their subtests.
(cd "$ROOT" && CGO_ENABLED=0 GOOS=linux GOARCH=amd64 "$GO" test -c -o "$WORK/rootfs/f64.test" ./kernels/f64)
printf '%s\t%s\t%s\n' /bf16.test "$HALFENV" "$HALFARGS" /f64.test "$F64ENV" "$F64ARGS" \
  /kernels.test "$TESTENV" "$TESTARGS" /fuzz.test "$SWEEPENV" "$SWEEPARGS" > "$WORK/rootfs/testruns"
(cd "$WORK/rootfs" && find . | cpio -o -H newc -R 0:0 --quiet) | gzip -1 > "$WORK/iso/isolinux/initrd.img"

# ---- 4. a bootable ISO: isolinux, serial console --------------------------------
cp "$WORK/vmlinuz" "$WORK/iso/isolinux/vmlinuz"
cp /usr/lib/ISOLINUX/isolinux.bin /usr/lib/syslinux/modules/bios/ldlinux.c32 "$WORK/iso/isolinux/"
cat > "$WORK/iso/isolinux/isolinux.cfg" <<EOF
SERIAL 0 115200
DEFAULT linux
PROMPT 0
TIMEOUT 0
LABEL linux
  KERNEL /isolinux/vmlinuz
  APPEND initrd=/isolinux/initrd.img console=ttyS0,115200 quiet mitigations=off clearcpuid=xsavec,xsaves,pku,fsrm,arch_perfmon ${KAPPEND:-}
EOF
xorriso -as mkisofs -quiet -o "$WORK/boot.iso" -b isolinux/isolinux.bin -c isolinux/boot.cat \
  -no-emul-boot -boot-load-size 4 -boot-info-table "$WORK/iso" 2>/dev/null

# ---- 5. Bochs --------------------------------------------------------------------
cat > "$WORK/bochsrc" <<EOF
megs: 512
cpu: model=$CPU_MODEL, count=1, ips=200000000, reset_on_triple_fault=0
romimage: file=/usr/share/bochs/BIOS-bochs-latest
vgaromimage: file=/usr/share/vgabios/vgabios.bin
ata0: enabled=1, ioaddr1=0x1f0, ioaddr2=0x3f0, irq=14
ata0-master: type=cdrom, path=$WORK/boot.iso, status=inserted
boot: cdrom
com1: enabled=1, mode=file, dev=$WORK/serial.out
display_library: rfb, options="timeout=0"
clock: sync=none, time0=local
log: $WORK/bochs.log
panic: action=fatal
error: action=ignore
info: action=ignore
debug: action=ignore
EOF
echo c > "$WORK/bochs.cmds"
rm -f "$WORK/serial.out" "$WORK/bochs.log" && : > "$WORK/serial.out"
say "booting Bochs ($CPU_MODEL); the guest runs the tests (several minutes)"
t0=$(date +%s)
(cd "$WORK" && exec bochs -q -f "$WORK/bochsrc" -rc "$WORK/bochs.cmds" </dev/null >"$WORK/bochs.stdout" 2>&1) &
bpid=$!
while kill -0 "$bpid" 2>/dev/null; do
  if grep -q 'EMU-DONE' "$WORK/serial.out"; then sleep 3; break; fi
  if grep -q 'Kernel panic' "$WORK/serial.out"; then sleep 1; break; fi
  if [ $(( $(date +%s) - t0 )) -ge "$TIMEOUT" ]; then echo "avx512-emu: timeout after ${TIMEOUT}s" >&2; break; fi
  sleep 2
done
kill "$bpid" 2>/dev/null || true
wait "$bpid" 2>/dev/null || true
tr -d '\r' < "$WORK/serial.out" > "$WORK/guest.log"
say "Bochs ran $(( $(date +%s) - t0 ))s; guest output in $WORK/guest.log"

# ---- 6. the verdict ----------------------------------------------------------------
grep -E '^EMU-|^(--- FAIL|FAIL|ok|PASS)|fastrelu: Implementation|^panic|set, [0-9]+ patterns|^ +[A-Za-z]+(_[^ ]*)? +[0-9.]+m?s +the paths' "$WORK/guest.log" || true
passes=$(grep -cE -- '--- PASS: [^ ]+/avx512( |/)' "$WORK/guest.log" || true)
say "$passes avx512 subtests passed in the guest; total wall time $(( $(date +%s) - t_start ))s"
if ! grep -q 'EMU-DONE' "$WORK/guest.log"; then
  tail -n 30 "$WORK/guest.log" >&2
  die "no result from the guest (the emulation broke): see $WORK/guest.log, $WORK/bochs.log"
fi
grep -qE '^EMU-CPU flags.* avx512f( |$)' "$WORK/guest.log" ||
  die "the guest kernel does not report avx512f (XSAVE disabled?)"
if [ "$(grep -c 'EMU-RESULT .* exit=0 ' "$WORK/guest.log")" != 4 ]; then
  echo "avx512-emu: FAIL: tests failed in the guest" >&2
  exit 1
fi
grep -q 'fastrelu: Implementation()=avx512 ' "$WORK/guest.log" ||
  die "kernels.Implementation() is not avx512 in the guest"
if grep -qE -- '--- SKIP: [^ ]+/avx512( |$)' "$WORK/guest.log"; then
  die "avx512 subtests were skipped in the guest"
fi
[ "$passes" -gt 0 ] || die "no avx512 subtest ran in the guest"
sweeps=$(grep -cE -- '--- PASS: Test(Layer)?Sweep/specials/' "$WORK/guest.log" || true)
grep -qE 'specials set, [0-9]+ patterns, 2 paths \(avx512, avx2\)' "$WORK/guest.log" ||
  die "the sweeps did not run avx512 against avx2 on the specials set in the guest"
say "$sweeps sweep cases passed in the guest (avx512 against avx2, specials set)"
say "PASS"
