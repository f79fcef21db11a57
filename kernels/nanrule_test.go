package kernels

import (
	"math"
	"runtime"
	"testing"

	"github.com/fastrelu/fastrelu/internal/impl"
	"github.com/fastrelu/fastrelu/internal/kerneltest"
	"github.com/stretchr/testify/require"
)

// archNaNProduct is the product alpha*v, both NaN (bits a and v), that every
// path must give on this architecture, written from the manuals on its own
// (not nanAlphaProduct): ok is false where the test knows no rule.
//
//   - amd64: VMULPS returns its first source operand's NaN, quieted, and the
//     kernels pass v (src or grad) as the first source (Intel SDM vol. 1,
//     4.8.3.5, table 4-7).
//   - arm64: FMUL, with alpha as op1, follows FPProcessNaNs: a signaling NaN
//     first (op1, then op2), then a quiet NaN (op1, then op2), quieted.
//
// The architectures below run the generic path only: the rule is their
// scalar instruction's, with the operand order the generic path fixes.
//
//   - 386: MULSS, the first source operand's NaN, quieted, as VMULPS; v
//     first, as on amd64.
//   - ppc64, ppc64le: FMULS, the first NaN of FRA and FRC, quieted (Power
//     ISA Book I); alpha in FRA.
//   - s390x: MEEBR, Arm's order (z/Architecture Principles of Operation);
//     alpha as operand 1.
//   - riscv64: FMUL.S gives the canonical NaN 0x7fc00000, whatever the
//     operands (unprivileged ISA, F extension).
func archNaNProduct(a, v uint32) (uint32, bool) {
	const q = 0x00400000
	switch runtime.GOARCH {
	case "amd64", "386":
		return v | q, true
	case "ppc64", "ppc64le":
		return a | q, true
	case "riscv64":
		return 0x7fc00000, true
	case "arm64", "s390x":
		switch {
		case a&q == 0:
			return a | q, true
		case v&q == 0:
			return v | q, true
		default:
			return a, true
		}
	}
	return 0, false
}

// TestNaNAlphaRule checks, on every row, each NaN alpha against each NaN v
// (and a few numbers) where the product is taken: one machine, one answer.
func TestNaNAlphaRule(t *testing.T) {
	if _, ok := archNaNProduct(0x7fc00000, 0x7fc00001); !ok {
		t.Skipf("no NaN rule known for %s: the generic path is the only one", runtime.GOARCH)
	}
	nans := []uint32{0x7fc00000, 0xffc00000, 0x7fc0beef, 0xffe00001, 0x7f800001, 0xff800001, 0x7fbfffff, 0xffa00000}
	var v []float32
	for _, b := range append(nans, 0x3f800000, 0x00000001, 0xff800000, 0) {
		v = append(v, math.Float32frombits(b))
	}
	for len(v) < 3*16+5 { // vector body and tail
		v = append(v, v[len(v)%12])
	}
	neg := make([]float32, len(v)) // x <= 0 everywhere: every lane takes the product
	for i := range neg {
		neg[i] = -1
	}
	kerneltest.Rows(t, func(t *testing.T, r impl.Impl) {
		for _, a := range nans {
			alpha := math.Float32frombits(a)
			for _, k := range kerneltest.Kernels {
				if k.Activation != "LeakyReLU" { // the kernels with alpha products
					continue
				}
				x := neg
				if !k.Grad {
					// LeakyReLU: v is the value tested, and a NaN passes
					// through; only negative lanes take the product.
					x = v
				}
				dst := make([]float32, len(v))
				k.Call(r, dst, v, x, alpha)
				for i, d := range dst {
					vb := math.Float32bits(v[i])
					want, _ := refElement(true, vb, math.Float32bits(x[i]), alpha)
					if isNaNBits(vb) && refM(math.Float32bits(x[i])) {
						want, _ = archNaNProduct(a, vb)
					}
					require.Equal(t, want, math.Float32bits(d), "%s alpha=%#08x v=%#08x (i=%d): got %#08x, want %#08x",
						k.Name, a, vb, i, math.Float32bits(d), want)
				}
			}
		}
	})
}
