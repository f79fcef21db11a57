package golang

import (
	"fmt"

	"github.com/fastrelu/fastrelu/kernels/_asm/kernel"
)

// The kernel.Arith operations of the generic path. The floating-point ones
// call internal/lanemath, which spells out each architecture's NaN rule
// and computes FMA exactly; the bit and integer ones are uint32 arithmetic
// on the bits. A file that uses them imports lanemath. Values with
// float64 lanes are float64 variables: Go's types track the width, and
// lanemath's Sub, Div and FMA take either.

var _ kernel.Arith = (*goLane)(nil)

// lanemathImport is the import path of the generic operations.
const lanemathImport = "github.com/fastrelu/fastrelu/internal/lanemath"

func (l *goLane) Sub(a, b kernel.Value) kernel.Value {
	return l.value(fmt.Sprintf("lanemath.Sub(%s, %s)", l.e(a), l.e(b)), l.h(a))
}

func (l *goLane) Div(a, b kernel.Value) kernel.Value {
	return l.value(fmt.Sprintf("lanemath.Div(%s, %s)", l.e(a), l.e(b)), l.h(a))
}

func (l *goLane) FMA(a, b, c kernel.Value) kernel.Value {
	return l.value(fmt.Sprintf("lanemath.FMA(%s, %s, %s)", l.e(a), l.e(b), l.e(c)), l.h(c))
}

func (l *goLane) Abs(a kernel.Value) kernel.Value {
	return l.bitsValue(fmt.Sprintf("%s &^ (1 << 31)", l.bitsOf(a)), l.h(a))
}

func (l *goLane) Neg(a kernel.Value) kernel.Value {
	return l.bitsValue(fmt.Sprintf("%s ^ (1 << 31)", l.bitsOf(a)), l.h(a))
}

func (l *goLane) RoundEven(a kernel.Value) kernel.Value {
	return l.value(fmt.Sprintf("lanemath.RoundEven(%s)", l.e(a)), l.h(a))
}

func (l *goLane) ToInt32(a kernel.Value) kernel.Value {
	return l.bitsValue(fmt.Sprintf("uint32(lanemath.ToInt32(%s))", l.e(a)), l.h(a))
}

func (l *goLane) IntAdd(a, b kernel.Value) kernel.Value {
	return l.bitsValue(fmt.Sprintf("%s + %s", l.bitsOf(a), l.bitsOf(b)), l.h(a))
}

func (l *goLane) ShiftLeft(a kernel.Value, n int) kernel.Value {
	if n < 0 || n > 31 {
		panic("ShiftLeft: the count must be 0 to 31")
	}
	return l.bitsValue(fmt.Sprintf("%s << %d", l.bitsOf(a), n), l.h(a))
}

// Widen's lo and hi are one value here: the generic path computes one
// element, which is in one of them (kernel.Arith).
func (l *goLane) Widen(a kernel.Value) (lo, hi kernel.Value) {
	v := l.value(fmt.Sprintf("lanemath.Widen(%s)", l.e(a)), l.h(a))
	return v, v
}

// Narrow takes lo's element: hi's is the same, computed by the same
// operations, and only marked used.
func (l *goLane) Narrow(lo, hi kernel.Value) kernel.Value {
	if lo != hi {
		l.b.p("_ = %s", l.e(hi))
	}
	return l.value(fmt.Sprintf("lanemath.Narrow(%s)", l.e(lo)), l.h(lo))
}
