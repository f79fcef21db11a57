//go:build 386 || amd64

package lanemath

// x86's NaN rule (Intel SDM vol. 1, 4.8.3.5, table 4-7): the first NaN
// operand in the instruction's order, signaling or not, quieted. The
// kernels and the generic path take the operands in the order of
// kernel.Arith's documentation.
func pickNaN(nan, signaling []bool) int {
	for i, n := range nan {
		if n {
			return i
		}
	}
	panic("lanemath: no NaN operand")
}

// fmaOrder is VFMADD231PS c, a, b's (and VFMADD231PD's) order of a, b, c
// (indices) for the NaN rule: the multiplicand, the multiplier, the addend
// (Intel SDM vol. 1, table 14-17, "FMA Numeric Behavior"), also when a*b =
// 0*Inf; Zen 5 gives the same (internal/lanecheck).
var fmaOrder = [3]int{0, 1, 2}

// quietAddendInvalidProduct: x86 has no exception to the NaN rule in FMA.
const quietAddendInvalidProduct = false

// outOfRange is CVTPS2DQ's integer indefinite, for NaN and every value
// out of range.
func outOfRange(a float32) int32 { return -1 << 31 }

// canonicalNaNs: the rule above picks an operand's NaN.
const canonicalNaNs = false
