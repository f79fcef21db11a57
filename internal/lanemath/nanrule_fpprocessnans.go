//go:build !(386 || amd64)

package lanemath

import "math"

// Arm's NaN rule (Arm ARM, FPProcessNaNs and FPProcessNaNs3, with
// FPCR.DN = 0 as Go runs): the first signaling NaN in the instruction's
// operand order, else the first quiet one, quieted. arm64's vector
// instructions follow it; on the architectures without assembly kernels
// the generic path is the only path, and takes it as its own.

func nanOf2(a, b uint32) uint32 {
	switch {
	case isSignaling(a):
		return a | quietBit
	case isSignaling(b):
		return b | quietBit
	case isNaN(a):
		return a
	}
	return b
}

// defaultNaN is what FPDefaultNaN returns for float32.
const defaultNaN = 0x7fc00000

// nanOf3 is FMLA c, a, b (FPMulAdd, addend first) with a NaN operand: a
// quiet NaN c with a*b = 0*Inf is the default NaN (an invalid product
// wins over a quiet addend), else FPProcessNaNs3(c, a, b).
func nanOf3(a, b, c uint32) uint32 {
	fa, fb := float(a), float(b)
	if isNaN(c) && !isSignaling(c) && (isZero(fa) && isInf(fb) || isInf(fa) && isZero(fb)) {
		return defaultNaN
	}
	for _, x := range []uint32{c, a, b} {
		if isSignaling(x) {
			return x | quietBit
		}
	}
	for _, x := range []uint32{c, a, b} {
		if isNaN(x) {
			return x
		}
	}
	panic("lanemath: nanOf3 without a NaN")
}

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
