package kernels

import "strconv"

// Matrix is a row-major matrix view with a row stride: element (r, c) is
// Data[r*Stride+c], for r < Rows and c < Cols. It is the layout of gonum's
// blas32.General (and mat's RawMatrix, in float64), with the same fields in
// the same order, so that a blas32.General g converts as Matrix(g).
//
// The layer kernels take Matrix views in their ...Matrix forms
// (BiasReLUMatrix, ReLUGradBiasMatrix, ...): the same kernels, with the
// same bits, run row by row over views whose rows need not be contiguous,
// such as a block of columns of a wider matrix. They read and write only
// the Rows×Cols elements of each view, never the columns between the end
// of a row and the start of the next. A view whose Stride equals its Cols
// (or with one row) runs exactly as the slice form of the function.
//
// The rules, checked on every call (a call that breaks one panics, naming
// the function, the views' shapes and the rule): Rows >= 0, Cols >= 0,
// and, when the view is not empty, Stride >= Cols and len(Data) >=
// (Rows-1)*Stride + Cols; every view of a call has the same Rows and Cols, and the
// per-column slices (bias, slope, dbias, dslope) have Cols elements. dst
// and an input view are either the same view (the same first element and
// Stride: in place) or their spans, the elements from the first of the
// view to its last, share no memory; bias and slope share none with dst's
// span, dbias and dslope none with any other argument.
type Matrix struct {
	Rows, Cols int
	Stride     int
	Data       []float32
}

// span returns the elements from m's first to its last, or nil for an
// empty view. m must be valid.
func (m Matrix) span() []float32 {
	if m.Rows == 0 || m.Cols == 0 {
		return nil
	}
	n := (m.Rows-1)*m.Stride + m.Cols
	return m.Data[:n:n]
}

// invalid returns which rule of a single view m breaks, or "".
func (m Matrix) invalid() string {
	switch {
	case m.Rows < 0 || m.Cols < 0:
		return "Rows and Cols must not be negative"
	case m.Rows == 0 || m.Cols == 0:
		return ""
	case m.Stride < m.Cols:
		return "Stride must be at least Cols"
	case len(m.Data) < m.Cols || m.Rows-1 > (len(m.Data)-m.Cols)/m.Stride:
		return "len(Data) must be at least (Rows-1)*Stride + Cols"
	}
	return ""
}

func (m Matrix) shape() string {
	return strconv.Itoa(m.Rows) + "x" + strconv.Itoa(m.Cols) + " (Stride=" + strconv.Itoa(m.Stride) +
		", len(Data)=" + strconv.Itoa(len(m.Data)) + ")"
}

// view is a named argument of a Matrix call, for the checks' messages.
type view struct {
	name string
	m    Matrix
}

// checkMatrix panics, naming fn, when the arguments of a Matrix call break
// a rule (see Matrix): views[0] is dst, the others its inputs; param
// (named paramName, "" if none) must not overlap dst, sums (sumsName) no
// argument.
//
//go:noinline
func checkMatrix(fn string, views []view, param, sums []float32, paramName, sumsName string) {
	d := views[0].m
	args := func() string {
		s := ""
		for i, v := range views {
			if i > 0 {
				s += ", "
			}
			s += v.name + " " + v.m.shape()
		}
		if paramName != "" {
			s += ", len(" + paramName + ")=" + strconv.Itoa(len(param))
		}
		if sumsName != "" {
			s += ", len(" + sumsName + ")=" + strconv.Itoa(len(sums))
		}
		return s
	}
	fail := func(rule string) { panic(fn + ": " + args() + ": " + rule) }
	for _, v := range views {
		if msg := v.m.invalid(); msg != "" {
			fail(v.name + ": " + msg)
		}
	}
	for _, v := range views[1:] {
		if v.m.Rows != d.Rows || v.m.Cols != d.Cols {
			fail(views[0].name + " and " + v.name + " must have the same Rows and Cols")
		}
	}
	if paramName != "" && len(param) != d.Cols {
		fail("len(" + paramName + ") must be Cols")
	}
	if sumsName != "" && len(sums) != d.Cols {
		fail("len(" + sumsName + ") must be Cols")
	}
	for _, v := range views[1:] {
		if overlaps(d.span(), v.m.span()) && (!same(d.Data, v.m.Data) || d.Stride != v.m.Stride) {
			fail(views[0].name + " and " + v.name + " overlap: pass the same view (in place) or views whose spans share no memory")
		}
	}
	if paramName != "" && overlaps(param, d.span()) {
		fail(paramName + " shares memory with " + views[0].name + ": pass " + paramName + " in memory of its own")
	}
	if sumsName != "" {
		for _, v := range views {
			if overlaps(sums, v.m.span()) {
				fail(sumsName + " shares memory with " + v.name + ": pass " + sumsName + " in memory of its own")
			}
		}
		if overlaps(sums, param) {
			fail(sumsName + " shares memory with " + paramName + ": pass " + sumsName + " in memory of its own")
		}
	}
}

// raceReadMatrix and raceWriteMatrix tell the race detector about the rows
// of m, and nothing between them, which other goroutines may own.
func raceReadMatrix(m Matrix) {
	if m.Cols == 0 {
		return
	}
	for r := range m.Rows {
		raceRead(m.Data[r*m.Stride : r*m.Stride+m.Cols])
	}
}

func raceWriteMatrix(m Matrix) {
	if m.Cols == 0 {
		return
	}
	for r := range m.Rows {
		raceWrite(m.Data[r*m.Stride : r*m.Stride+m.Cols])
	}
}

// setMatrix gives j, whose slices are the views' Data, the shape and the
// strides of the views dst, in and test (test unused by the forward
// kernels).
func (j *job) setMatrix(dst, in, test Matrix) {
	j.matrix = true
	j.rows, j.cols = dst.Rows, dst.Cols
	j.dstStride, j.inStride, j.testStride = dst.Stride, in.Stride, test.Stride
}

// runMatrix runs a Matrix call of a package function on this goroutine.
//
//go:noinline
func runMatrix(j *job, dst, in, test Matrix) {
	j.setMatrix(dst, in, test)
	j.runInline()
}
