package bf16_test

import (
	"fmt"
	"math"

	"github.com/fastrelu/fastrelu/kernels/bf16"
)

func ExampleFromFloat32() {
	for _, x := range []float32{
		1.0 / 3,
		1.00390625,                       // 1 + 2^-8, half way between 1 and the next: rounds to even, 1
		1.01171875,                       // 1 + 3·2^-8, half way again: rounds to even, up
		math.Float32frombits(0x7f7f8000), // the largest plus half its last place: Inf
		math.Float32frombits(0x7f800001), // a signalling NaN: quieted, not Inf
	} {
		fmt.Printf("%-14g %#04x\n", x, uint16(bf16.FromFloat32(x)))
	}
	// Output:
	// 0.33333334     0x3eab
	// 1.0039062      0x3f80
	// 1.0117188      0x3f82
	// 3.3961775e+38  0x7f80
	// NaN            0x7fc0
}

func ExampleBits_Float32() {
	for _, b := range []bf16.Bits{0x3eab, 0x7f7f, 0x0001, 0xff80, 0x7fa0} {
		x := b.Float32()
		fmt.Printf("%#04x %-14g %#08x\n", uint16(b), x, math.Float32bits(x))
	}
	// Output:
	// 0x3eab 0.33398438     0x3eab0000
	// 0x7f7f 3.3895314e+38  0x7f7f0000
	// 0x0001 9.1835e-41     0x00010000
	// 0xff80 -Inf           0xff800000
	// 0x7fa0 NaN            0x7fa00000
}

func ExampleLeakyReLU() {
	var src []bf16.Bits
	for _, x := range []float32{-3, -0.5, 0, 1.5, 100} {
		src = append(src, bf16.FromFloat32(x))
	}
	dst := make([]bf16.Bits, len(src))
	bf16.LeakyReLU(dst, src, 0.2)
	for i := range dst {
		fmt.Printf("%g -> %g\n", src[i].Float32(), dst[i].Float32())
	}
	// Output:
	// -3 -> -0.6015625
	// -0.5 -> -0.100097656
	// 0 -> 0
	// 1.5 -> 1.5
	// 100 -> 100
}
