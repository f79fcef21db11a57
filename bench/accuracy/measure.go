package main

import (
	"math"
	"runtime"
	"sync"

	"github.com/fastrelu/fastrelu/bench"
	"github.com/fastrelu/fastrelu/internal/oracle"
)

// function is one activation as measured: a float64 reference accurate far
// beyond float32's half ulp on finite inputs, and the bits that decide the
// special inputs.
type function struct {
	name string
	hard bool
	// exact is the real function in float64, used to size errors in ulps.
	exact func(x float64) float64
	// correct is the correctly rounded float32 for smooth functions (the
	// oracle): it settles inputs whose float64 error estimate lands near
	// half an ulp, and it is the reference for the special inputs.
	correct func(x float32) float32
	// pytorch is PyTorch's CPU formula as a float32 loop (hard functions).
	pytorch func(x float32) float32
}

// impl is one row of a function's table.
type impl struct {
	name string
	run  bench.PeerKernel
	// shared marks a C library's kernel, whose primitive or operator keeps
	// state between setup and run: one goroutine at a time may call it.
	shared bool
	mu     *sync.Mutex
}

var negZero = float32(math.Copysign(0, -1))

func hardFunctions() []function {
	exact := map[string]func(float64) float64{}
	for _, f := range bench.HardPeerFuncs {
		if !f.Gradient {
			want := f.Want
			exact[f.Name] = func(x float64) float64 { return want(0, x) }
		}
	}
	return []function{
		{name: "ReLU", hard: true, exact: exact["ReLU"], pytorch: torchReLU},
		{name: "LeakyReLU", hard: true, exact: exact["LeakyReLU"], pytorch: torchLeakyReLU},
		{name: "ReLU6", hard: true, exact: exact["ReLU6"], pytorch: torchReLU6},
		{name: "HardSigmoid", hard: true, exact: exact["HardSigmoid"], pytorch: torchHardSigmoid},
		{name: "HardSwish", hard: true, exact: exact["HardSwish"], pytorch: torchHardSwish},
		{name: "HardTanh", hard: true, exact: exact["HardTanh"], pytorch: torchHardTanh},
	}
}

// PyTorch's CPU kernels, operation for operation in float32.

func torchReLU(x float32) float32  { return max(x, 0) }
func torchReLU6(x float32) float32 { return min(max(x, 0), 6) }
func torchLeakyReLU(x float32) float32 {
	if x > 0 {
		return x
	}
	return bench.Alpha * x
}
func torchHardSigmoid(x float32) float32 { return min(max(x+3, 0), 6) / 6 }
func torchHardSwish(x float32) float32   { return x * min(max(x+3, 0), 6) / 6 }
func torchHardTanh(x float32) float32    { return min(max(x, -1), 1) }

// hardSpecialReference is what the hard functions should give at a special
// input: PyTorch's bits, but HardSwish(-Inf) is the limit -0, as package
// kernels defines it, not PyTorch's -Inf*0 = NaN.
func hardSpecialReference(f function, x float32) float32 {
	if f.name == "HardSwish" && math.IsInf(float64(x), -1) {
		return negZero
	}
	return f.pytorch(x)
}

func smoothFunctions() []function {
	// The exact values are the peer cases' float64 references: the forms
	// that do not cancel (erfc for GELU, x/(1+e^-2u) for GELUTanh).
	exact := func(name string) func(float64) float64 {
		for _, f := range bench.SmoothPeerFuncs {
			if f.Name == name {
				return func(x float64) float64 { return f.Want(0, x) }
			}
		}
		panic("accuracy: no peer function " + name)
	}
	return []function{
		{name: "Sigmoid", exact: exact("Sigmoid"),
			correct: func(x float32) float32 { return oracle.Sigmoid(x, nil) }},
		{name: "Tanh", exact: exact("Tanh"),
			correct: func(x float32) float32 { return oracle.Tanh(x, nil) }},
		{name: "GELU", exact: exact("GELU"),
			correct: func(x float32) float32 { return oracle.GELU(x, nil) }},
		{name: "GELUTanh", exact: exact("GELUTanh"),
			correct: func(x float32) float32 { return oracle.GELUTanh(x, nil) }},
		{name: "ELU", exact: exact("ELU"), correct: func(x float32) float32 {
			if x > 0 {
				return x
			}
			return oracle.Expm1(x, nil)
		}},
		{name: "Softplus", exact: exact("Softplus"),
			correct: func(x float32) float32 { return oracle.Softplus(x, nil) }},
		{name: "Mish", exact: exact("Mish"),
			correct: func(x float32) float32 { return oracle.Mish(x, nil) }},
		{name: "SiLU", exact: exact("SiLU"),
			correct: func(x float32) float32 { return oracle.SiLU(x, nil) }},
	}
}

func loop(f func(float32) float32) bench.PeerKernel {
	return func(dst, _, x []float32) {
		dst = dst[:len(x)]
		for i, v := range x {
			dst[i] = f(v)
		}
	}
}

// chunkLen is the length every kernel is bound for and called with, so that
// the C peers make one primitive or operator per function.
const chunkLen = 4096

// implementations returns the rows of f's table: this library, the peers
// this build has, and for hard functions PyTorch's formula.
func implementations(f function) []impl {
	var out []impl
	for _, p := range bench.Peers() {
		k := p.Bind(f.name, chunkLen)
		if k == nil {
			continue
		}
		shared := p.Name != "fastrelu" && p.Name != "gomath"
		out = append(out, impl{name: p.Name, run: k, shared: shared, mu: new(sync.Mutex)})
	}
	if f.hard {
		out = append(out, impl{name: "pytorch formula", run: loop(f.pytorch)})
	}
	return out
}

// inputSet is the finite float32 inputs measured: every stride-th bit
// pattern, and every near-th pattern with |x| <= 20 that the first part
// lacks.
type inputSet struct {
	stride, near uint32
}

type segment struct {
	start, step uint32
	count       uint64
}

const twentyBits = 0x41a00000 // math.Float32bits(20)

func (s inputSet) segments() []segment {
	segs := []segment{{start: 0, step: s.stride, count: (1 << 32) / uint64(s.stride)}}
	if s.near == 0 {
		return segs
	}
	for off := s.near; off < s.stride; off += s.near {
		n := uint64(twentyBits-off)/uint64(s.stride) + 1
		segs = append(segs, segment{start: off, step: s.stride, count: n},
			segment{start: 0x80000000 + off, step: s.stride, count: n})
	}
	return segs
}

// stats is one implementation's record over the finite inputs.
type stats struct {
	inputs uint64
	maxULP float64
	maxAt  float32
	maxGot float32
	// maxNormal is the max over exact values in float32's normal range,
	// which leaves out flushing to zero and subnormal roundings.
	maxNormal    float64
	overOne      uint64 // errors above 1 ulp
	notCorrect   uint64 // errors above half an ulp: not correctly rounded
	torchDiffers uint64 // outputs whose bits are not PyTorch's
	torchFirst   float32
}

func (s *stats) note(x, got float32, ref, e float64) {
	s.inputs++
	if math.Abs(ref) >= 0x1p-126 {
		s.maxNormal = max(s.maxNormal, e)
	}
	if e > 1 {
		s.overOne++
	}
	if e > 0.5 {
		s.notCorrect++
	}
	if e > s.maxULP || (e == s.maxULP && math.Float32bits(x) < math.Float32bits(s.maxAt)) {
		s.maxULP, s.maxAt, s.maxGot = e, x, got
	}
}

// merge adds o to s; ties go to the lower bit pattern, so that the result
// does not depend on which goroutine measured what.
func (s *stats) merge(o *stats) {
	if o.maxULP > s.maxULP || (o.maxULP == s.maxULP && o.inputs > 0 && math.Float32bits(o.maxAt) < math.Float32bits(s.maxAt)) {
		s.maxULP, s.maxAt, s.maxGot = o.maxULP, o.maxAt, o.maxGot
	}
	if o.torchDiffers > 0 && (s.torchDiffers == 0 || math.Float32bits(o.torchFirst) < math.Float32bits(s.torchFirst)) {
		s.torchFirst = o.torchFirst
	}
	s.inputs += o.inputs
	s.maxNormal = max(s.maxNormal, o.maxNormal)
	s.overOne += o.overOne
	s.notCorrect += o.notCorrect
	s.torchDiffers += o.torchDiffers
}

// ulp32 is the spacing of float32 numbers at magnitude |r|: the ulp of the
// binade r lies in, 2^-149 below the normal range.
func ulp32(r float64) float64 {
	a := math.Abs(r)
	if a < 0x1p-126 {
		return 0x1p-149
	}
	if a >= math.MaxFloat32 {
		return 0x1p104
	}
	_, e := math.Frexp(a)
	return math.Ldexp(1, e-24)
}

// ulpError is |got - ref| in ulps of float32 at ref; a NaN or infinite got
// for a finite ref is an infinite error.
func ulpError(got float32, ref float64) float64 {
	g := float64(got)
	if math.IsNaN(g) || math.IsInf(g, 0) {
		if g == ref {
			return 0
		}
		return math.Inf(1)
	}
	return math.Abs(g-ref) / ulp32(ref)
}

// measure runs every implementation of f over the inputs, on GOMAXPROCS
// goroutines, and returns one record per implementation.
func measure(f function, impls []impl, in inputSet) []stats {
	type job struct {
		seg   segment
		first uint64
	}
	jobs := make(chan job)
	go func() {
		for _, s := range in.segments() {
			for i := uint64(0); i < s.count; i += chunkLen {
				jobs <- job{s, i}
			}
		}
		close(jobs)
	}()
	workers := runtime.GOMAXPROCS(0)
	results := make([][]stats, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st := make([]stats, len(impls))
			xs := make([]float32, chunkLen)
			ref := make([]float64, chunkLen)
			torch := make([]float32, chunkLen)
			got := make([]float32, chunkLen)
			correct := make([]float32, chunkLen)
			known := make([]bool, chunkLen)
			for j := range jobs {
				n := 0
				for i := j.first; i < j.seg.count && i < j.first+chunkLen; i++ {
					x := math.Float32frombits(j.seg.start + uint32(i)*j.seg.step)
					if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
						continue
					}
					xs[n] = x
					n++
				}
				clear(xs[n:])
				for i, x := range xs[:n] {
					ref[i] = f.exact(float64(x))
					known[i] = false
					if f.hard {
						torch[i] = f.pytorch(x)
					}
				}
				for k, im := range impls {
					if im.shared {
						im.mu.Lock()
					}
					im.run(got, nil, xs)
					if im.shared {
						im.mu.Unlock()
					}
					s := &st[k]
					for i, x := range xs[:n] {
						e := ulpError(got[i], ref[i])
						if e > 0.5-1e-6 && f.correct != nil && !math.IsInf(e, 1) {
							// Near half an ulp the float64 reference cannot
							// tell; the oracle can.
							if !known[i] {
								correct[i], known[i] = f.correct(x), true
							}
							if math.Float32bits(got[i]) == math.Float32bits(correct[i]) {
								e = min(e, 0.5)
							} else {
								e = max(e, math.Nextafter(0.5, 1))
							}
						}
						s.note(x, got[i], ref[i], e)
						if f.hard && math.Float32bits(got[i]) != math.Float32bits(torch[i]) {
							if s.torchDiffers == 0 || math.Float32bits(x) < math.Float32bits(s.torchFirst) {
								s.torchFirst = x
							}
							s.torchDiffers++
						}
					}
				}
			}
			results[w] = st
		}()
	}
	wg.Wait()
	total := make([]stats, len(impls))
	for _, st := range results {
		for k := range st {
			total[k].merge(&st[k])
		}
	}
	return total
}
