package f64

import (
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
)

// TestSmooth checks the smooth kernels against their references
// (internal/rounded's binary64 functions), bit for bit, on many more
// inputs than TestElementwise's classes: the neighbours of every threshold
// of the functions, uniform ones in [-800, 800] and [-30, 30], where they change, ones
// of every magnitude, and random bit patterns. On amd64 the assembly runs
// the double-double operations of internal/rounded lane by lane
// (kernels/_asm/kernel/evaluate_wide.go); this is the check that it does.
// FASTRELU_WIDE_RANDOM=n sets the random inputs per kernel.
func TestSmooth(t *testing.T) { eachPath(t, testSmooth) }

func testSmooth(t *testing.T) {
	n := 1 << 16
	if testing.Short() {
		n = 1 << 10 // the emulators
	}
	if s := os.Getenv("FASTRELU_WIDE_RANDOM"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("FASTRELU_WIDE_RANDOM=%q: %v", s, err)
		}
		n = v
	}
	r := rand.New(rand.NewPCG(7, 64))
	xs := smoothInputs(r, n)
	gs := make([]float64, len(xs))
	for i := range gs {
		gs[i] = float64(4*r.Float64()) - 2
	}
	gs[0], gs[1], gs[2] = math.NaN(), math.Inf(-1), math.Copysign(0, -1)
	for _, k := range elementwise {
		if !k.rounded {
			continue
		}
		t.Run(k.name, func(t *testing.T) {
			for _, s := range scalarSets(k.scalars)[:min(3, len(scalarSets(k.scalars)))] {
				dst := make([]float64, len(xs))
				var x []float64
				v := xs
				if k.grad {
					v, x = gs, xs
				}
				k.call(dst, v, x, s)
				fails := 0
				for i := range dst {
					var want float64
					ops := append([]float64{v[i]}, s...)
					if k.grad {
						want = k.ref(v[i], x[i], s)
						ops = append(ops, x[i])
					} else {
						want = k.ref(v[i], 0, s)
					}
					if !sameBits(dst[i], want, ops...) {
						if fails++; fails <= 10 {
							t.Errorf("%s(v=%v %#016x, x=%#016x, s=%v) = %#016x, want %#016x", k.name, v[i], math.Float64bits(v[i]), math.Float64bits(xs[i]), s, math.Float64bits(dst[i]), math.Float64bits(want))
						}
					}
				}
				if fails > 10 {
					t.Errorf("%s: %d elements differ", k.name, fails)
				}
			}
		})
	}
}

// smoothInputs returns the thresholds of the binary64 functions (their
// clamps, where their results leave float64's range, where their
// evaluations change) with 64 neighbours each side, then n random inputs:
// a quarter uniform in [-800, 800], a quarter in [-30, 30], a quarter of
// every magnitude, a quarter random bit patterns.
func smoothInputs(r *rand.Rand, n int) []float64 {
	points := []float64{0, 0x1p-1074, 0x1p-1022, 0x1p-800, 0x1p-100, 0x1p-26, 0.125, 0.25, 0.5,
		math.Ln2 / 2, 1, 2, 19, 20, 21, 38.6, 40, 60, 100, 700, 708.3964185322641, 709.782712893384,
		710, 745.1332191019411, 752, 760, 1000, math.MaxFloat64,
		// The roots of the derivatives of SiLU, Mish and GELUTanh, and
		// the ends of their series' windows.
		1.278464543, 1.278464543 - 0.125, 1.278464543 + 0.125, 1.192431215, 1.192431215 - 0.125, 1.192431215 + 0.125,
		0.7524614221, 0.7524614221 - 0.125, 0.7524614221 + 0.125, 25}
	var xs []float64
	for _, p := range points {
		for _, x := range []float64{p, -p} {
			up, down := x, x
			xs = append(xs, x)
			for range 64 {
				up, down = math.Nextafter(up, math.Inf(1)), math.Nextafter(down, math.Inf(-1))
				xs = append(xs, up, down)
			}
		}
	}
	xs = append(xs, math.Inf(1), math.Inf(-1), math.NaN(), math.Float64frombits(0x7ff0000000000001), math.Float64frombits(0xfff4000000000123))
	for i := range n {
		switch i % 4 {
		case 0:
			xs = append(xs, float64(1600*r.Float64())-800)
		case 1:
			xs = append(xs, float64(60*r.Float64())-30)
		case 2:
			e := r.IntN(2200) - 1100
			xs = append(xs, math.Ldexp(2*r.Float64()-1, e))
		default:
			xs = append(xs, math.Float64frombits(r.Uint64()))
		}
	}
	return xs
}
