//go:build 386 || amd64 || arm64 || ppc64 || ppc64le || s390x

package kernels

// Bits of binary32 values, for the NaN rules of the architectures that
// propagate a NaN operand (nanrule_*.go; riscv64 returns its canonical NaN
// instead, and the others take the CPU's answer).
const (
	bitsAbs   = 0x7fffffff // all but the sign
	bitsInf   = 0x7f800000 // |x| above this: NaN
	bitsQuiet = 0x00400000 // set in a quiet NaN, clear in a signaling one
)
