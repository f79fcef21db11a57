package kernels

import (
	"math"
	"runtime"
)

// An independent reference for the contract, written on bits rather than on
// float comparisons, so that it shares no code and no idea with the generic
// path beyond the contract itself.

const (
	signBit = 0x80000000
	expMask = 0x7f800000
	absMask = 0x7fffffff
	quiet   = 0x00400000
)

func isNaNBits(b uint32) bool { return b&absMask > expMask }

// nanOut is the NaN an arithmetic operation gives for the NaN operand b
// that it propagates: b quieted, sign and payload kept, as IEEE 754
// recommends and x86, Arm, Power and z do. RISC-V propagates no NaN: every
// NaN result is the canonical NaN 0x7fc00000 (unprivileged ISA, F
// extension, NaN generation and propagation).
func nanOut(b uint32) uint32 {
	if runtime.GOARCH == "riscv64" {
		return 0x7fc00000
	}
	return b | quiet
}

// refM is m(x) = (x <= 0), ordered: true for -0, +0 and every negative
// number including -Inf, false for NaN.
func refM(b uint32) bool {
	if isNaNBits(b) {
		return false
	}
	return b == 0 || b&signBit != 0
}

// refMul is alpha*v as one binary32 multiplication. The product of two
// binary32 values is exact in float64 (48 significand bits, and exponents far
// inside float64's range, subnormals included), so converting it to float32
// rounds exactly once. It returns the result and an alternative that the
// contract also accepts (equal to the result except when both operands are
// NaN, where either may come out, as nanOut gives it).
func refMul(alpha float32, v uint32) (want, alt uint32) {
	a := math.Float32bits(alpha)
	switch {
	case isNaNBits(a) && isNaNBits(v):
		return nanOut(a), nanOut(v)
	case isNaNBits(a):
		return nanOut(a), nanOut(a)
	case isNaNBits(v):
		return nanOut(v), nanOut(v)
	}
	p := math.Float32bits(float32(float64(alpha) * float64(math.Float32frombits(v))))
	return p, p
}

// refElement is the contract for one element. v is the value that passes
// through or gets scaled (src for the forward kernels, grad for the
// gradients) and x the value tested by m. leaky false means ReLU.
func refElement(leaky bool, v, x uint32, alpha float32) (want, alt uint32) {
	switch {
	case !refM(x):
		return v, v
	case !leaky:
		return 0, 0
	default:
		return refMul(alpha, v)
	}
}

// refKernel is the reference for one element of a kernel made of the
// activation named act: refElement for ReLU and LeakyReLU, whose contract
// this file writes out on bits, and for every other activation the
// contract its description states in plain Go (kerneltest's Ref), which
// shares nothing with the lane operations either.
func refKernel(act string, ref func(v, x, alpha float32) float32, v, x uint32, alpha float32) (want, alt uint32) {
	switch act {
	case "ReLU":
		return refElement(false, v, x, alpha)
	case "LeakyReLU":
		return refElement(true, v, x, alpha)
	}
	r := math.Float32bits(ref(math.Float32frombits(v), math.Float32frombits(x), alpha))
	return r, r
}
