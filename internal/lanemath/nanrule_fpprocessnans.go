//go:build !(386 || amd64 || riscv64)

package lanemath

import "math"

// Arm's NaN rule (Arm ARM, FPProcessNaNs and FPProcessNaNs3, with
// FPCR.DN = 0 as Go runs): the first signaling NaN in the instruction's
// operand order, else the first quiet one, quieted. arm64's vector
// instructions follow it; on the architectures without assembly kernels
// the generic path is the only path, and takes it as its own.
func pickNaN(nan, signaling []bool) int {
	for i, s := range signaling {
		if s {
			return i
		}
	}
	for i, n := range nan {
		if n {
			return i
		}
	}
	panic("lanemath: no NaN operand")
}

// fmaOrder is FMLA c, a, b's order of a, b, c (indices) for the NaN rule:
// FPMulAdd processes the addend first.
var fmaOrder = [3]int{2, 0, 1}

// quietAddendInvalidProduct: in FPMulAdd a quiet NaN addend with a*b =
// 0*Inf gives the default NaN, not the addend.
const quietAddendInvalidProduct = true

// outOfRange is FCVTNS's: saturated, and 0 for NaN.
func outOfRange(a float32) int32 {
	switch {
	case a != a:
		return 0
	case a < 0:
		return math.MinInt32
	}
	return math.MaxInt32
}

// canonicalNaNs: the rule above picks an operand's NaN.
const canonicalNaNs = false
