package f64

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/fastrelu/fastrelu/internal/kerneltest"
)

// The kernels never read or write outside their slices, at any length and
// byte alignment, and give the generic path's bits there, with regular
// stores and with streaming ones: every length to
// past two bodies, at byte offsets that misalign every element, with guard
// bytes around each slice; and slices that end at, or start at, an
// inaccessible page.

// floatsAt returns n float64s at byte offset off of b: a view of b's
// memory, aligned or not.
func floatsAt(b []byte, off, n int) []float64 {
	if n == 0 {
		return []float64{}
	}
	return unsafe.Slice((*float64)(unsafe.Add(unsafe.Pointer(unsafe.SliceData(b)), off)), n)
}

// guarded returns n float64s off bytes past a 64-byte boundary of a
// buffer whose other bytes (64 or more each side) hold
// kerneltest.GuardByte, and the buffer.
func guarded(n, off int) ([]float64, []byte) {
	buf := make([]byte, 8*n+off+3*64)
	for i := range buf {
		buf[i] = kerneltest.GuardByte
	}
	start := 64 + int(-uintptr(unsafe.Pointer(unsafe.SliceData(buf)))&63) + off
	return floatsAt(buf, start, n), buf
}

// checkGuard fails t if a byte of buf outside s changed.
func checkGuard(t *testing.T, s []float64, buf []byte, what string) {
	t.Helper()
	if len(s) == 0 {
		return
	}
	start := int(uintptr(unsafe.Pointer(&s[0])) - uintptr(unsafe.Pointer(&buf[0])))
	for i, c := range buf {
		if (i < start || i >= start+8*len(s)) && c != kerneltest.GuardByte {
			t.Fatalf("%s: byte %d outside the slice (bytes %d..%d) changed to %#x", what, i, start, start+8*len(s), c)
		}
	}
}

// lengths are every n to past two bodies of the widest vectors, and some
// beyond.
func lengths() []int {
	var ns []int
	for n := 0; n <= 80; n++ {
		ns = append(ns, n)
	}
	return append(ns, 95, 96, 97, 127, 128, 129, 255, 256, 257, 1000)
}

func TestBounds(t *testing.T) { eachPath(t, testBounds) }

func testBounds(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	// Byte offsets from a 64-byte boundary: aligned, misaligned, and
	// element-aligned short of a vector (where a streaming kernel's head
	// reaches its first aligned vector).
	offsets := []int{0, 1, 4, 7, 8, 24}
	if testing.Short() {
		offsets = []int{0, 3, 8}
	}
	for _, k := range elementwise {
		s := scalarSets(k.scalars)[1%len(scalarSets(k.scalars))]
		for _, n := range lengths() {
			for _, off := range offsets {
				v, x := layerInputs(r, n, true), layerInputs(r, n, true)
				want := make([]float64, n)
				func() {
					defer usePath("generic")()
					k.call(want, v, x, s)
				}()
				dst, db := guarded(n, off)
				vv, vb := guarded(n, (off+3)%8)
				xx, xb := guarded(n, (off+5)%8)
				copy(vv, v)
				copy(xx, x)
				what := fmt.Sprintf("%s, n=%d, offset %d", k.name, n, off)
				// Out of place, with regular stores, then with the
				// streaming ones: with a threshold of 1 byte every long
				// call streams out of place, and with chunks of 64
				// elements every call above 64 is long; the *Stream
				// kernels run their non-temporal body where dst is
				// element-aligned and a chunk is a body or more.
				for _, threshold := range []int{streamingThreshold, 1} {
					func() {
						defer func(t, c int) { streamingThreshold, chunkLen = t, c }(streamingThreshold, chunkLen)
						if threshold == 1 {
							streamingThreshold, chunkLen = 1, 64
						}
						clear(dst)
						k.call(dst, vv, xx, s)
					}()
					w := fmt.Sprintf("%s, streaming threshold %d", what, threshold)
					checkLayer(t, w, dst, want, nil, nil)
					checkGuard(t, dst, db, w+", dst")
					checkGuard(t, vv, vb, w+", src or grad")
					checkGuard(t, xx, xb, w+", x")
				}
				k.call(vv, vv, xx, s) // in place
				checkLayer(t, what+", in place", vv, want, nil, nil)
				checkGuard(t, vv, vb, what+", in place")
			}
		}
	}
}

func TestLayerBounds(t *testing.T) { eachPath(t, testLayerBounds) }

func testLayerBounds(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	for _, k := range layers {
		s := scalarSets(k.scalars)[0]
		for _, cols := range []int{1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 33, 40} {
			for _, rows := range []int{1, 2, 3, 4, 5, 9} {
				off := (rows + cols) % 8
				n := rows * cols
				a, y, p := layerInputs(r, n, true), layerInputs(r, n, true), layerInputs(r, cols, false)
				acc0 := layerInputs(r, cols, false)
				want, wantAcc := make([]float64, n), append([]float64(nil), acc0...)
				func() {
					defer usePath("generic")()
					k.call(want, wantAcc, a, y, p, s)
				}()
				d, db := guarded(n, off)
				aa, ab := guarded(n, (off+1)%8)
				yy, yb := guarded(n, (off+2)%8)
				pp, pb := guarded(cols, (off+3)%8)
				acc, accb := guarded(cols, (off+5)%8)
				copy(aa, a)
				copy(yy, y)
				copy(pp, p)
				copy(acc, acc0)
				what := fmt.Sprintf("%s, %d×%d, offset %d", k.name, rows, cols, off)
				k.call(d, acc, aa, yy, pp, s)
				if k.shape == shapeGradBias || k.shape == shapePerColumnGrad {
					checkLayer(t, what, d, want, acc, wantAcc)
				} else {
					checkLayer(t, what, d, want, nil, nil)
				}
				for _, g := range []struct {
					s []float64
					b []byte
				}{{d, db}, {aa, ab}, {yy, yb}, {pp, pb}, {acc, accb}} {
					checkGuard(t, g.s, g.b, what)
				}
			}
		}
	}
}
