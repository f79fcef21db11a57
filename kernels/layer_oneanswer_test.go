package kernels

import (
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"github.com/fastrelu/fastrelu/internal/kerneltest"

	"github.com/fastrelu/fastrelu/internal/impl"
)

// TestLayerOneAnswer holds every row of the layer kernels to the generic
// row, bit for bit, on inputs that are half special values, so that pairs of
// NaNs (src and bias, grad and slope or alpha, a NaN sum and a NaN term) are
// common: IEEE 754 leaves their result open, the contract does not on one
// machine. The layer tests' reference accepts any of the NaNs met; this test
// is the strict one, and TestLayerNaNPairRule pins the generic row's choice
// to the architecture's rule.
func TestLayerOneAnswer(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 6))
	value := func() float32 {
		if rng.IntN(2) == 0 {
			return math.Float32frombits(kerneltest.Specials[rng.IntN(len(kerneltest.Specials))])
		}
		return math.Float32frombits(rng.Uint32())
	}
	fill := func(n int) []float32 {
		s := make([]float32, n)
		for i := range s {
			s[i] = value()
		}
		return s
	}
	colsList := []int{47, 64, 255}
	for c := 1; c <= 33; c++ {
		colsList = append(colsList, c)
	}
	generic := implementations[len(implementations)-1]
	for _, r := range append(implementations[:len(implementations)-1:len(implementations)-1], impl.Public()) {
		if !r.Available {
			continue
		}
		t.Run(r.Name, func(t *testing.T) {
			for _, cols := range colsList {
				for _, rows := range []int{0, 1, 2, 3, 5, BlockRows + 2} {
					if rows > BlockRows && (cols > 17 || testing.Short() && cols%8 != 1) {
						continue // two blocks: a few narrow matrices (the emulators run -short)
					}
					n := rows * cols
					for off := 0; off <= 1; off++ {
						a, b, par, acc := fill(n + off)[off:], fill(n + off)[off:], fill(cols), fill(cols)
						alpha := kerneltest.Alphas[(cols+rows+off)%len(kerneltest.Alphas)]
						for _, k := range kerneltest.LayerKernels {
							for _, mode := range []string{"out of place", "dst==a", "dst==b"} {
								if mode == "dst==b" && !k.Grad {
									continue
								}
								run := func(r impl.Impl) (dst, accOut []float32) {
									aa, bb := slices.Clone(a), slices.Clone(b)
									dst = make([]float32, n+off)[off:]
									switch mode {
									case "dst==a":
										dst = aa
									case "dst==b":
										dst = bb
									}
									accOut = slices.Clone(acc)
									k.Call(r, dst, accOut, aa, bb, par, alpha)
									return dst, accOut
								}
								want, wantAcc := run(generic)
								if r.Name == impl.Public().Name {
									// The public functions sum in blocks: the generic row's kernel
									// run block by block is the strict reference.
									want, wantAcc = make([]float32, n+off)[off:], slices.Clone(acc)
									aa, bb := slices.Clone(a), slices.Clone(b)
									switch mode {
									case "dst==a":
										want = aa
									case "dst==b":
										want = bb
									}
									blockCall(k, generic, want, wantAcc, aa, bb, par, alpha)
								}
								got, gotAcc := run(r)
								for i := range got {
									if g, w := math.Float32bits(got[i]), math.Float32bits(want[i]); g != w {
										t.Fatalf("%s %s cols=%d rows=%d off=%d alpha=%#08x: dst[%d] = %#08x, generic %#08x (a %#08x, b %#08x, par %#08x)",
											k.Name, mode, cols, rows, off, math.Float32bits(alpha), i, g, w,
											math.Float32bits(a[i]), math.Float32bits(b[i]), math.Float32bits(par[i%cols]))
									}
								}
								if k.HasAcc() {
									for j := range gotAcc {
										if g, w := math.Float32bits(gotAcc[j]), math.Float32bits(wantAcc[j]); g != w {
											t.Fatalf("%s %s cols=%d rows=%d off=%d alpha=%#08x: acc[%d] = %#08x, generic %#08x (before %#08x)",
												k.Name, mode, cols, rows, off, math.Float32bits(alpha), j, g, w, math.Float32bits(acc[j]))
										}
									}
								}
							}
						}
					}
				}
			}
		})
	}
}

// archNaNSum is s+d for two NaNs (bits s and d) as this architecture's
// vector addition gives it with s (src, or the running sum) first, written
// from the manuals on its own (not sumOfNaNs): ok is false where the test knows
// no rule.
//   - amd64: VADDPS returns its first source operand's NaN, quieted (Intel
//     SDM vol. 1, table 4-7).
//   - arm64: FADD follows FPProcessNaNs: a signaling NaN first (op1, then
//     op2), then op1's quiet NaN; quieted.
//
// The generic path alone, s first, on the others:
//   - 386: ADDSS, as VADDPS. ppc64, ppc64le: FADDS, the NaN in FRA.
//   - s390x: AEBR, Arm's order.
//   - riscv64: FADD.S gives the canonical NaN 0x7fc00000.
func archNaNSum(s, d uint32) (uint32, bool) {
	const q = 0x00400000
	switch runtime.GOARCH {
	case "amd64", "386", "ppc64", "ppc64le":
		return s | q, true
	case "riscv64":
		return 0x7fc00000, true
	case "arm64", "s390x":
		if s&q == 0 || d&q != 0 {
			return s | q, true
		}
		return d | q, true
	}
	return 0, false
}

// TestLayerNaNPairRule pins the NaN every path gives for src + bias with
// both NaN, in every lane position of the generic path's unrolled loop (the
// compiler may swap the operands of +), and for a NaN running sum plus a NaN
// term.
func TestLayerNaNPairRule(t *testing.T) {
	nans := []uint32{0x7fc00000, 0xffc00000, 0x7fc12345, 0xffd00001, 0x7f800001, 0xff800001, 0x7fa5a5a5, 0xffbfffff}
	for _, r := range append(implementations[:len(implementations):len(implementations)], impl.Public()) {
		if !r.Available {
			continue
		}
		t.Run(r.Name, func(t *testing.T) {
			for _, s := range nans {
				for _, d := range nans {
					want, ok := archNaNSum(s, d)
					if !ok {
						t.Skipf("no NaN rule known for %s", runtime.GOARCH)
					}
					const cols = 37 // every lane of the vector bodies and of the tails
					src, bias, dst := make([]float32, cols), make([]float32, cols), make([]float32, cols)
					for j := range src {
						src[j], bias[j] = math.Float32frombits(s), math.Float32frombits(d)
					}
					r.BiasReLU(dst, src, bias)
					for j, v := range dst {
						if math.Float32bits(v) != want {
							t.Fatalf("BiasReLU: %#08x + %#08x in column %d = %#08x, want %#08x", s, d, j, math.Float32bits(v), want)
						}
					}
					// dbias (NaN s) += dz, where dz = grad (NaN d) since y > 0.
					dbias, grad, y := make([]float32, cols), make([]float32, cols), make([]float32, cols)
					for j := range dbias {
						dbias[j], grad[j], y[j] = math.Float32frombits(s), math.Float32frombits(d), 1
					}
					r.ReLUGradBias(dst, dbias, grad, y)
					wantSum := want
					if r.Name == impl.Public().Name {
						// The public function adds the block sum -0 + d: d quieted.
						wantSum, _ = archNaNSum(s, d|0x00400000)
					}
					for j, v := range dbias {
						if math.Float32bits(v) != wantSum {
							t.Fatalf("ReLUGradBias: dbias %#08x += %#08x in column %d = %#08x, want %#08x", s, d, j, math.Float32bits(v), wantSum)
						}
					}
				}
			}
		})
	}
}
