package halftest

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"unsafe"

	"github.com/fastrelu/fastrelu/internal/fpenv"
)

// SliceForms are a storage type's slice conversions.
type SliceForms[B ~uint16] struct {
	FromFloat32s func(dst []B, src []float32)
	ToFloat32s   func(dst []float32, src []B)
}

// CheckSlices checks the slice forms against the scalar ones at lengths
// 0..40, their panics on mismatched lengths (the message names the function
// and both lengths), and that they allocate nothing.
func CheckSlices[B ~uint16](t *testing.T, f Format, c Conversions, s SliceForms[B]) {
	r := rand.New(rand.NewPCG(5, 6))
	for n := range 41 {
		src := inputs(f, n)
		b := make([]B, n)
		s.FromFloat32s(b, src)
		for i, x := range src {
			if want := c.FromFloat32(x); uint16(b[i]) != want {
				t.Errorf("n=%d: FromFloat32s: [%d] = %#04x, want %#04x", n, i, uint16(b[i]), want)
			}
		}
		for i := range b {
			b[i] = B(r.Uint32())
		}
		y := make([]float32, n)
		s.ToFloat32s(y, b)
		for i, v := range b {
			if got, want := math.Float32bits(y[i]), math.Float32bits(c.Float32(uint16(v))); got != want {
				t.Errorf("n=%d: ToFloat32s: [%d] = %#08x, want %#08x", n, i, got, want)
			}
		}
	}

	message := func(fn string, d, s int) string {
		return f.Name + "." + fn + ": len(dst)=" + strconv.Itoa(d) + ", len(src)=" + strconv.Itoa(s) +
			": all slices must have the same length"
	}
	for _, c := range [][2]int{{3, 4}, {4, 3}, {0, 1}, {1, 0}} {
		d, n := c[0], c[1]
		expectPanic(t, message("FromFloat32s", d, n), func() { s.FromFloat32s(make([]B, d), make([]float32, n)) })
		expectPanic(t, message("ToFloat32s", d, n), func() { s.ToFloat32s(make([]float32, d), make([]B, n)) })
	}

	x := inputs(f, 100)
	b := make([]B, len(x))
	if n := testing.AllocsPerRun(100, func() { s.FromFloat32s(b, x) }); n != 0 {
		t.Errorf("FromFloat32s: %v allocations per call, want 0", n)
	}
	if n := testing.AllocsPerRun(100, func() { s.ToFloat32s(x, b) }); n != 0 {
		t.Errorf("ToFloat32s: %v allocations per call, want 0", n)
	}
}

// inputs returns n float32 values drawn from the Specials and from random
// bit patterns, the same ones every run.
func inputs(f Format, n int) []float32 {
	sp := f.Specials()
	r := rand.New(rand.NewPCG(1, 2))
	x := make([]float32, n)
	for i := range x {
		if i%2 == 0 {
			x[i] = math.Float32frombits(sp[r.IntN(len(sp))])
		} else {
			x[i] = math.Float32frombits(r.Uint32())
		}
	}
	return x
}

func expectPanic(t *testing.T, want string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		if got := recover(); got != want {
			t.Errorf("panic %#v, want %q", got, want)
		}
	}()
	f()
}

// The benchmark inputs are normal-distributed, as weights and activations
// mostly are; SetBytes counts the bytes read and written, 6 per element.
const benchN = 4096

// Bench runs the benchmarks of the slice forms on each path.
func Bench[B ~uint16](b *testing.B, s SliceForms[B], paths []Path) {
	r := rand.New(rand.NewPCG(3, 4))
	x := make([]float32, benchN)
	for i := range x {
		x[i] = float32(r.NormFloat64())
	}
	h := make([]B, benchN)
	for _, p := range paths {
		b.Run("impl="+p.Name, func(b *testing.B) {
			if !p.Available {
				b.Skipf("%s: this CPU cannot run it", p.Name)
			}
			defer p.Use()()
			b.Run("FromFloat32s", func(b *testing.B) {
				b.SetBytes(6 * benchN)
				for b.Loop() {
					s.FromFloat32s(h, x)
				}
			})
			b.Run("ToFloat32s", func(b *testing.B) {
				b.SetBytes(6 * benchN)
				for b.Loop() {
					s.ToFloat32s(x, h)
				}
			})
		})
	}
}

// Path is an implementation of a storage package's slice conversions: Use
// selects it for the package and returns what restores the selection.
type Path struct {
	Name      string
	Available bool // whether this CPU runs it
	Use       func() (restore func())
}

// FlagPath is a path that a package flag selects.
type FlagPath struct {
	Name      string
	Flag      *bool
	Available bool
}

// FlagPaths returns the paths of flags, each selected by setting its flag
// alone, and "generic", every flag off.
func FlagPaths(flags []FlagPath) []Path {
	use := func(on *bool) func() func() {
		return func() func() {
			saved := make([]bool, len(flags))
			for i, f := range flags {
				saved[i] = *f.Flag
				*f.Flag = f.Flag == on
			}
			return func() {
				for i, f := range flags {
					*f.Flag = saved[i]
				}
			}
		}
	}
	var ps []Path
	for _, f := range flags {
		ps = append(ps, Path{Name: f.Name, Available: f.Available, Use: use(f.Flag)})
	}
	return append(ps, Path{Name: "generic", Available: true, Use: use(nil)})
}

// Paths runs on each path, a subtest each, the checks of the slice forms:
// CheckSlices; the widening of all 2^16 patterns in one call; the
// narrowing of the strided set and the Specials in one call (all 2^32
// patterns with FASTRELU_SWEEP=full), against FromFloat32, which All and
// Check prove; every length to 100 at every element offset into a buffer,
// with the elements around untouched; and under the flush-to-zero modes
// (where internal/fpenv sets them), the same values as without.
func Paths[B ~uint16](t *testing.T, f Format, c Conversions, s SliceForms[B], paths []Path) {
	for _, p := range paths {
		t.Run(p.Name, func(t *testing.T) {
			if !p.Available {
				t.Skipf("%s: this CPU cannot run it", p.Name)
			}
			defer p.Use()()
			CheckSlices(t, f, c, s)
			t.Run("widen", func(t *testing.T) { widenAll(t, c, s) })
			t.Run("narrow", func(t *testing.T) { narrowSet(t, f, c, s) })
			t.Run("lengths", func(t *testing.T) { sliceLengths(t, f, c, s) })
			t.Run("flushed", func(t *testing.T) { flushed(t, f, s) })
		})
	}
}

func widenAll[B ~uint16](t *testing.T, c Conversions, s SliceForms[B]) {
	all := make([]B, 1<<16)
	for i := range all {
		all[i] = B(i)
	}
	y := make([]float32, len(all))
	s.ToFloat32s(y, all)
	for i, v := range y {
		if got, want := math.Float32bits(v), math.Float32bits(c.Float32(uint16(i))); got != want {
			t.Fatalf("ToFloat32s: Bits(%#04x) widens to %#08x, want %#08x", i, got, want)
		}
	}
}

// narrowSet narrows the strided set and the Specials in one call each,
// and checks them against FromFloat32. With FASTRELU_SWEEP=full it narrows
// all 2^32 patterns in order, in blocks of 1<<20 on every core, and checks
// the digest of the results against narrowDigests: FromFloat32's, which
// the generic path (FromFloat32 in a loop, proven by All) reproduces in
// every full run.
func narrowSet[B ~uint16](t *testing.T, f Format, c Conversions, s SliceForms[B]) {
	var m mismatches
	check := func(x []float32) {
		b := make([]B, len(x))
		s.FromFloat32s(b, x)
		for i, v := range x {
			if want := c.FromFloat32(v); uint16(b[i]) != want {
				m.add(fmt.Sprintf("FromFloat32s: %#08x narrows to %#04x, want %#04x", math.Float32bits(v), uint16(b[i]), want))
			}
		}
	}
	var x []float32
	for u := uint64(0); u < 1<<32; u += stride {
		x = append(x, math.Float32frombits(uint32(u)))
	}
	check(x)
	x = x[:0]
	for _, u := range f.Specials() {
		x = append(x, math.Float32frombits(u))
	}
	check(x)
	m.report(t, "the strided set and the Specials")
	if os.Getenv("FASTRELU_SWEEP") != "full" {
		return
	}
	if got, want := narrowDigest(s), narrowDigests[f.Name]; got != want {
		t.Errorf("the digest of FromFloat32s over all 2^32 patterns is %s, want %s", got, want)
	}
}

// narrowDigests are the digests (narrowDigest) of FromFloat32 over all
// 2^32 float32 patterns, by format.
var narrowDigests = map[string]string{
	"bf16": "0d1f7326",
	"f16":  "2f002de3",
}

// littleEndian reports whether this machine stores a uint16's low byte
// first: then a []B's memory is the digest's bytes as they are.
var littleEndian = func() bool { v := uint16(1); return *(*byte)(unsafe.Pointer(&v)) == 1 }()

// narrowDigest narrows every float32 pattern, in order, in blocks of 1<<20,
// and returns the CRC-32C of the blocks' CRC-32Cs (of the results'
// little-endian bytes), in hex.
func narrowDigest[B ~uint16](s SliceForms[B]) string {
	const block = 1 << 20
	table := crc32.MakeTable(crc32.Castagnoli)
	sums := make([]byte, 4<<32/block)
	var wg sync.WaitGroup
	next := make(chan uint64)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			x, b := make([]float32, block), make([]B, block)
			bytes := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(b))), 2*block)
			for start := range next {
				for i := range x {
					x[i] = math.Float32frombits(uint32(start) + uint32(i))
				}
				s.FromFloat32s(b, x)
				if !littleEndian {
					for i, v := range b {
						binary.LittleEndian.PutUint16(bytes[2*i:], uint16(v))
					}
				}
				binary.LittleEndian.PutUint32(sums[4*(start/block):], crc32.Checksum(bytes, table))
			}
		}()
	}
	for start := uint64(0); start < 1<<32; start += block {
		next <- start
	}
	close(next)
	wg.Wait()
	return fmt.Sprintf("%08x", crc32.Checksum(sums, table))
}

// sliceLengths converts every length to 100 at every offset 0..7 into a
// buffer of guard values, and checks the values and that nothing around
// them changed.
func sliceLengths[B ~uint16](t *testing.T, f Format, c Conversions, s SliceForms[B]) {
	const guardBits, guardFloat = 0x5a5a, 0x5a5a5a5a
	x := inputs(f, 120)
	r := rand.New(rand.NewPCG(7, 8))
	hs := make([]B, 120)
	for i := range hs {
		hs[i] = B(r.Uint32())
	}
	for n := range 101 {
		for off := range 8 {
			b := make([]B, n+16)
			y := make([]float32, n+16)
			for i := range b {
				b[i] = guardBits
				y[i] = math.Float32frombits(guardFloat)
			}
			s.FromFloat32s(b[off:off+n], x[:n])
			s.ToFloat32s(y[off:off+n], hs[:n])
			for i := range b {
				if i >= off && i < off+n {
					if want := c.FromFloat32(x[i-off]); uint16(b[i]) != want {
						t.Fatalf("n=%d, offset %d: FromFloat32s: [%d] = %#04x, want %#04x", n, off, i-off, uint16(b[i]), want)
					}
					if got, want := math.Float32bits(y[i]), math.Float32bits(c.Float32(uint16(hs[i-off]))); got != want {
						t.Fatalf("n=%d, offset %d: ToFloat32s: [%d] = %#08x, want %#08x", n, off, i-off, got, want)
					}
				} else if b[i] != guardBits || math.Float32bits(y[i]) != guardFloat {
					t.Fatalf("n=%d, offset %d: element %d outside the slices was written", n, off, i)
				}
			}
		}
	}
}

// flushed converts every 16-bit pattern and the Specials with the
// flush-to-zero modes set and checks that the values are those without.
func flushed[B ~uint16](t *testing.T, f Format, s SliceForms[B]) {
	all := make([]B, 1<<16)
	for i := range all {
		all[i] = B(i)
	}
	sp := f.Specials()
	x := make([]float32, len(sp))
	for i, u := range sp {
		x[i] = math.Float32frombits(u)
	}
	y, b := make([]float32, len(all)), make([]B, len(x))
	yf, bf := make([]float32, len(all)), make([]B, len(x))
	s.ToFloat32s(y, all)
	s.FromFloat32s(b, x)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	restore, ok := fpenv.FlushSubnormals()
	if !ok {
		t.Skip("this build cannot set the flush-to-zero modes")
	}
	s.ToFloat32s(yf, all)
	s.FromFloat32s(bf, x)
	restore()
	for i := range y {
		if math.Float32bits(y[i]) != math.Float32bits(yf[i]) {
			t.Errorf("flush-to-zero set: Bits(%#04x) widens to %#08x, without %#08x", i, math.Float32bits(yf[i]), math.Float32bits(y[i]))
		}
	}
	for i := range b {
		if b[i] != bf[i] {
			t.Errorf("flush-to-zero set: %#08x narrows to %#04x, without %#04x", math.Float32bits(x[i]), uint16(bf[i]), uint16(b[i]))
		}
	}
}

// CheckSkip checks a fromRounded skip function: it must never pass over
// a vector with a midpoint of the format. Each Specials pattern and every
// stride-th one goes into each lane of 40 values of 1.1 (no candidate), and
// where it is a midpoint, skip must stop at its vector or before.
func CheckSkip(t *testing.T, f Format, skip func(y []float32) int) {
	y := make([]float32, 40)
	try := func(u uint32) {
		if !f.Midpoint(u) {
			return
		}
		for j := range y {
			for i := range y {
				y[i] = 1.1
			}
			y[j] = math.Float32frombits(u)
			if got := skip(y); got > j&^7 {
				t.Fatalf("skip passes %d elements over the midpoint %#08x at %d", got, u, j)
			}
		}
	}
	for _, u := range f.Specials() {
		try(u)
	}
	for u := uint64(0); u < 1<<32; u += stride {
		try(uint32(u))
	}
	for i := range y {
		y[i] = 1.1
	}
	if got := skip(y); got != 0 && got != len(y)&^7 {
		t.Errorf("skip of %d values without a midpoint = %d, want 0 (no vectors) or %d", len(y), got, len(y)&^7)
	}
}

// FuzzSlices converts fuzzed float32 patterns (the bytes, four at a time,
// little-endian), from a fuzzed offset into the slice, on every path this
// CPU runs, and compares each element with FromFloat32, and the bits
// FromFloat32s gives with their widening by Float32.
func FuzzSlices[B ~uint16](ff *testing.F, c Conversions, s SliceForms[B], paths []Path) {
	ff.Add([]byte{0, 0, 0x80, 0x7f, 1, 0, 0x80, 0x7f, 0, 0x80, 0, 0}, uint8(0))
	ff.Add(make([]byte, 4*70), uint8(3))
	ff.Fuzz(func(t *testing.T, data []byte, off uint8) {
		x := make([]float32, len(data)/4)
		for i := range x {
			x[i] = math.Float32frombits(binary.LittleEndian.Uint32(data[4*i:]))
		}
		o := min(int(off), len(x))
		x = x[o:]
		for _, p := range paths {
			if !p.Available {
				continue
			}
			restore := p.Use()
			b := make([]B, len(x))
			y := make([]float32, len(x))
			s.FromFloat32s(b, x)
			s.ToFloat32s(y, b)
			restore()
			for i, v := range x {
				if want := c.FromFloat32(v); uint16(b[i]) != want {
					t.Fatalf("%s: FromFloat32s: %#08x narrows to %#04x, want %#04x", p.Name, math.Float32bits(v), uint16(b[i]), want)
				}
				if got, want := math.Float32bits(y[i]), math.Float32bits(c.Float32(uint16(b[i]))); got != want {
					t.Fatalf("%s: ToFloat32s: %#04x widens to %#08x, want %#08x", p.Name, uint16(b[i]), got, want)
				}
			}
		}
	})
}
