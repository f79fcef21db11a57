package lanemath

import "math"

// RISC-V's NaN rule (unprivileged ISA, F extension, "NaN Generation and
// Propagation", and the V extension's float operations, which follow it):
// no operand's NaN comes back, every NaN result is the canonical NaN,
// 0x7fc00000 (0x7ff8000000000000 in float64 lanes). The RVV kernels give it,
// and so do Go's own float operations on riscv64, which the references
// compile to.
const canonicalNaNs = true

func pickNaN(nan, signaling []bool) int { panic("lanemath: riscv64 picks no NaN operand") }

var fmaOrder = [3]int{0, 1, 2}

const quietAddendInvalidProduct = false

// outOfRange is FCVT.W.S's (and VFCVT.X.F.V's): saturated, and the
// largest int32 for NaN.
func outOfRange(a float32) int32 {
	if a < 0 {
		return math.MinInt32
	}
	return math.MaxInt32
}
