package fuzz

import (
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/fastrelu/fastrelu/internal/impl"
	"github.com/fastrelu/fastrelu/internal/kerneltest"
	"github.com/fastrelu/fastrelu/internal/sweep"
	"github.com/klauspost/cpuid/v2"
)

// TestSweep puts every float32 bit pattern p through every kernel on every
// path (each available row and the public functions) in one pass per
// configuration (internal/sweep): each chunk of patterns is prepared once,
// run on every path, the outputs compared bit for bit across paths and
// hashed, in these configurations:
//
//	ReLU                      src = p
//	LeakyReLU_a=0.01          src = p, alpha = 0.01
//	LeakyReLU_a=-0.3          src = p, alpha = -0.3
//	LeakyReLU_a=1.5, _a=1     src = p, alpha = 1.5 and 1
//	ReLUGrad_x=p              x = p, grad = mix(p)
//	LeakyReLUGrad_a=0.2_x=p   x = p, grad = mix(p), alpha = 0.2
//	LeakyReLUGrad_a=0.2_g=p   grad = p, x = -1, alpha = 0.2: every product
//
// mix is a bijection of the 32-bit patterns (murmur3's finalizer), so grad
// runs through every pattern too, in an order unrelated to x. Chunks run
// out of place and in place on each input in turn.
//
// What proves a configuration (see sweep.go's runCases): the strided set
// is always checked against the reference; the full set against the
// committed digest of its outputs (testdata/sweep-digests.txt) where there
// is one for this GOARCH, else against the reference.
func TestSweep(t *testing.T) {
	runCases(t, "sweep", sweepCases())
}

// sweepCases are TestSweep's configurations as engine cases.
func sweepCases() []sweep.Case {
	var cs []sweep.Case
	unary := func(name string, run func(r impl.Impl, dst, src []float32), ref func(v uint32) uint32) {
		cs = append(cs, sweep.Case{
			Name:   name,
			Inputs: 1,
			Run:    func(r impl.Impl, dst []float32, in [][]float32) { run(r, dst, in[0]) },
			Reference: func(p []uint32, want, alt []uint32) {
				for i, v := range p {
					want[i] = ref(v)
					alt[i] = want[i]
				}
			},
			Describe: func(p uint32) string { return fmt.Sprintf("src %#08x", p) },
		})
	}
	unary("ReLU", func(r impl.Impl, dst, src []float32) { r.ReLU(dst, src) }, refReLU)
	for _, a := range []struct {
		name  string
		alpha float32
	}{{"0.01", 0.01}, {"-0.3", -0.3}, {"1.5", 1.5}, {"1", 1}} { // 1.5: the amd64 min form; 1: where max and min forms meet
		alpha, bits := a.alpha, math.Float32bits(a.alpha)
		unary("LeakyReLU_a="+a.name, func(r impl.Impl, dst, src []float32) { r.LeakyReLU(dst, src, alpha) },
			func(v uint32) uint32 { return refLeakyReLU(v, bits) })
	}
	// The gradients: in[0] = grad, in[1] = x.
	grad := func(name string, prepare func(p []uint32, in [][]float32), run func(r impl.Impl, dst, g, x []float32),
		ref func(p uint32) (uint32, uint32), describe func(p uint32) string) {
		cs = append(cs, sweep.Case{
			Name: name, Inputs: 2, Prepare: prepare,
			Run: func(r impl.Impl, dst []float32, in [][]float32) { run(r, dst, in[0], in[1]) },
			Reference: func(p []uint32, want, alt []uint32) {
				for i, v := range p {
					want[i], alt[i] = ref(v)
				}
			},
			Describe: describe,
		})
	}
	xIsP := func(p []uint32, in [][]float32) {
		for i, v := range p {
			in[0][i] = math.Float32frombits(mix(v))
			in[1][i] = math.Float32frombits(v)
		}
	}
	describeX := func(p uint32) string { return fmt.Sprintf("x %#08x, grad %#08x", p, mix(p)) }
	grad("ReLUGrad_x=p", xIsP, func(r impl.Impl, dst, g, x []float32) { r.ReLUGrad(dst, g, x) },
		func(p uint32) (uint32, uint32) { w := refReLUGrad(mix(p), p); return w, w }, describeX)
	alpha := math.Float32bits(0.2)
	grad("LeakyReLUGrad_a=0.2_x=p", xIsP, func(r impl.Impl, dst, g, x []float32) { r.LeakyReLUGrad(dst, g, x, 0.2) },
		func(p uint32) (uint32, uint32) {
			return refLeakyReLUGrad(mix(p), p, alpha), refLeakyReLUGradAlt(mix(p), p, alpha)
		}, describeX)
	grad("LeakyReLUGrad_a=0.2_g=p", func(p []uint32, in [][]float32) {
		for i, v := range p {
			in[0][i] = math.Float32frombits(v)
			in[1][i] = -1
		}
	}, func(r impl.Impl, dst, g, x []float32) { r.LeakyReLUGrad(dst, g, x, 0.2) },
		func(p uint32) (uint32, uint32) {
			return refLeakyReLUGrad(p, minusOne, alpha), refLeakyReLUGradAlt(p, minusOne, alpha)
		}, func(p uint32) string { return fmt.Sprintf("grad %#08x, x -1", p) })

	// Every other kernel, as the generator makes them: the forward ones on
	// src = p, the gradients on x = p and grad = mix(p), each against its
	// description's contract.
	for _, kk := range kerneltest.Kernels {
		if swept[kk.Activation] {
			continue
		}
		call := kk.Call
		ref := kk.Ref
		bits := sweptScalar(kk.Leaky)
		a := math.Float32frombits(bits)
		if kk.Rounded {
			genericOnly[kk.Name] = true
			genericOnly[kk.Name+"_x=p"] = true
		}
		if kk.Checked && !kk.Rounded {
			vectorOnly[kk.Name] = true
			vectorOnly[kk.Name+"_x=p"] = true
		}
		if !kk.Grad {
			unary(kk.Name, func(r impl.Impl, dst, src []float32) { call(r, dst, src, nil, a) },
				func(v uint32) uint32 { return refContract(ref, v, v, bits) })
			continue
		}
		grad(kk.Name+"_x=p", xIsP, func(r impl.Impl, dst, g, x []float32) { call(r, dst, g, x, a) },
			func(p uint32) (uint32, uint32) { w := refContract(ref, mix(p), p, bits); return w, w }, describeX)
	}
	return cs
}

// genericOnly are the cases of the Rounded kernels (kerneltest.Kernel),
// which every path runs with the generic kernel: they sweep the generic
// row and the public functions only, and their full set runs only when
// FASTRELU_SWEEP_ROUNDED=full asks for it (sweep_runner_test.go).
var genericOnly = map[string]bool{}

// vectorOnly are the cases of the Checked kernels where the assembly
// evaluates them (kerneltest.Kernel): their full set runs on the assembly
// rows alone, unless FASTRELU_SWEEP_ROUNDED=full asks for the generic row
// and the public functions too. Their generic row is internal/rounded's
// functions, which the strided set checks here and internal/rounded's
// proof checks on every input; the public functions run the best row.
var vectorOnly = map[string]bool{}

// fullOnRequest are the vectorOnly cases whose full set runs only with
// FASTRELU_SWEEP_ROUNDED=full, as the Rounded kernels' does: the smooth
// activations' layer forms, whose rows of layerSweepCols elements end in
// a tail the generic kernel computes, minutes each. Their digests are
// committed, so that run checks every path against them.
var fullOnRequest = map[string]bool{}

// swept are the activations whose kernels the sweeps list by hand, with
// their scalars' configurations.
var swept = map[string]bool{"ReLU": true, "LeakyReLU": true}

// sweptScalar is the bits of the tests' scalar for the kernels the sweeps
// make from the descriptions: 1 where they take one (HardTanh's lo and hi
// are -1 and 1 then, PyTorch's defaults), 0 (unused) elsewhere.
func sweptScalar(takesOne bool) uint32 {
	if takesOne {
		return 0x3f800000
	}
	return 0
}

// mix is murmur3's 32-bit finalizer: a bijection that scatters every bit.
func mix(p uint32) uint32 {
	p ^= p >> 16
	p *= 0x85ebca6b
	p ^= p >> 13
	p *= 0xc2b2ae35
	p ^= p >> 16
	return p
}

// TestSweepLarge runs each kernel on every path once on slices a little
// larger than the last-level cache (found with cpuid, as the kernels do to
// pick their streaming-store threshold), misaligned, ReLU and ReLUGrad out of
// place and LeakyReLU and LeakyReLUGrad in place, so that the large-size
// code path is compared with the reference too: the sweep's chunks are far
// below that size. The values are mix(i) patterns: every sign, exponent and
// NaN. It runs when the sweep runs.
func TestSweepLarge(t *testing.T) {
	sweepMode(t)
	size := max(cpuid.CPU.Cache.L3, cpuid.CPU.Cache.L2)
	if size <= 0 {
		size = 32 << 20
	}
	n := size/4 + 37
	const lead, trail = 3, 29 // canaries around dst
	t.Logf("n = %d (%d bytes; largest cache %d bytes)", n, 4*n, size)
	alpha := uint32(0xbe99999a) // -0.3
	dbuf, abuf, bbuf := make([]float32, lead+n+trail), make([]float32, 5+n), make([]float32, 1+n)
	a, b := abuf[5:], bbuf[1:]
	for _, p := range kerneltest.Available() {
		for k := range kind(len(kerneltest.Kernels)) {
			n := n
			if kerneltest.Kernels[k].Rounded {
				// Its entry is the generic loop on every path, with no
				// streaming stores to reach: the public API across a few
				// chunks is what a large slice adds, and scalar
				// evaluation of the whole size would only add time.
				if p.Name != "public" {
					continue
				}
				n = min(n, 1<<17+37)
			}
			a, b := a[:n], b[:n]
			inPlace := k == kLeakyReLU || k == kLeakyReLUGrad
			parallel(n, func(lo, hi int) {
				for j := lo; j < hi; j++ {
					a[j] = math.Float32frombits(mix(uint32(j)))
					b[j] = math.Float32frombits(mix(uint32(j) ^ 0x5bd1e995))
				}
			})
			for j := range dbuf {
				dbuf[j] = math.Float32frombits(canary(j))
			}
			dst := dbuf[lead : lead+n]
			if inPlace {
				dst = a
			}
			kerneltest.Kernels[k].Call(p, dst, a, b, math.Float32frombits(alpha))
			var errs atomic.Int64
			parallel(n, func(lo, hi int) {
				for i := lo; i < hi; i++ {
					ai, bi := mix(uint32(i)), mix(uint32(i)^0x5bd1e995)
					got := math.Float32bits(dst[i])
					if w, alt := want(k, ai, bi, alpha); got != w && got != alt {
						if errs.Add(1) <= 5 {
							t.Errorf("%s %s n=%d in place %v: dst[%d] = %#08x, want %#08x (a %#08x, b %#08x)",
								p.Name, k, n, inPlace, i, got, w, ai, bi)
						}
					}
					if math.Float32bits(b[i]) != bi || (!inPlace && math.Float32bits(a[i]) != ai) {
						if errs.Add(1) <= 5 {
							t.Errorf("%s %s n=%d: input element %d changed", p.Name, k, n, i)
						}
					}
				}
			})
			for j, v := range dbuf {
				if (j < lead || j >= lead+n) && math.Float32bits(v) != canary(j) {
					t.Errorf("%s %s n=%d: canary dst[%d] overwritten", p.Name, k, n, j-lead)
				}
			}
		}
	}
}

// parallel runs f over [0, n) in GOMAXPROCS pieces.
func parallel(n int, f func(lo, hi int)) {
	w := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for i := range w {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(n*i/w, n*(i+1)/w)
		}()
	}
	wg.Wait()
}
