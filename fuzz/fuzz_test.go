package fuzz

import (
	"encoding/binary"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/fastrelu/fastrelu/internal/impl"
	"github.com/fastrelu/fastrelu/internal/kerneltest"
	"github.com/fastrelu/fastrelu/kernels"
)

// The fuzz targets. Each decodes its input (see decode) into bit patterns,
// a length, offsets, alpha and an aliasing layout; runs every available row
// of the implementation table and the public function on fresh buffers laid
// out that way; and checks every element of every buffer: dst's window holds
// the reference's bits, everything else (canaries around dst, the inputs,
// the gaps) is untouched. The public function must also panic, without
// writing anything, on lengths that differ by one and on every partial
// overlap of dst with an input that the input's shift byte and the edges
// (one element of overlap, either side) select.

// The targets, one per kernel, are generated: targets_test.go. Their seeds
// come from f.Add (seedCorpus), so every "go test" runs them.
func fuzzTarget(f *testing.F, name string) {
	k := kindNamed(name)
	seeds := seedCorpus(k)
	for _, key := range slices.Sorted(maps.Keys(seeds)) {
		f.Add(seeds[key].encode())
	}
	ps := kerneltest.Available()
	f.Fuzz(func(t *testing.T, data []byte) {
		in := decode(data)
		for _, p := range ps {
			runScene(t, k, in, p)
		}
		checkPanics(t, k, in)
	})
}

// A kind is an elementwise kernel: it indexes kerneltest.Kernels.
type kind int

// kindNamed returns the kind of the kernel named name.
func kindNamed(name string) kind { return kind(kerneltest.KernelIndex(name)) }

// The kernels the sweeps name.
var (
	kLeakyReLU     = kindNamed("LeakyReLU")
	kLeakyReLUGrad = kindNamed("LeakyReLUGrad")
)

func (k kind) String() string { return kerneltest.Kernels[k].Name }
func (k kind) binary() bool   { return kerneltest.Kernels[k].Grad }

// want returns the reference's answer for one element and the other answer
// the contract accepts (the same unless alpha and grad are both NaN): this
// file's references for ReLU and LeakyReLU, and for every other kernel the
// contract its description states in plain Go (kerneltest's Ref).
func want(k kind, a, b, alpha uint32) (uint32, uint32) {
	switch k.String() {
	case "ReLU":
		r := refReLU(a)
		return r, r
	case "LeakyReLU":
		r := refLeakyReLU(a, alpha)
		return r, r
	case "ReLUGrad":
		r := refReLUGrad(a, b)
		return r, r
	case "LeakyReLUGrad":
		return refLeakyReLUGrad(a, b, alpha), refLeakyReLUGradAlt(a, b, alpha)
	}
	r := refContract(kerneltest.Kernels[k].Ref, a, b, alpha)
	return r, r
}

// refContract runs a description's contract on bits.
func refContract(ref func(v, x, alpha float32) float32, v, x, alpha uint32) uint32 {
	return math.Float32bits(ref(math.Float32frombits(v), math.Float32frombits(x), math.Float32frombits(alpha)))
}

// The input format, little-endian; a short input reads as if zero-padded.
//
//	bytes 0-1   n = uint16 % (maxLen+1)
//	byte  2,3,4 start offsets of dst, a (src/grad) and b (x) in their
//	            buffers, % maxOff elements from a 64-byte boundary
//	byte  5     mode: the aliasing layout (see newScene), % 4 or % 8
//	byte  6     shift: low 7 bits % n, negated if the top bit is set; the
//	            grad/x shift in mode 5 and one more partial-overlap panic check
//	bytes 7-10  alpha's bits
//	bytes 11-   the values, 4 bytes each: see input.word
const (
	headerLen = 11
	maxLen    = 2048
	maxOff    = 32
	pad       = 32 // canary elements after the last window of each buffer
)

type input struct {
	n     int
	off   [3]int // dst, a, b
	mode  uint8
	shift uint8
	alpha uint32
	words []uint32
}

func decode(data []byte) input {
	var h [headerLen]byte
	copy(h[:], data)
	in := input{
		n:     int(binary.LittleEndian.Uint16(h[0:])) % (maxLen + 1),
		off:   [3]int{int(h[2]) % maxOff, int(h[3]) % maxOff, int(h[4]) % maxOff},
		mode:  h[5],
		shift: h[6],
		alpha: binary.LittleEndian.Uint32(h[7:]),
	}
	if len(data) > headerLen {
		for rest := data[headerLen:]; len(rest) >= 4; rest = rest[4:] {
			in.words = append(in.words, binary.LittleEndian.Uint32(rest))
		}
	}
	return in
}

// encode is decode's inverse, for the seed corpus.
func (in input) encode() []byte {
	b := make([]byte, headerLen, headerLen+4*len(in.words))
	binary.LittleEndian.PutUint16(b[0:], uint16(in.n))
	b[2], b[3], b[4] = byte(in.off[0]), byte(in.off[1]), byte(in.off[2])
	b[5], b[6] = in.mode, in.shift
	binary.LittleEndian.PutUint32(b[7:], in.alpha)
	for _, w := range in.words {
		b = binary.LittleEndian.AppendUint32(b, w)
	}
	return b
}

// word returns value j: the input's words, cycled; seedValues if it has none.
// src and x take words 0..n-1; grad takes word n+i+i/L for element i, with L
// the number of words, so that a short cycle still pairs every x word with
// every grad word.
func (in input) word(j int) uint32 {
	w := in.words
	if len(w) == 0 {
		w = seedValues
	}
	return w[j%len(w)]
}

func (in input) gradWord(i int) uint32 {
	l := len(in.words)
	if l == 0 {
		l = len(seedValues)
	}
	return in.word(in.n + i + i/l)
}

// signedShift is the shift byte as a shift in (-n, n).
func (in input) signedShift() int {
	if in.n == 0 {
		return 0
	}
	s := int(in.shift&0x7f) % in.n
	if in.shift&0x80 != 0 {
		s = -s
	}
	return s
}

// canary is what every element of a buffer holds before the windows are
// filled: signaling NaNs with payloads that differ from one place to the
// next, so a kernel that writes anything there, or copies a value to the
// wrong place, shows.
func canary(j int) uint32 {
	return uint32(j&1)<<31 | 0x7fa00000 | uint32(j*40503)&0x1fffff
}

// scene is one call's memory: buffers filled with canaries, the windows dst,
// a (src or grad) and b (x) inside them, and a snapshot of everything.
type scene struct {
	bufs           [][]float32
	before         [][]uint32
	dst, a, b      []float32
	dstBuf, dstOff int
	layout         string
}

var unaryLayouts = [...]string{
	"dst and src apart",
	"in place: dst = src",
	"one buffer: src, then dst right after it",
	"one buffer: dst, then src right after it",
}

var binaryLayouts = [...]string{
	"dst, grad and x apart",
	"in place: dst = grad",
	"in place: dst = x",
	"in place: dst = grad = x",
	"grad = x, dst apart",
	"grad and x overlap by the shift, dst apart",
	"one buffer: grad, then dst right after it; x apart",
	"one buffer: dst, then x right after it; grad apart",
}

func newScene(k kind, in input) *scene {
	n := in.n
	oD, oA, oB := in.off[0], in.off[1], in.off[2]
	s := &scene{}
	buf := func(size int) int {
		b := kerneltest.Aligned(size + pad)
		for j := range b {
			b[j] = math.Float32frombits(canary(j))
		}
		s.bufs = append(s.bufs, b)
		return len(s.bufs) - 1
	}
	win := func(b, off int) []float32 { return s.bufs[b][off : off+n] }
	setDst := func(b, off int) {
		s.dstBuf, s.dstOff = b, off
		s.dst = win(b, off)
	}
	fill := func(w []float32, val func(i int) uint32) {
		for i := range w {
			w[i] = math.Float32frombits(val(i))
		}
	}
	if !k.binary() {
		m := int(in.mode) % len(unaryLayouts)
		s.layout = unaryLayouts[m]
		switch m {
		case 0:
			setDst(buf(oD+n), oD)
			s.a = win(buf(oA+n), oA)
		case 1:
			setDst(buf(oA+n), oA)
			s.a = s.dst
		case 2:
			b := buf(oA + 2*n)
			s.a = win(b, oA)
			setDst(b, oA+n)
		case 3:
			b := buf(oD + 2*n)
			setDst(b, oD)
			s.a = win(b, oD+n)
		}
		fill(s.a, in.word)
	} else {
		m := int(in.mode) % len(binaryLayouts)
		s.layout = binaryLayouts[m]
		switch m {
		case 0:
			setDst(buf(oD+n), oD)
			s.a = win(buf(oA+n), oA)
			s.b = win(buf(oB+n), oB)
		case 1:
			setDst(buf(oA+n), oA)
			s.a = s.dst
			s.b = win(buf(oB+n), oB)
		case 2:
			s.a = win(buf(oA+n), oA)
			setDst(buf(oB+n), oB)
			s.b = s.dst
		case 3:
			setDst(buf(oB+n), oB)
			s.a, s.b = s.dst, s.dst
		case 4:
			setDst(buf(oD+n), oD)
			s.b = win(buf(oB+n), oB)
			s.a = s.b
		case 5:
			setDst(buf(oD+n), oD)
			sh := in.signedShift()
			lo := min(0, sh)
			b := buf(oB + n + max(sh, -sh))
			s.b = win(b, oB-lo)
			s.a = win(b, oB-lo+sh)
			fill(s.bufs[b][oB:oB+n+max(sh, -sh)], in.word)
		case 6:
			b := buf(oA + 2*n)
			s.a = win(b, oA)
			setDst(b, oA+n)
			s.b = win(buf(oB+n), oB)
		case 7:
			b := buf(oB + 2*n)
			setDst(b, oB)
			s.b = win(b, oB+n)
			s.a = win(buf(oA+n), oA)
		}
		switch m {
		case 3, 4:
			fill(s.b, in.word)
		case 5: // filled above
		default:
			fill(s.b, in.word)
			fill(s.a, in.gradWord)
		}
	}
	for _, b := range s.bufs {
		s.before = append(s.before, kerneltest.Bits(b))
	}
	return s
}

// runScene calls path p on a fresh scene and checks every buffer element.
func runScene(t *testing.T, k kind, in input, p impl.Impl) {
	t.Helper()
	s := newScene(k, in)
	a, b := kerneltest.Bits(s.a), kerneltest.Bits(s.b)
	kerneltest.Kernels[k].Call(p, s.dst, s.a, s.b, math.Float32frombits(in.alpha))
	errs := 0
	report := func(format string, args ...any) {
		if errs++; errs <= 8 {
			t.Errorf("%s %s, n=%d, %s, offsets dst=%d a=%d b=%d, alpha=%#08x: %s", p.Name, k, in.n, s.layout,
				in.off[0], in.off[1], in.off[2], in.alpha, fmt.Sprintf(format, args...))
		}
	}
	for bi, buf := range s.bufs {
		for j, v := range buf {
			got := math.Float32bits(v)
			if bi == s.dstBuf && j >= s.dstOff && j < s.dstOff+in.n {
				i := j - s.dstOff
				var x uint32
				if b != nil {
					x = b[i]
				}
				w, alt := want(k, a[i], x, in.alpha)
				if got != w && got != alt {
					if k.binary() {
						report("dst[%d] = %#08x, want %#08x (grad %#08x, x %#08x)", i, got, w, a[i], x)
					} else {
						report("dst[%d] = %#08x, want %#08x (src %#08x)", i, got, w, a[i])
					}
				}
			} else if was := s.before[bi][j]; got != was {
				report("buffer %d [%d], outside dst's window [%d,%d) of buffer %d, changed from %#08x to %#08x",
					bi, j, s.dstOff, s.dstOff+in.n, s.dstBuf, was, got)
			}
		}
	}
	if errs > 8 {
		t.Errorf("%s %s: %d wrong elements in all", p.Name, k, errs)
	}
}

// panicMessage runs f and returns what it panicked with, or ok = false.
func panicMessage(f func()) (msg string, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			msg, ok = fmt.Sprint(r), true
		}
	}()
	f()
	return "", false
}

// checkPanics checks that the public function panics, naming itself and
// writing nothing, on every length mismatch by one and on partial overlaps
// of dst with each input: one element of overlap on either side, n-1
// elements on either side, and the input's shift. With n = 0 it checks that
// nil slices are a no-op on every path.
func checkPanics(t *testing.T, k kind, in input) {
	t.Helper()
	n := in.n
	fn := "kernels." + k.String()
	alpha := math.Float32frombits(in.alpha)
	if n == 0 {
		for _, p := range kerneltest.Available() {
			if msg, ok := panicMessage(func() { kerneltest.Kernels[k].Call(p, nil, nil, nil, alpha) }); ok {
				t.Errorf("%s %s(nil...) panicked: %s", p.Name, k, msg)
			}
		}
	}
	mk := func(l int, val func(int) uint32) []float32 {
		f := make([]float32, l)
		for i := range f {
			f[i] = math.Float32frombits(val(i))
		}
		return f
	}
	// Lengths.
	var lens [][3]int
	for _, d := range []int{1, -1} {
		if n+d < 0 {
			continue
		}
		lens = append(lens, [3]int{n + d, n, n}, [3]int{n, n + d, n})
		if k.binary() {
			lens = append(lens, [3]int{n, n, n + d})
		}
	}
	for _, l := range lens {
		dst, a, b := mk(l[0], canary), mk(l[1], in.word), mk(l[2], in.gradWord)
		if !k.binary() {
			b = nil
		}
		was := kerneltest.Bits(dst)
		msg, ok := panicMessage(func() { kerneltest.Kernels[k].Call(impl.Public(), dst, a, b, alpha) })
		lenMsg := fmt.Sprintf("len(dst)=%d", l[0])
		switch {
		case !ok:
			t.Errorf("%s with len(dst)=%d, len(a)=%d, len(b)=%d did not panic", fn, l[0], l[1], l[2])
		case !strings.HasPrefix(msg, fn+":") || !strings.Contains(msg, lenMsg):
			t.Errorf("%s with len(dst)=%d, len(a)=%d, len(b)=%d panicked with %q: want it to start with %q and say %q",
				fn, l[0], l[1], l[2], msg, fn+":", lenMsg)
		}
		if got := kerneltest.Bits(dst); !slices.Equal(got, was) {
			t.Errorf("%s wrote to dst before panicking on lengths %v", fn, l)
		}
	}
	// Partial overlaps.
	if n < 2 {
		return
	}
	shifts := []int{1, -1, n - 1, 1 - n}
	if s := in.signedShift(); s != 0 {
		shifts = append(shifts, s)
	}
	inputs := []string{"src"}
	if k.binary() {
		inputs = []string{"grad", "x"}
	}
	for _, s := range shifts {
		for which, name := range inputs {
			buf := mk(3*n, in.word)
			other := mk(n, in.gradWord)
			dst, ov := buf[n+s:2*n+s], buf[n:2*n]
			a, b := ov, other
			if which == 1 {
				a, b = other, ov
			}
			if !k.binary() {
				b = nil
			}
			was := kerneltest.Bits(buf)
			msg, ok := panicMessage(func() { kerneltest.Kernels[k].Call(impl.Public(), dst, a, b, alpha) })
			switch {
			case !ok:
				t.Errorf("%s with dst overlapping %s partially (n=%d, dst starts %d elements after it) did not panic",
					fn, name, n, s)
			case !strings.HasPrefix(msg, fn+":") || !strings.Contains(msg, "overlap"):
				t.Errorf("%s with dst overlapping %s partially (n=%d, shift %d) panicked with %q: want it to start with %q and say \"overlap\"",
					fn, name, n, s, msg, fn+":")
			}
			if got := kerneltest.Bits(buf); !slices.Equal(got, was) {
				t.Errorf("%s wrote to memory before panicking on a partial overlap (n=%d, shift %d)", fn, n, s)
			}
		}
	}
}

// TestNoAllocs: no call allocates, on any path; and a caller's stack arrays
// passed to the public functions stay on the stack (if a slice escaped, the
// arrays declared inside the measured function would be heap-allocated on
// every run, and counted).
func TestNoAllocs(t *testing.T) {
	if n := testing.AllocsPerRun(50, func() {
		var d, s, x [67]float32
		s[3], x[5], s[66] = -1, -2, 3
		kernels.ReLU(d[:], s[:])
		kernels.LeakyReLU(d[:], s[:], 0.1)
		kernels.LeakyReLU(s[:], s[:], 0.1)
		kernels.ReLUGrad(d[:], s[:], x[:])
		kernels.LeakyReLUGrad(d[:], s[:], x[:], 0.1)
		kernels.LeakyReLUGrad(x[:], s[:], x[:], 0.1)
	}); n != 0 {
		t.Errorf("public functions on stack arrays: %v allocations per run, want 0", n)
	}
	for _, p := range kerneltest.Available() {
		for _, n := range []int{0, 1, 7, 16, 17, 64, 1000, 1<<16 + 3} {
			d, s, x := make([]float32, n), make([]float32, n), make([]float32, n)
			for i := range s {
				s[i], x[i] = float32(i%7)-3, float32(i%5)-2
			}
			if a := testing.AllocsPerRun(10, func() {
				p.ReLU(d, s)
				p.LeakyReLU(d, s, 0.1)
				p.LeakyReLU(s, s, 0.1)
				p.ReLUGrad(d, s, x)
				p.LeakyReLUGrad(d, s, x, 0.1)
				p.LeakyReLUGrad(x, s, x, 0.1)
			}); a != 0 {
				t.Errorf("%s, n=%d: %v allocations per run, want 0", p.Name, n, a)
			}
		}
	}
}
