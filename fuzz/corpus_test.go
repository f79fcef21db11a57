package fuzz

import (
	"fmt"
	"hash/crc32"
	"math"
	"math/rand/v2"
)

// The seed corpus of the elementwise targets: fuzzTarget adds it with
// f.Add, so every "go test" runs it (arm64 under qemu too), for every
// kernel the generator makes, new ones included. Inputs that "go test
// -fuzz" finds failing land in testdata/fuzz/Fuzz*/ under hash names;
// commit them as regression tests.

// seedValues are the special values every seed draws from: an input with no
// value bytes uses them too.
var seedValues = []uint32{
	0x00000000, 0x80000000, // ±0
	0x7f800000, 0xff800000, // ±Inf
	0x7fc00000, 0xffc00000, // quiet NaNs, no payload (0xffc00000 is x86's default NaN)
	0x7fc12345, 0xffd00001, // quiet NaNs with payloads
	0x7fffffff, 0xffffffff, // quiet NaNs, all payload bits set
	0x7f800001, 0xff800001, // signaling NaNs, smallest payload
	0x7fbfffff, 0xff9abcde, // signaling NaNs, other payloads
	0x7fa00000,             // signaling NaN, top payload bit
	0x00000001, 0x80000001, // ±smallest subnormal
	0x00000003, 0x80000005, // odd multiples of it (ties when halved)
	0x007fffff, 0x807fffff, // ±largest subnormal
	0x00400000, 0x80400001, // mid subnormals
	0x00800000, 0x80800000, // ±smallest normal
	0x00800001, 0x80ffffff, // just above it
	0x7f7fffff, 0xff7fffff, // ±MaxFloat32
	0x7f000000, 0xfe800001, // large
	0x3f800000, 0xbf800000, // ±1
	0x3f7fffff, 0x3f800001, // next to 1
	0xbf7fffff, 0xbf800001, // next to -1
	0x3c23d70a, 0xbe99999a, // 0.01, -0.3
	0x0da24260, 0xf149f2ca, // 1e-30, -1e30
	0x4b800001, 0xcb7fffff, // around 2^24
}

// seedAlphas are the alphas the seeds cycle through.
var seedAlphas = []uint32{
	0x3c23d70a, // 0.01
	0xbe99999a, // -0.3
	0x3e4ccccd, // 0.2
	0x00000000, // 0
	0x80000000, // -0
	0x3f800000, // 1
	0xbf800000, // -1
	0x3fc00000, // 1.5
	0x3f000000, // 0.5 (ties at the subnormal grid)
	0x40000000, // 2 (overflow at MaxFloat32)
	0x00000001, // smallest subnormal
	0x007fffff, // largest subnormal
	0x7e61d7a5, // about 3e38
	0x7f7fffff, // MaxFloat32
	0x7f800000, // +Inf
	0xff800000, // -Inf
	0x7fc00000, // quiet NaN
	0xffc0dead, // negative quiet NaN with payload
	0x7f800001, // signaling NaN
	0xff812345, // negative signaling NaN with payload
}

func seedCorpus(k kind) map[string]input {
	modes := len(unaryLayouts)
	if k.binary() {
		modes = len(binaryLayouts)
	}
	rotate := func(r int) []uint32 {
		r %= len(seedValues)
		return append(append([]uint32(nil), seedValues[r:]...), seedValues[:r]...)
	}
	rng := rand.New(rand.NewPCG(uint64(crc32.ChecksumIEEE([]byte(k.String()))), 4))
	random := func(l int) []uint32 {
		w := make([]uint32, l)
		for i := range w {
			switch rng.IntN(4) {
			case 0:
				w[i] = seedValues[rng.IntN(len(seedValues))]
			case 1: // ordinary values of either sign, around 1
				w[i] = math.Float32bits(float32(rng.NormFloat64()))
			default:
				w[i] = rng.Uint32()
			}
		}
		return w
	}
	seeds := map[string]input{}
	// Every length up to 65: every vector width and unrolled body, with and
	// without a tail; the special values move across the tail positions.
	for n := 0; n <= 65; n++ {
		seeds[fmt.Sprintf("len-%02d", n)] = input{
			n:     n,
			off:   [3]int{n * 5 % 16, (n*3 + 1) % 16, (n*7 + 2) % 16},
			mode:  uint8(n % modes),
			shift: uint8(n * 37),
			alpha: seedAlphas[n%len(seedAlphas)],
			words: rotate(n * 7),
		}
	}
	// Every alpha on every special value; for the gradients, on every pair of
	// special values (grad, x), in every layout.
	for i, a := range seedAlphas {
		n := len(seedValues)
		if k.binary() {
			n *= n
		}
		seeds[fmt.Sprintf("alpha-%02d", i)] = input{
			n:     n,
			off:   [3]int{i % 16, (i + 5) % 16, (i + 11) % 16},
			mode:  uint8(i % modes),
			shift: uint8(i*29 + 1),
			alpha: a,
			words: seedValues,
		}
	}
	// Misaligned starts: every offset from a 64-byte boundary, 0 to 31.
	for o := 0; o < 32; o++ {
		seeds[fmt.Sprintf("offsets-%02d", o)] = input{
			n:     37 + o%3*16,
			off:   [3]int{o, (o + 17) % 32, (o*7 + 3) % 32},
			mode:  uint8(o % 2 * (o / 2 % modes)),
			shift: uint8(o*11 + 3),
			alpha: seedAlphas[o%len(seedAlphas)],
			words: rotate(o),
		}
	}
	// Every layout, with random values, at lengths around the widths.
	for m := 0; m < modes; m++ {
		for j, n := range []int{17, 64, 100} {
			seeds[fmt.Sprintf("layout-%d-n%03d", m, n)] = input{
				n:     n,
				off:   [3]int{(m + j) % 16, (m*3 + j + 1) % 16, (m*5 + j + 2) % 16},
				mode:  uint8(m),
				shift: uint8(rng.Uint32()),
				alpha: seedAlphas[(m*3+j)%len(seedAlphas)],
				words: random(2 * n),
			}
		}
	}
	// Longer calls, the words cycled.
	for j, n := range []int{255, 256, 257, 1000, maxLen} {
		seeds[fmt.Sprintf("long-%04d", n)] = input{
			n:     n,
			off:   [3]int{j * 3 % 16, (j*5 + 1) % 16, (j*7 + 2) % 16},
			mode:  uint8(j % modes),
			shift: uint8(rng.Uint32()),
			alpha: seedAlphas[j*4%len(seedAlphas)],
			words: random(97),
		}
	}
	return seeds
}
