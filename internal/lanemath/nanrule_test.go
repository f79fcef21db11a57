package lanemath

import (
	"math"
	"runtime"
	"testing"
)

// The NaN rules as the manuals give them, written here on their own: for
// each pair (Sub32, Div32) and triple (FMA32) of NaNs and numbers, which
// operand's NaN comes back (none on riscv64: the canonical NaN).
func TestNaNRules(t *testing.T) {
	x86 := runtime.GOARCH == "386" || runtime.GOARCH == "amd64"
	riscv := runtime.GOARCH == "riscv64"
	vals := []uint32{0x7fc00000, 0xffc0beef, 0x7f800001, 0xffa00000, 0x3f800000, 0, 0x7f800000}
	nan := func(b uint32) bool { return b&0x7fffffff > 0x7f800000 }
	quiet := func(b uint32) uint32 { return b | 0x00400000 }
	// first returns the NaN the architecture picks among ops, in order.
	first := func(ops ...uint32) uint32 {
		if riscv {
			return 0x7fc00000
		}
		if !x86 {
			for _, b := range ops {
				if nan(b) && b&0x00400000 == 0 {
					return quiet(b)
				}
			}
		}
		for _, b := range ops {
			if nan(b) {
				return quiet(b)
			}
		}
		panic("no NaN")
	}
	f := math.Float32frombits
	for _, a := range vals {
		for _, b := range vals {
			if nan(a) || nan(b) {
				if got := math.Float32bits(Sub32(f(a), f(b))); got != first(a, b) {
					t.Errorf("Sub32(%#08x, %#08x) = %#08x, want %#08x", a, b, got, first(a, b))
				}
				if got := math.Float32bits(Div32(f(a), f(b))); got != first(a, b) {
					t.Errorf("Div32(%#08x, %#08x) = %#08x, want %#08x", a, b, got, first(a, b))
				}
			}
			for _, c := range vals {
				if !nan(a) && !nan(b) && !nan(c) {
					continue
				}
				var want uint32
				switch {
				case x86 || riscv:
					want = first(a, b, c)
				case c&0x00400000 != 0 && nan(c) && (a&0x7fffffff == 0 && b&0x7fffffff == 0x7f800000 ||
					b&0x7fffffff == 0 && a&0x7fffffff == 0x7f800000):
					want = 0x7fc00000
				default:
					want = first(c, a, b)
				}
				if got := math.Float32bits(FMA32(f(a), f(b), f(c))); got != want {
					t.Errorf("FMA32(%#08x, %#08x, %#08x) = %#08x, want %#08x", a, b, c, got, want)
				}
			}
		}
	}
}

// TestNaNRules64 is TestNaNRules' two-NaN cases for float64 lanes.
func TestNaNRules64(t *testing.T) {
	x86 := runtime.GOARCH == "386" || runtime.GOARCH == "amd64"
	f := math.Float64frombits
	const q, s = 0x7ff8000000000abc, 0xfff0000000000def // quiet, signaling
	riscv := runtime.GOARCH == "riscv64"
	want := uint64(q)
	switch {
	case riscv:
		want = 0x7ff8000000000000
	case !x86:
		want = s | 1<<51
	}
	if got := math.Float64bits(Sub64(f(q), f(s))); got != want {
		t.Errorf("Sub64(quiet, signaling) = %#016x, want %#016x", got, want)
	}
	if got := math.Float64bits(Div64(f(q), f(s))); got != want {
		t.Errorf("Div64(quiet, signaling) = %#016x, want %#016x", got, want)
	}
	// FMA64(a quiet, b signaling, c quiet): x86 a's; Arm the signaling b.
	if got := math.Float64bits(FMA64(f(q), f(s), f(q^1))); got != want {
		t.Errorf("FMA64(quiet, signaling, quiet) = %#016x, want %#016x", got, want)
	}
	// FMA64(0, Inf, c quiet): x86 c's; Arm the default NaN.
	want = q
	if !x86 {
		want = 0x7ff8000000000000 // riscv64's canonical NaN too
	}
	if got := math.Float64bits(FMA64(0, math.Inf(1), f(q))); got != want {
		t.Errorf("FMA64(0, Inf, quiet) = %#016x, want %#016x", got, want)
	}
}
