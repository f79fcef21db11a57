//go:build 386 || amd64

package lanemath

// x86's NaN rule (Intel SDM vol. 1, 4.8.3.5, table 4-7): the first NaN
// operand in the instruction's order, signaling or not, quieted. The
// kernels and the generic path take the operands in the order of
// kernel.Arith's documentation.

func nanOf2(a, b uint32) uint32 {
	if isNaN(a) {
		return a | quietBit
	}
	return b | quietBit
}

// nanOf3 is VFMADD231PS c, a, b with a NaN operand: the multiplicand's
// NaN (a), else the multiplier's (b), else the addend's (c), quieted, also
// when a*b = 0*Inf (Intel SDM vol. 1, table 14-17, "FMA Numeric
// Behavior"; Zen 5 gives the same, internal/lanecheck).
func nanOf3(a, b, c uint32) uint32 {
	for _, x := range []uint32{a, b, c} {
		if isNaN(x) {
			return x | quietBit
		}
	}
	panic("lanemath: nanOf3 without a NaN")
}

// outOfRange is CVTPS2DQ's integer indefinite, for NaN and every value
// out of range.
func outOfRange(a float32) int32 { return -1 << 31 }
