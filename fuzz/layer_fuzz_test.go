package fuzz

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/fastrelu/fastrelu/internal/impl"
	"github.com/fastrelu/fastrelu/internal/kerneltest"
	"github.com/fastrelu/fastrelu/kernels"
)

// The fuzz targets of the layer kernels. Each decodes its input (see
// decodeLayer) into a matrix shape, offsets, alpha, an aliasing layout and
// bit patterns; runs every row of the implementation table that has the
// layer kernels, and the public functions, on fresh canary-filled buffers;
// and checks every element of every buffer against layer_reference_test.go:
// dst and the accumulator (dbias, dslope) hold the reference's bits,
// everything else is unchanged. The public function must also panic,
// naming itself and writing nothing, on a length off by one, a column count
// that does not divide, and an accumulator or bias overlapping dst.
//
// Seeds come from f.Add (the shapes of the kernels' tests, the special
// values, every layout), so every "go test" runs them.

// The targets, one per layer kernel, are generated: targets_test.go.

// A layerKind is a layer kernel: it indexes kerneltest.LayerKernels.
type layerKind int

// layerKindNamed returns the layerKind of the kernel named name.
func layerKindNamed(name string) layerKind { return layerKind(kerneltest.LayerKernelIndex(name)) }

// The kernels the layer sweep and the references name.
var (
	lkBiasReLU      = layerKindNamed("BiasReLU")
	lkBiasLeakyReLU = layerKindNamed("BiasLeakyReLU")
	lkPReLU         = layerKindNamed("PReLU")
	lkPReLUGrad     = layerKindNamed("PReLUGrad")
)

func (k layerKind) String() string { return kerneltest.LayerKernels[k].Name }
func (k layerKind) grad() bool     { return kerneltest.LayerKernels[k].Grad }
func (k layerKind) hasPar() bool   { return kerneltest.LayerKernels[k].Param }

// The input format, little-endian; a short input reads as if zero-padded.
//
//	byte  0     rows % (maxRows+1); from 0xF0 up, tall: rows = BlockRows +
//	            1 + 17*(byte & 0xF), over two or three blocks of the sums
//	bytes 1-2   cols = 1 + uint16 % maxCols (tall: % maxTallCols)
//	bytes 3-7   start offsets of dst, a, b, par, acc, % maxOff elements from
//	            a 64-byte boundary
//	byte  8     mode: the aliasing layout, % 2 (forward) or % 5 (gradients)
//	bytes 9-12  alpha's bits
//	bytes 13-   the values, 4 bytes each, cycled (seedValues if none): a
//	            takes words 0.., b words n+i+i/L, par words 3n+j, acc
//	            words 3n+cols+j
const (
	layerHeaderLen = 13
	maxRows        = 24
	maxCols        = 300
	tallByte       = 0xF0
	tallStep       = 17
	maxTallCols    = 16
)

type layerInput struct {
	rows, cols int
	off        [5]int
	mode       uint8
	alpha      uint32
	values     input // only its words, for input.word
}

func decodeLayer(data []byte) layerInput {
	var h [layerHeaderLen]byte
	copy(h[:], data)
	in := layerInput{
		rows:  int(h[0]) % (maxRows + 1),
		cols:  1 + int(binary.LittleEndian.Uint16(h[1:]))%maxCols,
		mode:  h[8],
		alpha: binary.LittleEndian.Uint32(h[9:]),
	}
	if h[0] >= tallByte {
		in.rows = kernels.BlockRows + 1 + tallStep*int(h[0]&0xF)
		in.cols = 1 + int(binary.LittleEndian.Uint16(h[1:]))%maxTallCols
	}
	for i := range in.off {
		in.off[i] = int(h[3+i]) % maxOff
	}
	if len(data) > layerHeaderLen {
		for rest := data[layerHeaderLen:]; len(rest) >= 4; rest = rest[4:] {
			in.values.words = append(in.values.words, binary.LittleEndian.Uint32(rest))
		}
	}
	return in
}

func (in layerInput) encode() []byte {
	b := make([]byte, layerHeaderLen, layerHeaderLen+4*len(in.values.words))
	b[0] = byte(in.rows)
	if in.rows > maxRows { // tall: rows and cols are decodeLayer's
		b[0] = byte(tallByte + (in.rows-kernels.BlockRows-1)/tallStep)
	}
	binary.LittleEndian.PutUint16(b[1:], uint16(in.cols-1))
	for i, o := range in.off {
		b[3+i] = byte(o)
	}
	b[8] = in.mode
	binary.LittleEndian.PutUint32(b[9:], in.alpha)
	for _, w := range in.values.words {
		b = binary.LittleEndian.AppendUint32(b, w)
	}
	return b
}

func (in layerInput) n() int { return in.rows * in.cols }

func (in layerInput) aWord(i int) uint32 { return in.values.word(i) }
func (in layerInput) bWord(i int) uint32 {
	l := len(in.values.words)
	if l == 0 {
		l = len(seedValues)
	}
	return in.values.word(in.n() + i + i/l)
}
func (in layerInput) parWord(j int) uint32 { return in.values.word(3*in.n() + j) }
func (in layerInput) accWord(j int) uint32 { return in.values.word(3*in.n() + in.cols + j) }

var layerForwardLayouts = [...]string{"dst and src apart", "in place: dst = src"}
var layerGradLayouts = [...]string{
	"dst, grad and x/y apart",
	"in place: dst = grad",
	"in place: dst = x/y",
	"in place: dst = grad = x/y",
	"grad = x/y, dst apart",
}

// layerScene is one call's memory: five canary-filled buffers (dst, a, b,
// par, acc; unused ones stay empty) and the windows in them.
type layerScene struct {
	bufs                [5][]float32
	before              [5][]uint32
	dst, a, b, par, acc []float32
	dstBuf              int
	layout              string
}

func newLayerScene(k layerKind, in layerInput) *layerScene {
	n, cols := in.n(), in.cols
	s := &layerScene{}
	for i, size := range []int{n, n, n, cols, cols} {
		b := kerneltest.Aligned(in.off[i] + size + pad)
		for j := range b {
			b[j] = math.Float32frombits(canary(j + 1000*i))
		}
		s.bufs[i] = b
	}
	win := func(i, size int) []float32 { return s.bufs[i][in.off[i] : in.off[i]+size] }
	fill := func(w []float32, val func(int) uint32) {
		for i := range w {
			w[i] = math.Float32frombits(val(i))
		}
	}
	s.a = win(1, n)
	fill(s.a, in.aWord)
	if k.hasPar() {
		s.par = win(3, cols)
		fill(s.par, in.parWord)
	}
	if !k.grad() {
		m := int(in.mode) % len(layerForwardLayouts)
		s.layout = layerForwardLayouts[m]
		s.dst, s.dstBuf = win(0, n), 0
		if m == 1 {
			s.dst, s.dstBuf = s.a, 1
		}
	} else {
		s.acc = win(4, cols)
		fill(s.acc, in.accWord)
		s.b = win(2, n)
		fill(s.b, in.bWord)
		m := int(in.mode) % len(layerGradLayouts)
		s.layout = layerGradLayouts[m]
		s.dst, s.dstBuf = win(0, n), 0
		switch m {
		case 1:
			s.dst, s.dstBuf = s.a, 1
		case 2:
			s.dst, s.dstBuf = s.b, 2
		case 3:
			s.dst, s.dstBuf, s.a = s.b, 2, s.b
		case 4:
			s.a = s.b
		}
	}
	for i, b := range s.bufs {
		s.before[i] = kerneltest.Bits(b)
	}
	return s
}

// runLayerScene calls path p on a fresh scene and checks every element.
func runLayerScene(t *testing.T, k layerKind, in layerInput, p impl.Impl) {
	t.Helper()
	s := newLayerScene(k, in)
	a, b, par, acc := kerneltest.Bits(s.a), kerneltest.Bits(s.b), kerneltest.Bits(s.par), kerneltest.Bits(s.acc)
	kerneltest.LayerKernels[k].Call(p, s.dst, s.acc, s.a, s.b, s.par, math.Float32frombits(in.alpha))
	block := 0
	if p.Name == impl.Public().Name {
		block = kernels.BlockRows
	}
	want, alt, sums := refLayerKernel(k, a, b, par, acc, in.alpha, in.cols, block)
	errs := 0
	report := func(format string, args ...any) {
		if errs++; errs <= 8 {
			t.Errorf("%s %s, %d×%d, %s, offsets %v, alpha=%#08x: %s", p.Name, k, in.rows, in.cols, s.layout,
				in.off, in.alpha, fmt.Sprintf(format, args...))
		}
	}
	n := in.n()
	for bi, buf := range s.bufs {
		for j, v := range buf {
			got := math.Float32bits(v)
			i := j - in.off[bi]
			switch {
			case bi == s.dstBuf && i >= 0 && i < n:
				if got != want[i] && got != alt[i] {
					var bb uint32
					if b != nil {
						bb = b[i]
					}
					report("dst[%d] = %#08x, want %#08x (a %#08x, b %#08x)", i, got, want[i], a[i], bb)
				}
			case bi == 4 && s.acc != nil && i >= 0 && i < in.cols:
				if n == 0 {
					if got != acc[i] {
						report("no rows, but acc[%d] changed from %#08x to %#08x", i, acc[i], got)
					}
				} else if !sums[i].accepts(got) {
					report("acc[%d] = %#08x, want %#08x (or one of the NaNs %v)", i, got, sums[i].bits, sums[i].nanSet)
				}
			default:
				if was := s.before[bi][j]; got != was {
					report("buffer %d [%d] (outside dst and acc) changed from %#08x to %#08x", bi, j, was, got)
				}
			}
		}
	}
}

// checkLayerPanics: the public function panics, naming itself and writing
// nothing, on each broken rule.
func checkLayerPanics(t *testing.T, k layerKind, in layerInput) {
	t.Helper()
	n, cols := in.n(), in.cols
	fn := "kernels." + k.String()
	alpha := math.Float32frombits(in.alpha)
	mk := func(l int, val func(int) uint32) []float32 {
		f := make([]float32, l)
		for i := range f {
			f[i] = math.Float32frombits(val(i))
		}
		return f
	}
	type args struct{ dst, acc, a, b, par []float32 }
	fresh := func() args {
		x := args{dst: mk(n, canary), a: mk(n, in.aWord)}
		if k.grad() {
			x.acc, x.b = mk(cols, in.accWord), mk(n, in.bWord)
		}
		if k.hasPar() {
			x.par = mk(cols, in.parWord)
		}
		return x
	}
	expect := func(what string, x args, mem []float32) {
		was := kerneltest.Bits(mem)
		msg, ok := panicMessage(func() { kerneltest.LayerKernels[k].Call(impl.Public(), x.dst, x.acc, x.a, x.b, x.par, alpha) })
		switch {
		case !ok:
			t.Errorf("%s (%d×%d) with %s did not panic", fn, in.rows, cols, what)
		case !strings.HasPrefix(msg, fn+":") || !strings.Contains(msg, "len"):
			t.Errorf("%s (%d×%d) with %s panicked with %q: want it to start with %q and name the lengths", fn, in.rows, cols, what, msg, fn+":")
		}
		if !slices.Equal(kerneltest.Bits(mem), was) {
			t.Errorf("%s with %s wrote memory before panicking", fn, what)
		}
	}
	x := fresh()
	x.dst = mk(n+1, canary)
	expect("len(dst) = len(src)+1", x, x.dst)
	if k.grad() {
		x = fresh()
		x.b = mk(n+1, in.bWord)
		expect("len(y/x) = len(dst)+1", x, x.dst)
	}
	if n > 0 && cols > 1 {
		x = fresh() // a column count that does not divide n
		if k.hasPar() {
			x.par = mk(cols+1, in.parWord)
			if k == lkPReLUGrad {
				x.acc = mk(cols+1, in.accWord)
			}
		} else {
			x.acc = mk(cols+1, in.accWord)
		}
		if n%(cols+1) != 0 {
			expect("cols+1 columns", x, x.dst)
		}
	}
	if n > 0 {
		// The bias, slope or accumulator at the end of dst's memory.
		buf := mk(n+cols, canary)
		x = fresh()
		x.dst = buf[:n]
		shared := buf[n-1 : n-1+cols]
		if k.grad() {
			x.acc = shared
		} else {
			x.par = shared
		}
		expect("the bias, slope or accumulator overlapping dst", x, buf)
	}
	if n >= 2 {
		buf := mk(n+1, in.aWord)
		x = fresh()
		x.dst, x.a = buf[1:], buf[:n]
		expect("dst overlapping src/grad partially", x, buf)
	}
}

func fuzzLayer(f *testing.F, name string) {
	k := layerKindNamed(name)
	for _, s := range layerSeeds(k) {
		f.Add(s.encode())
	}
	ps := kerneltest.Available()
	f.Fuzz(func(t *testing.T, data []byte) {
		in := decodeLayer(data)
		for _, p := range ps {
			runLayerScene(t, k, in, p)
		}
		checkLayerPanics(t, k, in)
	})
}

// layerSeeds: the shapes of the grid (cols up to maxCols), every
// layout, every seed alpha, odd offsets, the special values as inputs.
func layerSeeds(k layerKind) []layerInput {
	modes := len(layerForwardLayouts)
	if k.grad() {
		modes = len(layerGradLayouts)
	}
	var seeds []layerInput
	i := 0
	tall := kernels.BlockRows + 1 + tallStep*9 // three blocks
	for _, cols := range []int{1, 2, 3, 7, 8, 15, 16, 17, 31, 33, 64, 255} {
		for _, rows := range []int{0, 1, 2, 5, 24, tall} {
			if rows*cols > 4096 || rows == tall && cols > maxTallCols {
				continue
			}
			var words []uint32
			if i%3 == 1 { // a rotation of the specials, so they meet other columns
				for j := range seedValues {
					words = append(words, seedValues[(j*7+i)%len(seedValues)])
				}
			}
			seeds = append(seeds, layerInput{
				rows: rows, cols: cols,
				off:    [5]int{i % maxOff, (i * 5) % maxOff, (i * 11) % maxOff, (i * 3) % maxOff, (i * 13) % maxOff},
				mode:   uint8(i % modes),
				alpha:  seedAlphas[i%len(seedAlphas)],
				values: input{words: words},
			})
			i++
		}
	}
	return seeds
}

// TestLayerNoAllocs: no layer kernel allocates, on any path, and the public
// functions keep a caller's stack arrays on the stack.
func TestLayerNoAllocs(t *testing.T) {
	if n := testing.AllocsPerRun(50, func() {
		var d, s, x [68]float32
		var b, db [17]float32
		s[3], x[5], b[2] = -1, -2, 0.5
		kernels.BiasReLU(d[:], s[:], b[:4])
		kernels.BiasLeakyReLU(s[:], s[:], b[:], 0.1)
		kernels.ReLUGradBias(d[:], db[:4], s[:], x[:])
		kernels.LeakyReLUGradBias(x[:], db[:2], s[:], x[:], 0.1)
		kernels.PReLU(d[:], s[:], b[:])
		kernels.PReLUGrad(d[:], db[:], s[:], x[:], b[:])
	}); n != 0 {
		t.Errorf("public layer functions on stack arrays: %v allocations per run, want 0", n)
	}
	for _, p := range kerneltest.Available() {
		for _, shape := range [][2]int{{0, 1}, {1, 7}, {3, 16}, {64, 17}, {16, 4096}} {
			n, cols := shape[0]*shape[1], shape[1]
			d, s, x := make([]float32, n), make([]float32, n), make([]float32, n)
			b, db := make([]float32, cols), make([]float32, cols)
			for i := range s {
				s[i], x[i] = float32(i%7)-3, float32(i%5)-2
			}
			if a := testing.AllocsPerRun(10, func() {
				for k := range kerneltest.LayerKernels {
					kerneltest.LayerKernels[k].Call(p, d, db, s, x, b, 0.1)
				}
			}); a != 0 {
				t.Errorf("%s, %d×%d: %v allocations per run, want 0", p.Name, shape[0], cols, a)
			}
		}
	}
}
