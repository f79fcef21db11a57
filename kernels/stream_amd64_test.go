//go:build unix && !purego && !noasm

package kernels

import (
	"fmt"
	"math"
	"testing"

	"github.com/fastrelu/fastrelu/internal/impl"
	"github.com/fastrelu/fastrelu/internal/kerneltest"
)

// Tests of the *Stream kernels, called directly: every length from 0 to 200
// and some large ones, dst and inputs at every byte offset (misaligned by 1,
// 2 and 3 bytes included: a []float32 over a byte buffer need not be 4-byte
// aligned), against kerneltest.Canary bytes and guard pages, bit for bit against the
// generic row. A misaligned dst can never reach vector alignment by whole
// elements: the kernels must use regular stores then, never advance the
// pointers by a byte count and the element count by a rounded one (issue
// 10, item 1: that wrote past the end of dst and read past the inputs).

const streamCanary = 0xCD

// streamRows returns the available assembly rows with their *Stream kernels.
func streamRows(t *testing.T) []impl.Impl {
	var rows []impl.Impl
	for _, r := range amd64Rows(t) {
		rows = append(rows, streamKernels[r.Name])
	}
	return rows
}

// checkStream runs kernel k of row r with dst = n floats at byte offset
// dOff of dBuf (every other byte of which holds streamCanary) and the inputs
// v, x (already filled), and checks dst against the generic row, bit for
// bit, and every byte of dBuf outside dst.
func checkStream(t *testing.T, r impl.Impl, k int, dBuf []byte, dOff, n int, v, x []float32, what string) {
	t.Helper()
	for i := range dBuf {
		dBuf[i] = streamCanary
	}
	// LeakyReLU's general, max and min forms take turns with the offset.
	alpha := []float32{-0.25, 0.2, 1.5}[(dOff+n)%3]
	want := make([]float32, n)
	kerneltest.Kernels[k].Call(kerneltest.Generic(), want, append([]float32(nil), v...), append([]float32(nil), x...), alpha)
	dst := kerneltest.FloatsAt(dBuf, dOff, n)
	kerneltest.Kernels[k].Call(r, dst, v, x, alpha)
	for i := range dBuf {
		if (i < dOff || i >= dOff+4*n) && dBuf[i] != streamCanary {
			t.Fatalf("%s kernel %d n=%d %s: byte %d outside dst (dst at byte %d) overwritten", r.Name, k, n, what, i-dOff, dOff)
		}
	}
	for i := range want {
		if got, w := math.Float32bits(dst[i]), math.Float32bits(want[i]); got != w {
			t.Fatalf("%s kernel %d n=%d alpha=%g %s: dst[%d]=%#08x, want %#08x", r.Name, k, n, alpha, what, i, got, w)
		}
	}
}

func TestStreamKernelsMisaligned(t *testing.T) {
	type tcase struct {
		ns   []int
		dOff []int
	}
	small := tcase{}
	for n := 0; n <= 200; n++ {
		small.ns = append(small.ns, n)
	}
	for off := 0; off < 68; off++ { // every offset mod 64 bytes, and 1, 2, 3 again past it
		small.dOff = append(small.dOff, off)
	}
	large := tcase{ns: []int{1000, 4096 + 3, 1<<16 + 15}, dOff: []int{0, 1, 2, 3, 4, 8, 28, 32, 60, 61, 62, 63}}
	if testing.Short() { // also what scripts/avx512-emu.sh runs, under emulation
		small.dOff = []int{0, 1, 2, 3, 4, 12, 33, 62}
		large = tcase{ns: []int{4096 + 3}, dOff: []int{0, 1, 2, 3, 60, 61}}
	}
	for _, r := range streamRows(t) {
		for _, tc := range []tcase{small, large} {
			maxN := tc.ns[len(tc.ns)-1]
			dBuf := make([]byte, 4*maxN+256)
			vBuf := make([]byte, 4*maxN+256)
			xBuf := make([]byte, 4*maxN+256)
			dBase, vBase, xBase := kerneltest.Aligned64(dBuf), kerneltest.Aligned64(vBuf), kerneltest.Aligned64(xBuf)
			for k := range kerneltest.Kernels {
				for _, n := range tc.ns {
					inV, inX := kerneltest.RandomInputs(n, uint64(n)), kerneltest.RandomInputs(n, uint64(n)+7777)
					for j, off := range tc.dOff {
						// The inputs at other offsets, so that every
						// misalignment of each meets every one of dst.
						vOff := vBase + (off+j/4+1)%68
						xOff := xBase + (off+j/16+2)%68
						v, x := kerneltest.FloatsAt(vBuf, vOff, n), kerneltest.FloatsAt(xBuf, xOff, n)
						copy(v, inV)
						copy(x, inX)
						checkStream(t, r, k, dBuf, dBase+off, n, v, x,
							fmt.Sprintf("dst at 64k+%d, inputs at 64k+%d, 64k+%d", off, vOff-vBase, xOff-xBase))
					}
				}
			}
			// In place (dst is src, or x): the kernels store as the plain
			// ones do.
			for k := range kerneltest.Kernels {
				for _, n := range tc.ns {
					for _, off := range []int{0, 1, 2, 3, 4, 33} {
						for which := range 2 {
							if which == 1 && !kerneltest.Kernels[k].Grad {
								continue
							}
							inV, inX := kerneltest.RandomInputs(n, uint64(n)+1), kerneltest.RandomInputs(n, uint64(n)+2)
							want := make([]float32, n)
							kerneltest.Kernels[k].Call(kerneltest.Generic(), want, inV, inX, -0.25)
							buf := kerneltest.FloatsAt(dBuf, dBase+off, n)
							if which == 0 {
								copy(buf, inV)
								kerneltest.Kernels[k].Call(r, buf, buf, inX, -0.25)
							} else {
								copy(buf, inX)
								kerneltest.Kernels[k].Call(r, buf, inV, buf, -0.25)
							}
							for i := range want {
								if got, w := math.Float32bits(buf[i]), math.Float32bits(want[i]); got != w {
									t.Fatalf("%s kernel %d n=%d in place (%d) at byte %d: dst[%d]=%#08x, want %#08x",
										r.Name, k, n, which, off, i, got, w)
								}
							}
						}
					}
				}
			}
		}
	}
}

// TestStreamKernelsGuardPages places dst and the inputs against
// inaccessible pages: dst ends 0-3 bytes before one (the bytes between
// hold canaries), the inputs end right before one or start right after one,
// at every misalignment: any access beyond a slice by more than the
// canaries catch faults.
func TestStreamKernelsGuardPages(t *testing.T) {
	dB, vB, xB := kerneltest.GuardedBytes(t), kerneltest.GuardedBytes(t), kerneltest.GuardedBytes(t)
	page := len(dB)
	ns := []int{}
	for n := 0; n <= 200; n++ {
		ns = append(ns, n)
	}
	ns = append(ns, 255, 256, 257, 500, 1000, (page-3)/4)
	if testing.Short() {
		ns = append(ns[:80], 255, 257, (page-3)/4)
	}
	for _, r := range streamRows(t) {
		for k := range kerneltest.Kernels {
			for _, n := range ns {
				inV, inX := kerneltest.RandomInputs(n, uint64(n)+3), kerneltest.RandomInputs(n, uint64(n)+4)
				for gap := range 4 {
					// dst ends gap bytes before the guard; src ends
					// (gap+1)%4 bytes before it; x starts (gap+2)%4 bytes
					// after the guard before it.
					vv := kerneltest.FloatsAt(vB, page-(gap+1)%4-4*n, n)
					xx := kerneltest.FloatsAt(xB, (gap+2)%4, n)
					copy(vv, inV)
					copy(xx, inX)
					checkStream(t, r, k, dB, page-gap-4*n, n, vv, xx, fmt.Sprintf("dst %d bytes before the guard", gap))
					// dst starting gap bytes after the guard before it.
					checkStream(t, r, k, dB, gap, n, vv, xx, fmt.Sprintf("dst %d bytes after the guard", gap))
				}
			}
		}
	}
}

// TestStreamGlue runs the Stream entry points (kernels_amd64.s) under
// each path the flags select, misaligned, against the generic row.
func TestStreamGlue(t *testing.T) {
	glue := streamGlue
	n := 1000
	dBuf, vBuf, xBuf := make([]byte, 4*n+256), make([]byte, 4*n+256), make([]byte, 4*n+256)
	kerneltest.Paths(t, func(t *testing.T, r impl.Impl) {
		for k := range kerneltest.Kernels {
			if kerneltest.Repeats(t, kerneltest.Kernels[k].Rounded) {
				continue
			}
			for _, m := range []int{0, 1, 7, 16, 63, 64, 65, 200, n} {
				for off := range 8 {
					v, x := kerneltest.FloatsAt(vBuf, 64+(off+1)%8, m), kerneltest.FloatsAt(xBuf, 64+(off+3)%8, m)
					copy(v, kerneltest.RandomInputs(m, uint64(m)))
					copy(x, kerneltest.RandomInputs(m, uint64(m)+5))
					checkStream(t, glue, k, dBuf, 64+off, m, v, x, fmt.Sprintf("useAVX512=%v useAVX2=%v dst at %d", useAVX512, useAVX2, off))
				}
			}
		}
	})
}
