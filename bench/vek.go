//go:build amd64 || arm64

package bench

// vek is measured on the two architectures fastrelu has assembly for. Its
// dependency github.com/chewxy/math32 does not build on riscv64, loong64,
// mips or ppc64 (big endian), and on every architecture but amd64 vek is
// plain Go loops anyway.

import "github.com/viterin/vek/vek32"

func init() {
	rivals.vek = vekContender
	releaseScratch = releaseVek
}

// vekContender is what a user of github.com/viterin/vek (AVX2 assembly,
// pure Go elsewhere) writes. vek has no select or blend, only whole-slice
// arithmetic, comparisons into []bool and max/min, so every kernel is a
// sequence of passes over memory:
//
//	ReLU:          MaximumNumber_Into(dst, x, 0)                          (vek's own spelling)
//	LeakyReLU:     MulNumber_Into(dst, x, alpha); Maximum_Inplace(dst, x) (max(x, alpha*x): only for 0 <= alpha <= 1)
//	ReLUGrad:      GtNumber_Into(mask, x, 0); FromBool_Into(tmp, mask); Mul_Into(dst, grad, tmp)
//	LeakyReLUGrad: slope = FromBool(x > 0)*(1-alpha) + alpha; Mul_Into(dst, grad, slope)
//
// The scratch slices are made before the timed loop. None of these give the
// contract's bits for NaN, -0 or infinities (VMAXPS picks an operand by
// position; 0*Inf is NaN): they are here for speed only.
var vekContender = &Contender{
	Name:          "vek",
	Role:          Rival,
	Approximate:   true,
	Note:          "github.com/viterin/vek/vek32, as a vek user would write it",
	ReLU:          vekReLU,
	LeakyReLU:     vekLeakyReLU,
	ReLUGrad:      vekReLUGrad,
	LeakyReLUGrad: vekLeakyReLUGrad,
	prepare:       prepareVek,
}

var vekScratch struct {
	mask []bool
	tmp  []float32
}

func prepareVek(n int) {
	if n > len(vekScratch.tmp) {
		vekScratch.mask = make([]bool, n)
		vekScratch.tmp = make([]float32, n)
	}
}

func releaseVek() { vekScratch.mask, vekScratch.tmp = nil, nil }

func vekReLU(dst, src []float32) { vek32.MaximumNumber_Into(dst, src, 0) }

func vekLeakyReLU(dst, src []float32, alpha float32) {
	vek32.MulNumber_Into(dst, src, alpha)
	vek32.Maximum_Inplace(dst, src)
}

func vekReLUGrad(dst, grad, x []float32) {
	prepareVek(len(x))
	mask, tmp := vekScratch.mask[:len(x)], vekScratch.tmp[:len(x)]
	vek32.GtNumber_Into(mask, x, 0)
	vek32.FromBool_Into(tmp, mask)
	vek32.Mul_Into(dst, grad, tmp)
}

func vekLeakyReLUGrad(dst, grad, x []float32, alpha float32) {
	prepareVek(len(x))
	mask, tmp := vekScratch.mask[:len(x)], vekScratch.tmp[:len(x)]
	vek32.GtNumber_Into(mask, x, 0)
	vek32.FromBool_Into(tmp, mask)
	vek32.MulNumber_Inplace(tmp, 1-alpha)
	vek32.AddNumber_Inplace(tmp, alpha)
	vek32.Mul_Into(dst, grad, tmp)
}
