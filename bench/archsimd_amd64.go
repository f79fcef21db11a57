//go:build goexperiment.simd && amd64 && go1.26

package bench

// The four kernels written with Go's experimental simd/archsimd package
// (Go 1.26, GOEXPERIMENT=simd): the best a Go programmer can do today
// without assembly, and the bar the assembly paths must clear.
//
// They follow the contract exactly: m(x) is VCMPPS "less or equal", false for
// NaN; ReLU clears the masked lanes with VPANDN; LeakyReLU multiplies and
// blends; nothing passes through VMAXPS. The body does 4 vectors (32
// float32s) per iteration through pointers that walk the slices, since the
// compiler folds only constant offsets into its loads and stores (an indexed
// address costs two LEAs per load in Go 1.26); the walk stops at the last
// block, so that no pointer ever points past the end of its slice. Then
// whole vectors, then the tail: out of place, one last vector overlapping the
// previous one (recomputing a few elements from unchanged inputs); in place,
// where recomputing would read outputs, or below 8 elements, through an
// 8-element array on the stack, so that no access leaves the slices
// (archsimd's LoadFloat32x8SlicePart would use VMASKMOVPS, slow on AMD, and
// its *[8]float32 over a shorter slice trips checkptr under -race). Every
// function ends with ClearAVXUpperBits (VZEROUPPER), or each later SSE
// instruction pays for the dirty upper halves.

import (
	"simd/archsimd"
	"unsafe"
)

func init() {
	archsimdBuilt = true
	if !archsimd.X86.AVX2() {
		return // like a table row this CPU cannot run: left out
	}
	rivals.archsimd = &Contender{
		Name:          "archsimd",
		Role:          Rival,
		Note:          "Go 1.26 simd/archsimd (GOEXPERIMENT=simd), AVX2, 4x unrolled, exact contract",
		ReLU:          reluArchsimd,
		LeakyReLU:     leakyReLUArchsimd,
		ReLUGrad:      reluGradArchsimd,
		LeakyReLUGrad: leakyReLUGradArchsimd,
	}
}

// v8 is the vector of 8 float32s at byte offset off from p.
func v8(p unsafe.Pointer, off int) *[8]float32 { return (*[8]float32)(unsafe.Add(p, off)) }

func reluV(x, zero archsimd.Float32x8) archsimd.Float32x8 {
	return x.AsInt32x8().AndNot(x.LessEqual(zero).ToInt32x8()).AsFloat32x8()
}

func leakyV(x, a, zero archsimd.Float32x8) archsimd.Float32x8 {
	return x.Mul(a).Merge(x, x.LessEqual(zero))
}

func reluGradV(g, x, zero archsimd.Float32x8) archsimd.Float32x8 {
	return g.AsInt32x8().AndNot(x.LessEqual(zero).ToInt32x8()).AsFloat32x8()
}

func leakyGradV(g, x, a, zero archsimd.Float32x8) archsimd.Float32x8 {
	return g.Mul(a).Merge(g, x.LessEqual(zero))
}

func reluArchsimd(dst, src []float32) {
	n := len(dst)
	if n == 0 {
		return
	}
	src = src[:n]
	var zero archsimd.Float32x8
	pd, ps := unsafe.Pointer(&dst[0]), unsafe.Pointer(&src[0])
	i := n &^ 31
	for k, s, d := n>>5, ps, pd; k > 0; s, d = unsafe.Add(s, 128), unsafe.Add(d, 128) {
		x0 := archsimd.LoadFloat32x8(v8(s, 0))
		x1 := archsimd.LoadFloat32x8(v8(s, 32))
		x2 := archsimd.LoadFloat32x8(v8(s, 64))
		x3 := archsimd.LoadFloat32x8(v8(s, 96))
		reluV(x0, zero).Store(v8(d, 0))
		reluV(x1, zero).Store(v8(d, 32))
		reluV(x2, zero).Store(v8(d, 64))
		reluV(x3, zero).Store(v8(d, 96))
		if k--; k == 0 {
			break // never step a pointer past the end of its slice
		}
	}
	for ; i+8 <= n; i += 8 {
		reluV(archsimd.LoadFloat32x8(v8(ps, 4*i)), zero).Store(v8(pd, 4*i))
	}
	if i < n {
		if n >= 8 && pd != ps {
			i = n - 8
			reluV(archsimd.LoadFloat32x8(v8(ps, 4*i)), zero).Store(v8(pd, 4*i))
		} else {
			var b [8]float32
			copy(b[:], src[i:])
			reluV(archsimd.LoadFloat32x8(&b), zero).Store(&b)
			copy(dst[i:], b[:])
		}
	}
	archsimd.ClearAVXUpperBits()
}

func leakyReLUArchsimd(dst, src []float32, alpha float32) {
	n := len(dst)
	if n == 0 {
		return
	}
	src = src[:n]
	var zero archsimd.Float32x8
	a := archsimd.BroadcastFloat32x8(alpha)
	pd, ps := unsafe.Pointer(&dst[0]), unsafe.Pointer(&src[0])
	i := n &^ 31
	for k, s, d := n>>5, ps, pd; k > 0; s, d = unsafe.Add(s, 128), unsafe.Add(d, 128) {
		x0 := archsimd.LoadFloat32x8(v8(s, 0))
		x1 := archsimd.LoadFloat32x8(v8(s, 32))
		x2 := archsimd.LoadFloat32x8(v8(s, 64))
		x3 := archsimd.LoadFloat32x8(v8(s, 96))
		leakyV(x0, a, zero).Store(v8(d, 0))
		leakyV(x1, a, zero).Store(v8(d, 32))
		leakyV(x2, a, zero).Store(v8(d, 64))
		leakyV(x3, a, zero).Store(v8(d, 96))
		if k--; k == 0 {
			break // never step a pointer past the end of its slice
		}
	}
	for ; i+8 <= n; i += 8 {
		leakyV(archsimd.LoadFloat32x8(v8(ps, 4*i)), a, zero).Store(v8(pd, 4*i))
	}
	if i < n {
		if n >= 8 && pd != ps {
			i = n - 8
			leakyV(archsimd.LoadFloat32x8(v8(ps, 4*i)), a, zero).Store(v8(pd, 4*i))
		} else {
			var b [8]float32
			copy(b[:], src[i:])
			leakyV(archsimd.LoadFloat32x8(&b), a, zero).Store(&b)
			copy(dst[i:], b[:])
		}
	}
	archsimd.ClearAVXUpperBits()
}

func reluGradArchsimd(dst, grad, x []float32) {
	n := len(dst)
	if n == 0 {
		return
	}
	grad, x = grad[:n], x[:n]
	var zero archsimd.Float32x8
	pd, pg, px := unsafe.Pointer(&dst[0]), unsafe.Pointer(&grad[0]), unsafe.Pointer(&x[0])
	i := n &^ 31
	for k, g, s, d := n>>5, pg, px, pd; k > 0; g, s, d = unsafe.Add(g, 128), unsafe.Add(s, 128), unsafe.Add(d, 128) {
		g0 := archsimd.LoadFloat32x8(v8(g, 0))
		g1 := archsimd.LoadFloat32x8(v8(g, 32))
		g2 := archsimd.LoadFloat32x8(v8(g, 64))
		g3 := archsimd.LoadFloat32x8(v8(g, 96))
		x0 := archsimd.LoadFloat32x8(v8(s, 0))
		x1 := archsimd.LoadFloat32x8(v8(s, 32))
		x2 := archsimd.LoadFloat32x8(v8(s, 64))
		x3 := archsimd.LoadFloat32x8(v8(s, 96))
		reluGradV(g0, x0, zero).Store(v8(d, 0))
		reluGradV(g1, x1, zero).Store(v8(d, 32))
		reluGradV(g2, x2, zero).Store(v8(d, 64))
		reluGradV(g3, x3, zero).Store(v8(d, 96))
		if k--; k == 0 {
			break // never step a pointer past the end of its slice
		}
	}
	for ; i+8 <= n; i += 8 {
		reluGradV(archsimd.LoadFloat32x8(v8(pg, 4*i)), archsimd.LoadFloat32x8(v8(px, 4*i)), zero).Store(v8(pd, 4*i))
	}
	if i < n {
		if n >= 8 && pd != pg && pd != px {
			i = n - 8
			reluGradV(archsimd.LoadFloat32x8(v8(pg, 4*i)), archsimd.LoadFloat32x8(v8(px, 4*i)), zero).Store(v8(pd, 4*i))
		} else {
			var gb, xb [8]float32
			copy(gb[:], grad[i:])
			copy(xb[:], x[i:])
			reluGradV(archsimd.LoadFloat32x8(&gb), archsimd.LoadFloat32x8(&xb), zero).Store(&gb)
			copy(dst[i:], gb[:])
		}
	}
	archsimd.ClearAVXUpperBits()
}

func leakyReLUGradArchsimd(dst, grad, x []float32, alpha float32) {
	n := len(dst)
	if n == 0 {
		return
	}
	grad, x = grad[:n], x[:n]
	var zero archsimd.Float32x8
	a := archsimd.BroadcastFloat32x8(alpha)
	pd, pg, px := unsafe.Pointer(&dst[0]), unsafe.Pointer(&grad[0]), unsafe.Pointer(&x[0])
	i := n &^ 31
	for k, g, s, d := n>>5, pg, px, pd; k > 0; g, s, d = unsafe.Add(g, 128), unsafe.Add(s, 128), unsafe.Add(d, 128) {
		g0 := archsimd.LoadFloat32x8(v8(g, 0))
		g1 := archsimd.LoadFloat32x8(v8(g, 32))
		g2 := archsimd.LoadFloat32x8(v8(g, 64))
		g3 := archsimd.LoadFloat32x8(v8(g, 96))
		x0 := archsimd.LoadFloat32x8(v8(s, 0))
		x1 := archsimd.LoadFloat32x8(v8(s, 32))
		x2 := archsimd.LoadFloat32x8(v8(s, 64))
		x3 := archsimd.LoadFloat32x8(v8(s, 96))
		leakyGradV(g0, x0, a, zero).Store(v8(d, 0))
		leakyGradV(g1, x1, a, zero).Store(v8(d, 32))
		leakyGradV(g2, x2, a, zero).Store(v8(d, 64))
		leakyGradV(g3, x3, a, zero).Store(v8(d, 96))
		if k--; k == 0 {
			break // never step a pointer past the end of its slice
		}
	}
	for ; i+8 <= n; i += 8 {
		leakyGradV(archsimd.LoadFloat32x8(v8(pg, 4*i)), archsimd.LoadFloat32x8(v8(px, 4*i)), a, zero).Store(v8(pd, 4*i))
	}
	if i < n {
		if n >= 8 && pd != pg && pd != px {
			i = n - 8
			leakyGradV(archsimd.LoadFloat32x8(v8(pg, 4*i)), archsimd.LoadFloat32x8(v8(px, 4*i)), a, zero).Store(v8(pd, 4*i))
		} else {
			var gb, xb [8]float32
			copy(gb[:], grad[i:])
			copy(xb[:], x[i:])
			leakyGradV(archsimd.LoadFloat32x8(&gb), archsimd.LoadFloat32x8(&xb), a, zero).Store(&gb)
			copy(dst[i:], gb[:])
		}
	}
	archsimd.ClearAVXUpperBits()
}
