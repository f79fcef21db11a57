package kernels

import (
	"strconv"
	"unsafe"
)

// The argument checks of the layer kernels, in the style of check.go: the
// public functions spell out the compares (inlined), and call one of the
// never-inlined functions below only when a rule is broken; it finds the
// rule and panics with a message naming the function and every length.
//
// On top of check.go's rules (dst identical to or disjoint from each input):
// len(src) is a multiple of cols, cols >= 1 when rows >= 1; bias and slope
// are disjoint from dst; dbias and dslope, written row after row while the
// other arguments are read, are disjoint from all of them.

// overlaps reports whether a and b share at least one byte. Like
// overlapsPartially it compares unsigned differences, never an end address,
// which wraps to 0 for a slice that ends at the top of the address space.
func overlaps(a, b []float32) bool {
	p := uintptr(unsafe.Pointer(unsafe.SliceData(a)))
	q := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	return len(a) != 0 && len(b) != 0 && (q-p < uintptr(len(a))*elemBytes || p-q < uintptr(len(b))*elemBytes)
}

// layerLengths formats "len(a)=1, len(b)=2, ..." for names[i] and s[i].
func layerLengths(names []string, s [][]float32) string {
	out := ""
	for i, n := range names {
		if i > 0 {
			out += ", "
		}
		out += "len(" + n + ")=" + strconv.Itoa(len(s[i]))
	}
	return out
}

// panicColumns panics when the matrix of m elements does not have whole
// rows of len(cols) elements; it returns otherwise.
func panicColumns(fn, lens, matrix, colName string, m, cols int) {
	if m == 0 {
		return
	}
	if cols == 0 {
		panic(fn + ": " + lens + ": " + colName + " must not be empty when " + matrix + " is not")
	}
	if m%cols != 0 {
		panic(fn + ": " + lens + ": len(" + matrix + ") must be a multiple of len(" + colName + "), the number of columns")
	}
}

func panicShared(fn, a, b string, lens string) {
	panic(fn + ": " + a + " shares memory with " + b + " (" + lens + "): pass " + a + " in memory of its own")
}

// panicLayerForward: the forward layer kernels (par "bias", or the name of
// the per-column parameter).
//
//go:noinline
func panicLayerForward(fn, in, par string, dst, src, perCol []float32) {
	lens := layerLengths([]string{"dst", in, par}, [][]float32{dst, src, perCol})
	if len(dst) != len(src) {
		panic(fn + ": " + lens + ": dst and " + in + " must have the same length")
	}
	panicColumns(fn, lens, in, par, len(src), len(perCol))
	if overlapsPartially(dst, src) {
		panicOverlap(fn, in, dst, src)
	}
	panicShared(fn, par, "dst", lens)
}

//go:noinline
func panicGradBias(fn string, dst, dbias, grad, y []float32) {
	lens := layerLengths([]string{"dst", "dbias", "grad", "y"}, [][]float32{dst, dbias, grad, y})
	if len(dst) != len(grad) || len(dst) != len(y) {
		panic(fn + ": " + lens + ": dst, grad and y must have the same length")
	}
	panicColumns(fn, lens, "dst", "dbias", len(dst), len(dbias))
	if overlapsPartially(dst, grad) {
		panicOverlap(fn, "grad", dst, grad)
	}
	if overlapsPartially(dst, y) {
		panicOverlap(fn, "y", dst, y)
	}
	for i, other := range [][]float32{dst, grad, y} {
		if overlaps(dbias, other) {
			panicShared(fn, "dbias", []string{"dst", "grad", "y"}[i], lens)
		}
	}
	panic(fn + ": " + lens + ": invalid arguments") // not reached
}

//go:noinline
func panicPerColumnGrad(fn string, dst, dslope, grad, x, slope []float32) {
	lens := layerLengths([]string{"dst", "dslope", "grad", "x", "slope"}, [][]float32{dst, dslope, grad, x, slope})
	if len(dst) != len(grad) || len(dst) != len(x) {
		panic(fn + ": " + lens + ": dst, grad and x must have the same length")
	}
	if len(dslope) != len(slope) {
		panic(fn + ": " + lens + ": dslope and slope must have the same length")
	}
	panicColumns(fn, lens, "dst", "slope", len(dst), len(slope))
	if overlapsPartially(dst, grad) {
		panicOverlap(fn, "grad", dst, grad)
	}
	if overlapsPartially(dst, x) {
		panicOverlap(fn, "x", dst, x)
	}
	if overlaps(dst, slope) {
		panicShared(fn, "slope", "dst", lens)
	}
	for i, other := range [][]float32{dst, grad, x, slope} {
		if overlaps(dslope, other) {
			panicShared(fn, "dslope", []string{"dst", "grad", "x", "slope"}[i], lens)
		}
	}
	panic(fn + ": " + lens + ": invalid arguments") // not reached
}

// The argument rules of the layer kernels, shared by the package functions
// and the Parallel methods; each reports whether the arguments break one.

// badLayerForwardArgs: the forward layer kernels (par is the bias or the
// per-column parameter).
func badLayerForwardArgs(dst, src, par []float32) bool {
	return len(dst) != len(src) || (len(src) != 0 && (len(par) == 0 || len(src)%len(par) != 0)) ||
		overlapsPartially(dst, src) || overlaps(dst, par)
}

// badGradBiasArgs: the gradients with the bias gradient.
func badGradBiasArgs(dst, dbias, grad, y []float32) bool {
	return len(dst) != len(grad) || len(dst) != len(y) || (len(dst) != 0 && (len(dbias) == 0 || len(dst)%len(dbias) != 0)) ||
		overlapsPartially(dst, grad) || overlapsPartially(dst, y) ||
		overlaps(dbias, dst) || overlaps(dbias, grad) || overlaps(dbias, y)
}

// badPerColumnGradArgs: the gradients with a per-column parameter and its
// gradient (dst, dp, grad, x, p).
func badPerColumnGradArgs(dst, dslope, grad, x, slope []float32) bool {
	return len(dst) != len(grad) || len(dst) != len(x) || len(dslope) != len(slope) ||
		(len(dst) != 0 && (len(slope) == 0 || len(dst)%len(slope) != 0)) ||
		overlapsPartially(dst, grad) || overlapsPartially(dst, x) || overlaps(dst, slope) ||
		overlaps(dslope, dst) || overlaps(dslope, grad) || overlaps(dslope, x) || overlaps(dslope, slope)
}
