package bf16

import (
	"testing"

	"github.com/fastrelu/fastrelu/internal/halftest"
)

var format = halftest.Formats["bf16"]

var conversions = halftest.Conversions{
	FromFloat32: func(x float32) uint16 { return uint16(FromFloat32(x)) },
	Float32:     func(b uint16) float32 { return Bits(b).Float32() },
	IsNaN:       func(b uint16) bool { return Bits(b).IsNaN() },
	Midpoint:    midpoint,
}

var sliceForms = halftest.SliceForms[Bits]{FromFloat32s: FromFloat32s, ToFloat32s: ToFloat32s}

// narrowPins and widenPins are worked out by hand.
var narrowPins = []halftest.Pin{
	{X: 0x3f800000, B: 0x3f80}, // 1
	{X: 0x40490fdb, B: 0x4049}, // pi
	{X: 0x3dcccccd, B: 0x3dcd}, // 0.1
	{X: 0x3eaaaaab, B: 0x3eab}, // 1/3
	{X: 0x3f808000, B: 0x3f80}, // a tie, to the even below
	{X: 0x3f818000, B: 0x3f82}, // a tie, to the even above
	{X: 0x3f808001, B: 0x3f81}, // just above a tie
	{X: 0x7f7f0000, B: 0x7f7f}, // the largest
	{X: 0x7f7f7fff, B: 0x7f7f}, // just below the overflow tie
	{X: 0x7f7f8000, B: 0x7f80}, // the tie goes to Inf
	{X: 0xff7f8000, B: 0xff80}, // the same, negative
	{X: 0x7f7fffff, B: 0x7f80}, // float32's largest: Inf
	{X: 0x00010000, B: 0x0001}, // 2^-133, the smallest subnormal
	{X: 0x00008000, B: 0x0000}, // 2^-134: the tie goes to 0
	{X: 0x80008000, B: 0x8000}, // -2^-134: to -0
	{X: 0x00008001, B: 0x0001}, // just above 2^-134
	{X: 0x00018000, B: 0x0002}, // 3·2^-134: the tie goes to 2
	{X: 0x007fffff, B: 0x0080}, // float32's largest subnormal rounds up to the smallest normal
	{X: 0x00000001, B: 0x0000}, // float32's smallest: 0
	{X: 0x7f800001, B: 0x7fc0}, // signalling, no kept payload: quiet
	{X: 0xff800001, B: 0xffc0}, // the same, negative
	{X: 0x7fa00000, B: 0x7fe0}, // signalling, kept payload
	{X: 0x7fc00000, B: 0x7fc0}, // quiet
	{X: 0xffffffff, B: 0xffff}, // all ones
}

var widenPins = []halftest.Pin{
	{X: 0x00010000, B: 0x0001}, {X: 0x007f0000, B: 0x007f}, {X: 0x00800000, B: 0x0080},
	{X: 0x3f800000, B: 0x3f80}, {X: 0x7f7f0000, B: 0x7f7f}, {X: 0x7f800000, B: 0x7f80},
	{X: 0x7f810000, B: 0x7f81}, {X: 0x7fc00000, B: 0x7fc0}, {X: 0xffa00000, B: 0xffa0},
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
