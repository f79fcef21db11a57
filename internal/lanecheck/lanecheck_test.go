package lanecheck

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// specials are the values every operation is tried on, alone, in every
// pair and (FMA) in every triple: zeros, subnormals, the ends of the
// normal range, infinities, quiet and signaling NaNs with payloads, values
// at and beside integers and ties, around 2^23 (where every float is
// integral) and around ±2^31 (ToInt32's range).
var specials = func() []float32 {
	bits := []uint32{
		0x00000000, 0x00000001, 0x007fffff, 0x00800000, 0x00400000, // zero, subnormals, smallest normal
		0x7f7fffff, 0x7f800000, // largest finite, Inf
		0x7fc00000, 0x7fc0beef, 0x7fffffff, 0x7f800001, 0x7fa00000, 0x7fbfffff, // quiet and signaling NaNs
	}
	for _, f := range []float32{
		1, 0.5, 1.5, 2.5, 3.5, 0.49999997, 0.50000006, 1.4999999, 2.5000002, 3, 7, 1.0 / 3, math.Pi,
		1 << 23, 1<<23 + 1, 8388607.5, 1 << 24, 1 << 30,
		2147483520, 2147483648, 2147483904, 3e38, 1e-38, 1e-30, 1e30, 1.1754942e-38,
		1 + 0x1p-12, 0x1p-70, 24929, 673, 0x1p-40, // FMA's float32 ties after float64 rounding
	} {
		bits = append(bits, math.Float32bits(f))
	}
	var s []float32
	for _, b := range bits {
		s = append(s, math.Float32frombits(b), math.Float32frombits(b|0x80000000))
	}
	return s
}()

// inputs returns the inputs of a check with n inputs: every tuple of
// specials, then random values, each lane either random bits or a
// special, so that random tuples also meet NaNs and zeros together.
func inputs(n, random int, rng *rand.Rand) [][]float32 {
	in := make([][]float32, n)
	var tuple func(depth int, vals []float32)
	tuple = func(depth int, vals []float32) {
		if depth == n {
			for i, v := range vals {
				in[i] = append(in[i], v)
			}
			return
		}
		for _, v := range specials {
			tuple(depth+1, append(vals, v))
		}
	}
	tuple(0, nil)
	for j := 0; j < random; j++ {
		for i := range in {
			v := math.Float32frombits(rng.Uint32())
			switch rng.IntN(4) {
			case 0:
				v = specials[rng.IntN(len(specials))]
			case 1: // a of modest size, the others of a's sign and exponent,
				// so that differences cancel and FMA's sums meet ties
				if i == 0 {
					v = math.Float32frombits(rng.Uint32() & 0x4fffffff)
				} else {
					a := math.Float32bits(in[0][len(in[0])-1])
					v = math.Float32frombits(a&0xff800000 | rng.Uint32()&0x007fffff)
				}
			}
			in[i] = append(in[i], v)
		}
	}
	return in
}

func randomCount() int {
	if testing.Short() {
		return 1 << 16
	}
	return 1 << 20
}

// TestEveryPathGivesTheSameBits runs every check on every path of this
// machine and compares each output with the generic one, bit for bit.
func TestEveryPathGivesTheSameBits(t *testing.T) {
	if len(asmPaths) == 0 {
		t.Log("no assembly path here: the generic path is checked by the lanemath tests")
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for ci, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			in := inputs(c.inputs, randomCount(), rng)
			n := len(in[0])
			want := make([]float32, n)
			c.generic(want, in)
			for _, p := range asmPaths {
				if lacks := supported(p.name, c.name); lacks != "" {
					t.Logf("%s: this CPU lacks %s", p.name, lacks)
					continue
				}
				got := make([]float32, n)
				p.kernels[ci](got, in)
				bad := 0
				for i := range got {
					if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
						if bad++; bad <= 10 {
							t.Errorf("%s %s%s: %s, generic %#08x", p.name, c.name, args(in, i), hex(got[i]), math.Float32bits(want[i]))
						}
					}
				}
				if bad > 10 {
					t.Errorf("%s %s: %d of %d differ", p.name, c.name, bad, n)
				}
			}
		})
	}
}

// TestEveryLength runs every check at every length through the bodies and
// tails of the kernels, in place and out of place, against the generic
// path element by element.
func TestEveryLength(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for ci, c := range checks {
		for _, p := range asmPaths {
			if supported(p.name, c.name) != "" {
				continue
			}
			for n := 0; n <= 150; n++ {
				in := make([][]float32, c.inputs)
				for i := range in {
					for j := 0; j < n; j++ {
						in[i] = append(in[i], float32(rng.NormFloat64()*10))
					}
				}
				want := make([]float32, n)
				c.generic(want, in)
				// One guard on each side: nothing outside dst may change.
				buf := make([]float32, n+2)
				buf[0], buf[n+1] = 42, 43
				p.kernels[ci](buf[1:n+1], in)
				if buf[0] != 42 || buf[n+1] != 43 {
					t.Fatalf("%s %s n=%d: wrote outside dst", p.name, c.name, n)
				}
				inPlace := append([]float32(nil), in[0]...)
				p.kernels[ci](inPlace, append([][]float32{inPlace}, in[1:]...))
				for i := 0; i < n; i++ {
					w := math.Float32bits(want[i])
					if math.Float32bits(buf[1+i]) != w || math.Float32bits(inPlace[i]) != w {
						t.Fatalf("%s %s n=%d i=%d: %s, in place %s, generic %#08x", p.name, c.name, n, i, hex(buf[1+i]), hex(inPlace[i]), w)
					}
				}
			}
		}
	}
}

func hex(f float32) string { return fmt.Sprintf("%#08x", math.Float32bits(f)) }

func args(in [][]float32, i int) string {
	s := "("
	for j := range in {
		if j > 0 {
			s += ", "
		}
		s += hex(in[j][i])
	}
	return s + ")"
}
