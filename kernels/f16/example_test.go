package f16_test

import (
	"fmt"
	"math"

	"github.com/fastrelu/fastrelu/kernels/f16"
)

func ExampleFromFloat32() {
	for _, x := range []float32{
		1.0 / 3,
		65504,   // the largest float16
		65519,   // below 65504 plus half its last place: 65504
		65520,   // exactly half way to 65536: rounds to even, which is Inf
		0x1p-25, // half the smallest subnormal: rounds to even, 0
		0x1.8p-24,
		math.Float32frombits(0x7f800001), // a signalling NaN: quieted, not Inf
	} {
		fmt.Printf("%-14g %#04x\n", x, uint16(f16.FromFloat32(x)))
	}
	// Output:
	// 0.33333334     0x3555
	// 65504          0x7bff
	// 65519          0x7bff
	// 65520          0x7c00
	// 2.9802322e-08  0x0000
	// 8.940697e-08   0x0002
	// NaN            0x7e00
}

func ExampleBits_Float32() {
	for _, b := range []f16.Bits{0x3555, 0x7bff, 0x0001, 0xfc00, 0x7d00} {
		x := b.Float32()
		fmt.Printf("%#04x %-14g %#08x\n", uint16(b), x, math.Float32bits(x))
	}
	// Output:
	// 0x3555 0.33325195     0x3eaaa000
	// 0x7bff 65504          0x477fe000
	// 0x0001 5.9604645e-08  0x33800000
	// 0xfc00 -Inf           0xff800000
	// 0x7d00 NaN            0x7fa00000
}
