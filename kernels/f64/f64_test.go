package f64

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
)

// The kernels against the contracts of their descriptions (kernels_test.go,
// generated): bit for bit, on every exponent of both signs with the
// boundaries of its significands, the NaNs (quiet and signaling, with
// payloads), the infinities, the zeros, the subnormals, and the
// neighbours of every constant the kernels compare with.

type elementwiseKernel struct {
	name    string
	grad    bool
	scalars int
	rounded bool
	call    func(dst, v, x []float64, s []float64)
	ref     func(v, x float64, s []float64) float64
}

// The layer kernels' shapes, as kernels/_asm/kernel numbers them.
const (
	shapeBias          = 2
	shapeGradBias      = 3
	shapePerColumn     = 4
	shapePerColumnGrad = 5
)

type layerKernel struct {
	name     string
	shape    int
	scalars  int
	call     func(d, acc, a, y, p []float64, s []float64)
	parallel func(par *Parallel, d, acc, a, y, p []float64, s []float64)
	ref      func(v, x, a float64, s []float64) float64
}

const (
	fracBits = 52
	expMask  = 0x7ff0000000000000
	quietBit = 1 << (fracBits - 1)
)

// classes returns every exponent of both signs with the boundaries of its
// significand (0, 1, 2, the quiet bit alone and with 1, the largest and
// the one below it) and one random significand: the zeros, subnormals,
// normals, infinities and NaNs of both kinds.
func classes(r *rand.Rand) []float64 {
	var xs []float64
	for sign := uint64(0); sign < 2; sign++ {
		for e := uint64(0); e < 2048; e++ {
			ms := []uint64{0, 1, 2, quietBit, quietBit | 1, 1<<fracBits - 2, 1<<fracBits - 1, r.Uint64() >> 12}
			if testing.Short() {
				ms = []uint64{0, 1, quietBit | 1, 1<<fracBits - 1} // the emulators
			}
			for _, m := range ms {
				xs = append(xs, math.Float64frombits(sign<<63|e<<fracBits|m))
			}
		}
	}
	for _, c := range constants {
		for d := -2; d <= 2; d++ {
			b := uint64(int64(c) + int64(d))
			xs = append(xs, math.Float64frombits(b), math.Float64frombits(b^1<<63))
		}
	}
	return xs
}

// fewClasses is a sample of classes for the second operand of a
// gradient: the specials, the constants and their neighbours, and a few
// exponents of each kind.
// fewSpecials is how many of fewClasses' values are specials, first.
const fewSpecials = 18

func fewClasses(r *rand.Rand) []float64 {
	xs := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, -2.5, 1e300, -1e-300, 5e-324, -5e-324,
		math.Inf(1), math.Inf(-1), math.MaxFloat64, -math.SmallestNonzeroFloat64,
		math.Float64frombits(0x7ff8000000000000), math.Float64frombits(0xfff8000000000123),
		math.Float64frombits(0x7ff0000000000001), math.Float64frombits(0xfff4000000000000)}
	for _, c := range constants {
		xs = append(xs, math.Float64frombits(c), math.Float64frombits(c+1), math.Float64frombits(c-1), -math.Float64frombits(c))
	}
	for range 24 {
		xs = append(xs, math.Float64frombits(r.Uint64()))
	}
	return xs
}

// scalarSets are the scalars each kernel runs with: alphas for one, (lo,
// hi) pairs for two, empty and reversed intervals and NaN bounds among them.
func scalarSets(n int) [][]float64 {
	nan := math.NaN()
	switch n {
	case 0:
		return [][]float64{nil}
	case 1:
		var sets [][]float64
		for _, a := range []float64{0.01, 0.2, 0.5, 1, 3, 1e300, -0.5, 0, math.Copysign(0, -1), math.Inf(1), nan,
			math.Float64frombits(0xfff0000000000001), 5e-324, math.MaxFloat64} {
			sets = append(sets, []float64{a})
		}
		return sets
	}
	return [][]float64{{-1, 1}, {0, 6}, {1, -1}, {math.Inf(-1), math.Inf(1)}, {nan, nan}, {math.Copysign(0, -1), 0}, {-3, 3}, {2, 2}}
}

// sameBits reports whether got is want's bits; where two operands or more are
// NaN, IEEE 754 leaves open which one a result takes, and any of them,
// quieted, will do.
func sameBits(got, want float64, operands ...float64) bool {
	g, w := math.Float64bits(got), math.Float64bits(want)
	if g == w {
		return true
	}
	if got == got || want == want {
		return false
	}
	var nans []uint64
	for _, o := range operands {
		if o != o {
			nans = append(nans, math.Float64bits(o)|quietBit)
		}
	}
	if len(nans) < 2 {
		return false
	}
	for _, n := range nans {
		if g == n {
			return true
		}
	}
	return false
}

// TestNaNRule pins the NaN an operation with two NaN operands gives, which
// IEEE 754 leaves open and sameBits lets pass: the architecture's rule, on
// the operand order of the float32 kernels of the same architecture
// (kernel.Lane): the gradient's NaN before alpha's on x86, alpha's first
// under Arm's FPProcessNaNs (signaling before quiet); the sum's first
// operand (src) on x86, src first under FPProcessNaNs.
func TestNaNRule(t *testing.T) { eachPath(t, testNaNRule) }

func testNaNRule(t *testing.T) {
	qg, sg := math.Float64frombits(0x7ff8000000000011), math.Float64frombits(0x7ff0000000000022)
	qa := math.Float64frombits(0xfff8000000000033)
	quiet := func(x float64) uint64 { return math.Float64bits(x) | quietBit }
	var gradFirst, sigFirst bool
	switch runtime.GOARCH {
	case "amd64", "386":
		gradFirst, sigFirst = true, true
	case "arm64":
		gradFirst, sigFirst = false, true
	default:
		t.Skipf("%s: the generic path is the only one, and its NaN is this CPU's", runtime.GOARCH)
	}
	dst := make([]float64, 1)
	for _, g := range []float64{qg, sg} {
		LeakyReLUGrad(dst, []float64{g}, []float64{-1}, qa)
		want := quiet(qa)
		if gradFirst || (sigFirst && math.Float64bits(g) == math.Float64bits(sg)) {
			want = quiet(g)
		}
		if got := math.Float64bits(dst[0]); got != want {
			t.Errorf("LeakyReLUGrad(grad %#016x, x -1, alpha %#016x) = %#016x, want %#016x", math.Float64bits(g), math.Float64bits(qa), got, want)
		}
	}
	for _, b := range []float64{qa, sg} {
		BiasReLU(dst, []float64{qg}, []float64{b})
		want := quiet(qg)
		if !gradFirst && math.Float64bits(b) == math.Float64bits(sg) {
			want = quiet(b)
		}
		if got := math.Float64bits(dst[0]); got != want {
			t.Errorf("BiasReLU(src %#016x, bias %#016x) = %#016x, want %#016x", math.Float64bits(qg), math.Float64bits(b), got, want)
		}
	}
}

func TestImplementation(t *testing.T) {
	got := Implementation()
	want := "generic"
	for _, p := range paths {
		if *p.flag {
			want = p.name
		}
	}
	if got != want {
		t.Errorf("Implementation() = %q, want %q", got, want)
	}
	t.Logf("f64: path %s", got)
}

// eachPath runs f as a subtest under each path: generic, then every one
// of paths, selected in turn (skipped where this CPU cannot run it).
func eachPath(t *testing.T, f func(t *testing.T)) {
	t.Helper()
	names := []string{"generic"}
	avail := map[string]bool{"generic": true}
	for _, p := range paths {
		names = append(names, p.name)
		avail[p.name] = p.available
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			if !avail[name] {
				t.Skipf("this CPU cannot run the %s path", name)
			}
			defer usePath(name)()
			f(t)
		})
	}
}

func TestElementwise(t *testing.T) { eachPath(t, testElementwise) }

func testElementwise(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	xs, gs := classes(r), fewClasses(r)
	sets := scalarSets
	if testing.Short() {
		// The emulators: the specials, and a few scalars.
		gs = gs[:6]
		sets = func(n int) [][]float64 { s := scalarSets(n); return s[:min(len(s), 3)] }
	}
	for _, k := range elementwise {
		t.Run(k.name, func(t *testing.T) {
			gs := gs
			if k.rounded && !testing.Short() {
				// The function's own proof is internal/rounded's TestWide;
				// here the specials as gradients, with every x, suffice
				// for the one multiplication.
				gs = gs[:fewSpecials]
			}
			for _, s := range sets(k.scalars) {
				fails := 0
				check := func(dst, v, x []float64) {
					for i := range dst {
						var want float64
						ops := append([]float64{v[i]}, s...)
						if k.grad {
							want = k.ref(v[i], x[i], s)
							ops = append(ops, x[i])
						} else {
							want = k.ref(v[i], 0, s)
						}
						if !sameBits(dst[i], want, ops...) && fails < 10 {
							fails++
							xi := math.NaN()
							if x != nil {
								xi = x[i]
							}
							t.Errorf("%s(v=%v %#016x, x=%v %#016x, s=%v) = %#016x, want %#016x", k.name, v[i], math.Float64bits(v[i]), xi, math.Float64bits(xi), s, math.Float64bits(dst[i]), math.Float64bits(want))
						}
					}
				}
				dst := make([]float64, len(xs))
				if !k.grad {
					k.call(dst, xs, nil, s)
					check(dst, xs, nil)
					in := append([]float64(nil), xs...)
					k.call(in, in, nil, s) // in place
					check(in, xs, nil)
					continue
				}
				g := make([]float64, len(xs))
				for _, gv := range gs {
					for i := range g {
						g[i] = gv
					}
					k.call(dst, g, xs, s)
					check(dst, g, xs)
				}
				// Every x as the gradient too, against the sample of x.
				x := make([]float64, len(xs))
				for _, xv := range gs {
					for i := range x {
						x[i] = xv
					}
					in := append([]float64(nil), xs...)
					k.call(in, in, x, s) // in place, on grad
					check(in, xs, x)
				}
			}
		})
	}
}

// layerRef is the Go loop a layer kernel's documentation states, on the
// element contract k.ref: the bias added first (one binary64 addition),
// and the column sums of each block of BlockRows rows from -0, added to
// acc in block order.
func layerRef(k layerKernel, rows, cols int, d, acc, a, y, p []float64, s []float64) {
	block := make([]float64, cols)
	for i := range d {
		j := i % cols
		row := i / cols
		if row%BlockRows == 0 {
			block[j] = math.Copysign(0, -1)
		}
		switch k.shape {
		case shapeBias:
			d[i] = k.ref(a[i]+p[j], 0, 0, s)
		case shapePerColumn:
			d[i] = k.ref(a[i], 0, p[j], s)
		case shapeGradBias:
			d[i] = k.ref(a[i], y[i], 0, s)
			block[j] += d[i]
		case shapePerColumnGrad:
			if y[i] <= 0 {
				block[j] += float64(y[i] * a[i]) // not fused
			}
			d[i] = k.ref(a[i], y[i], p[j], s)
		}
		if acc != nil && (row%BlockRows == BlockRows-1 || row == rows-1) {
			acc[j] += block[j]
		}
	}
}

// layerInputs returns rows×cols values: random normals of both signs,
// with some zeros, and, with specials, infinities and NaNs.
func layerInputs(r *rand.Rand, n int, specials bool) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = r.NormFloat64()
		switch u := r.IntN(64); {
		case u == 0:
			v[i] = math.Copysign(0, -v[i])
		case u == 1 && specials:
			v[i] = math.Inf(1)
		case u == 2 && specials:
			v[i] = math.Float64frombits(0x7ff8000000000000 | r.Uint64()>>14)
		case u == 3:
			v[i] = float64(r.IntN(13) - 6) // on the kernels' breakpoints
		}
	}
	return v
}

// checkLayer compares a layer kernel's outputs with layerRef's.
func checkLayer(t *testing.T, what string, got, want, gotAcc, wantAcc []float64) {
	t.Helper()
	fails := 0
	for i := range got {
		// Two NaNs may meet in an addition (a bias, a sum): any NaN is
		// the right one there, which the NaN tests of the elementwise
		// kernels pin down.
		if !sameBits(got[i], want[i]) && !(got[i] != got[i] && want[i] != want[i]) && fails < 5 {
			fails++
			t.Errorf("%s: dst[%d] = %v (%#016x), want %v (%#016x)", what, i, got[i], math.Float64bits(got[i]), want[i], math.Float64bits(want[i]))
		}
	}
	for j := range gotAcc {
		if !sameBits(gotAcc[j], wantAcc[j]) && !(gotAcc[j] != gotAcc[j] && wantAcc[j] != wantAcc[j]) && fails < 10 {
			fails++
			t.Errorf("%s: sums[%d] = %v, want %v", what, j, gotAcc[j], wantAcc[j])
		}
	}
}

func TestLayers(t *testing.T) { eachPath(t, testLayers) }

func testLayers(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	par := NewParallel(3)
	defer par.Close()
	for _, k := range layers {
		t.Run(k.name, func(t *testing.T) {
			shapes := [][2]int{{1, 1}, {3, 5}, {257, 7}, {BlockRows*2 + 3, 64}, {40, 300}, {2, chunkLen + 9}}
			if testing.Short() {
				shapes = shapes[:4] // the emulators: no chunking
			}
			for _, shape := range shapes {
				rows, cols := shape[0], shape[1]
				n := rows * cols
				for _, s := range scalarSets(k.scalars)[:min(3, len(scalarSets(k.scalars)))] {
					specials := rows < 100
					a, y := layerInputs(r, n, specials), layerInputs(r, n, specials)
					p := layerInputs(r, cols, false)
					var acc []float64
					if k.shape == shapeGradBias || k.shape == shapePerColumnGrad {
						acc = layerInputs(r, cols, false)
					}
					want, wantAcc := make([]float64, n), append([]float64(nil), acc...)
					layerRef(k, rows, cols, want, wantAcc, a, y, p, s)
					got, gotAcc := make([]float64, n), append([]float64(nil), acc...)
					k.call(got, gotAcc, a, y, p, s)
					what := fmt.Sprintf("%d×%d, scalars %v", rows, cols, s)
					checkLayer(t, what, got, want, gotAcc, wantAcc)
					got, gotAcc = make([]float64, n), append([]float64(nil), acc...)
					k.parallel(par, got, gotAcc, a, y, p, s)
					checkLayer(t, what+", Parallel", got, want, gotAcc, wantAcc)
				}
			}
		})
	}
}

func TestParallelElementwise(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	par := NewParallel(4)
	defer par.Close()
	n := 3*chunkLen + 17
	v, x := layerInputs(r, n, true), layerInputs(r, n, true)
	a, b := make([]float64, n), make([]float64, n)
	s := []float64{0.25, 3}
	ReLU(a, v)
	par.ReLU(b, v)
	checkLayer(t, "ReLU", b, a, nil, nil)
	LeakyReLUGrad(a, v, x, s[0])
	par.LeakyReLUGrad(b, v, x, s[0])
	checkLayer(t, "LeakyReLUGrad", b, a, nil, nil)
	HardTanh(a, v, -s[1], s[1])
	par.HardTanh(b, v, -s[1], s[1])
	checkLayer(t, "HardTanh", b, a, nil, nil)
}

func TestMatrix(t *testing.T) { eachPath(t, testMatrix) }

func testMatrix(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	const rows, cols, stride = 37, 11, 16
	src, dst := layerInputs(r, rows*stride, true), make([]float64, rows*stride)
	for i := range dst {
		dst[i] = 42 // what lies between the rows stays
	}
	bias := layerInputs(r, cols, false)
	BiasLeakyReLUMatrix(Matrix{Rows: rows, Cols: cols, Stride: stride, Data: dst}, Matrix{Rows: rows, Cols: cols, Stride: stride, Data: src}, bias, 0.1)
	for i := range dst {
		row, c := i/stride, i%stride
		want := 42.0
		if c < cols && row < rows {
			want = refLeakyReLU(src[i]+bias[c], 0.1)
		}
		if !sameBits(dst[i], want) && !(dst[i] != dst[i] && want != want) {
			t.Fatalf("BiasLeakyReLUMatrix: element %d (row %d, column %d) = %v, want %v", i, row, c, dst[i], want)
		}
	}
}

func TestArgumentChecks(t *testing.T) {
	for _, c := range []struct {
		call func()
		want []string
	}{
		{func() { ReLU(make([]float64, 3), make([]float64, 4)) }, []string{"f64.ReLU", "3", "4"}},
		{func() { LeakyReLUGrad(make([]float64, 5), make([]float64, 5), make([]float64, 2), 0.1) }, []string{"f64.LeakyReLUGrad", "5", "2"}},
		{func() { BiasReLU(make([]float64, 6), make([]float64, 6), make([]float64, 4)) }, []string{"f64.BiasReLU", "6", "4"}},
		{func() { s := make([]float64, 8); ReLU(s[1:5], s[:4]) }, []string{"f64.ReLU", "overlap"}},
		{func() { ReLUGradBias(make([]float64, 6), make([]float64, 3), make([]float64, 6), make([]float64, 5)) }, []string{"f64.ReLUGradBias", "5"}},
		{func() { NewParallel(1).PReLU(make([]float64, 6), make([]float64, 6), make([]float64, 4)) }, []string{"f64.(*Parallel).PReLU", "4"}},
	} {
		msg := func() (msg string) {
			defer func() { msg = fmt.Sprint(recover()) }()
			c.call()
			return "no panic"
		}()
		for _, w := range c.want {
			if !strings.Contains(msg, w) {
				t.Errorf("panic %q: want it to name %q", msg, w)
			}
		}
	}
}

func TestActivations(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	src := layerInputs(r, 1000, true)
	for _, c := range []struct {
		text string
		fn   func(dst, src []float64)
	}{
		{"relu", func(d, s []float64) { ReLU(d, s) }},
		{"leaky_relu(0.2)", func(d, s []float64) { LeakyReLU(d, s, 0.2) }},
		{"LeakyReLU", func(d, s []float64) { LeakyReLU(d, s, DefaultLeakyReLUAlpha) }},
		{"hardtanh(-2, 2)", func(d, s []float64) { HardTanh(d, s, -2, 2) }},
		{"relu6", func(d, s []float64) { ReLU6(d, s) }},
		{"hard_swish", func(d, s []float64) { HardSwish(d, s) }},
		{"sigmoid", func(d, s []float64) { Sigmoid(d, s) }},
		{"Tanh()", func(d, s []float64) { Tanh(d, s) }},
		{"silu", func(d, s []float64) { SiLU(d, s) }},
		{"gelu", func(d, s []float64) { GELU(d, s) }},
		{"GELU(approximate='tanh')", func(d, s []float64) { GELUTanh(d, s) }},
		{"ELU(alpha=1.0)", func(d, s []float64) { ELU(d, s, 1) }},
		{"Mish()", func(d, s []float64) { Mish(d, s) }},
		{"Softplus(beta=1.0, threshold=40.0)", func(d, s []float64) { Softplus(d, s) }},
	} {
		a, err := ParseActivation(c.text)
		if err != nil {
			t.Errorf("ParseActivation(%q): %v", c.text, err)
			continue
		}
		b, err := ParseActivation(a.String())
		if err != nil || b != a {
			t.Errorf("ParseActivation(%q) = %v, %v: want %v back", a.String(), b, err, a)
		}
		got, want := make([]float64, len(src)), make([]float64, len(src))
		a.Forward(got, src)
		c.fn(want, src)
		checkLayer(t, c.text, got, want, nil, nil)
	}
	if a, err := ParseActivation("leaky_relu(0.1)"); err != nil || a.Alpha() != 0.1 {
		t.Errorf("leaky_relu(0.1): alpha %v (%v), want the float64 0.1", a.Alpha(), err)
	}
	if _, err := ParseActivation("leaky_relu(1e-400)"); err == nil || !strings.Contains(err.Error(), "5e-324") {
		t.Errorf("leaky_relu(1e-400): %v, want an error naming float64's smallest", err)
	}
	// PyTorch's default threshold, 20, is not float64's: softplus(x) rounds
	// to x only from 34 on.
	if _, err := ParseActivation("Softplus(beta=1.0, threshold=20.0)"); err == nil || !strings.Contains(err.Error(), "below 34") {
		t.Errorf("Softplus(threshold=20): %v, want the error naming 34", err)
	}
}

func TestAllocations(t *testing.T) {
	a, b, c, e := make([]float64, 4096), make([]float64, 4096), make([]float64, 64), make([]float64, 64)
	for name, f := range map[string]func(){
		"LeakyReLU":     func() { LeakyReLU(a, b, 0.1) },
		"BiasReLU":      func() { BiasReLU(a, b, c) },
		"ReLUGradBias":  func() { ReLUGradBias(a, c, a, b) },
		"PReLUGrad":     func() { PReLUGrad(a, c, a, b, e) },
		"Activation":    func() { LeakyReLUActivation(0.2).Forward(a, b) },
		"HardSwishGrad": func() { HardSwishGrad(a, a, b) },
	} {
		if n := testing.AllocsPerRun(10, f); n != 0 {
			t.Errorf("%s: %v allocations per call, want 0", name, n)
		}
	}
}

func BenchmarkKernels(b *testing.B) {
	const n = 4096
	r := rand.New(rand.NewPCG(11, 12))
	v, x, dst := layerInputs(r, n, false), layerInputs(r, n, false), make([]float64, n)
	for _, k := range elementwise {
		s := scalarSets(k.scalars)[0]
		for _, p := range append([]path{{name: "generic", available: true}}, paths...) {
			if !p.available {
				continue
			}
			b.Run(k.name+"/"+p.name, func(b *testing.B) {
				defer usePath(p.name)()
				b.SetBytes(8 * n)
				for b.Loop() {
					k.call(dst, v, x, s)
				}
			})
		}
	}
	b.Run("copy", func(b *testing.B) {
		b.SetBytes(8 * n)
		for b.Loop() {
			copy(dst, v)
		}
	})
}
