package f16

import (
	"testing"

	"github.com/fastrelu/fastrelu/internal/halftest"
)

var format = halftest.Formats["f16"]

var conversions = halftest.Conversions{
	FromFloat32: func(x float32) uint16 { return uint16(FromFloat32(x)) },
	Float32:     func(b uint16) float32 { return Bits(b).Float32() },
	IsNaN:       func(b uint16) bool { return Bits(b).IsNaN() },
	Midpoint:    midpoint,
}

var sliceForms = halftest.SliceForms[Bits]{FromFloat32s: FromFloat32s, ToFloat32s: ToFloat32s}

// narrowPins and widenPins are worked out by hand.
var narrowPins = []halftest.Pin{
	{X: 0x3f800000, B: 0x3c00}, // 1
	{X: 0x40490fdb, B: 0x4248}, // pi
	{X: 0x3dcccccd, B: 0x2e66}, // 0.1
	{X: 0x3eaaaaab, B: 0x3555}, // 1/3
	{X: 0x477fe000, B: 0x7bff}, // 65504, the largest
	{X: 0x477fefff, B: 0x7bff}, // just below 65520
	{X: 0x477ff000, B: 0x7c00}, // 65520: the tie goes to Inf
	{X: 0xc77ff000, B: 0xfc00}, // -65520
	{X: 0x33800000, B: 0x0001}, // 2^-24, the smallest subnormal
	{X: 0x33000000, B: 0x0000}, // 2^-25: the tie goes to 0
	{X: 0xb3000000, B: 0x8000}, // -2^-25: to -0
	{X: 0x33000001, B: 0x0001}, // just above 2^-25
	{X: 0x33c00000, B: 0x0002}, // 3·2^-25: the tie goes to 2
	{X: 0x387fe000, B: 0x0400}, // (1-2^-11)·2^-14 rounds up to the smallest normal
	{X: 0x7f800001, B: 0x7e00}, // signalling, no kept payload: quiet
	{X: 0xff800001, B: 0xfe00}, // the same, negative
	{X: 0x7fa00000, B: 0x7f00}, // signalling, kept payload
	{X: 0x7fc00000, B: 0x7e00}, // quiet
	{X: 0xffffffff, B: 0xffff}, // all ones
	{X: 0x7f7fffff, B: 0x7c00}, // float32's largest: Inf
	{X: 0x00000001, B: 0x0000}, // float32's smallest: 0
}

var widenPins = []halftest.Pin{
	{X: 0x33800000, B: 0x0001}, {X: 0x387fc000, B: 0x03ff}, {X: 0x38800000, B: 0x0400},
	{X: 0x3f800000, B: 0x3c00}, {X: 0x477fe000, B: 0x7bff}, {X: 0x7f800000, B: 0x7c00},
	{X: 0x7f802000, B: 0x7c01}, {X: 0x7fc00000, B: 0x7e00}, {X: 0xffa00000, B: 0xfd00},
	{X: 0x80000000, B: 0x8000},
}

func TestConversions(t *testing.T) { halftest.Check(t, format, conversions, narrowPins, widenPins) }

func TestSlices(t *testing.T) { halftest.CheckSlices(t, format, conversions, sliceForms) }

// TestFromFloat32All runs with FASTRELU_SWEEP=full only (CI's sweep step).
func TestFromFloat32All(t *testing.T) { halftest.All(t, format, conversions) }

func FuzzFromFloat32(f *testing.F) { halftest.Fuzz(f, format, conversions) }

func BenchmarkSlices(b *testing.B) { halftest.Bench(b, sliceForms, conversionPaths()) }

// conversionPaths are this build's conversions, each a flag of paths, and
// the generic one (every flag off).
func conversionPaths() []halftest.Path { return halftest.FlagPaths(flagPaths(paths)) }

// flagPaths are ps as halftest takes them.
func flagPaths(ps []path) []halftest.FlagPath {
	var fs []halftest.FlagPath
	for _, p := range ps {
		fs = append(fs, halftest.FlagPath{Name: p.name, Flag: p.flag, Available: p.available})
	}
	return fs
}

func TestPaths(t *testing.T) { halftest.Paths(t, format, conversions, sliceForms, conversionPaths()) }

func TestSkip(t *testing.T) {
	for _, p := range conversionPaths() {
		t.Run(p.Name, func(t *testing.T) {
			if !p.Available {
				t.Skipf("%s: this CPU cannot run it", p.Name)
			}
			defer p.Use()()
			halftest.CheckSkip(t, format, skip)
		})
	}
}

func FuzzSlices(f *testing.F) { halftest.FuzzSlices(f, conversions, sliceForms, conversionPaths()) }
