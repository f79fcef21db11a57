package golang

import (
	"fmt"

	"github.com/fastrelu/fastrelu/kernels/_asm/kernel"
)

// The kernel.Arith operations of the generic path. The floating-point ones
// call internal/lanemath, which spells out each architecture's NaN rule
// and computes FMA exactly; the bit and integer ones are uint32 arithmetic
// on the bits. A file that uses them imports lanemath. Values with
// float64 lanes are float64 variables, and the operations on them
// lanemath's 64-bit functions.

var _ kernel.Arith = (*goLane)(nil)

// lanemathImport is the import path of the generic operations.
const lanemathImport = "github.com/fastrelu/fastrelu/internal/lanemath"

// float64Values are, for each goLane, its values with float64 lanes:
// goLane itself knows expressions only.
var float64Values = map[*goLane]map[kernel.Value]bool{}

// width returns the suffix of lanemath's function for op on vs, "32" or
// "64", and marks res, the result, wide when they are. The operands must
// have one width, float64 only where mixed allows.
func (l *goLane) width(op string, mixed bool, vs ...kernel.Value) string {
	w := float64Values[l][vs[0]]
	for _, v := range vs[1:] {
		if float64Values[l][v] != w {
			panic(op + ": operands of two widths")
		}
	}
	switch {
	case w && !mixed:
		panic(op + ": float32 or int32 lanes only")
	case w:
		return "64"
	}
	return "32"
}

// wide marks v as a value with float64 lanes.
func (l *goLane) wide(v kernel.Value) kernel.Value {
	if float64Values[l] == nil {
		float64Values[l] = map[kernel.Value]bool{}
	}
	float64Values[l][v] = true
	return v
}

// result is v, marked wide if the operation's suffix says so.
func (l *goLane) result(v kernel.Value, suffix string) kernel.Value {
	if suffix == "64" {
		return l.wide(v)
	}
	return v
}

func (l *goLane) Sub(a, b kernel.Value) kernel.Value {
	w := l.width("Sub", true, a, b)
	return l.result(l.value(fmt.Sprintf("lanemath.Sub%s(%s, %s)", w, l.e(a), l.e(b)), l.h(a)), w)
}

func (l *goLane) Div(a, b kernel.Value) kernel.Value {
	w := l.width("Div", true, a, b)
	return l.result(l.value(fmt.Sprintf("lanemath.Div%s(%s, %s)", w, l.e(a), l.e(b)), l.h(a)), w)
}

func (l *goLane) FMA(a, b, c kernel.Value) kernel.Value {
	w := l.width("FMA", true, a, b, c)
	return l.result(l.value(fmt.Sprintf("lanemath.FMA%s(%s, %s, %s)", w, l.e(a), l.e(b), l.e(c)), l.h(c)), w)
}

func (l *goLane) Abs(a kernel.Value) kernel.Value {
	l.width("Abs", false, a)
	return l.bitsValue(fmt.Sprintf("%s &^ (1 << %d)", l.bitsOf(a), signBit()), l.h(a))
}

func (l *goLane) Neg(a kernel.Value) kernel.Value {
	l.width("Neg", false, a)
	return l.bitsValue(fmt.Sprintf("%s ^ (1 << %d)", l.bitsOf(a), signBit()), l.h(a))
}

func (l *goLane) RoundEven(a kernel.Value) kernel.Value {
	narrowOnly("RoundEven")
	l.width("RoundEven", false, a)
	return l.value(fmt.Sprintf("lanemath.RoundEven(%s)", l.e(a)), l.h(a))
}

func (l *goLane) ToInt32(a kernel.Value) kernel.Value {
	narrowOnly("ToInt32")
	l.width("ToInt32", false, a)
	return l.bitsValue(fmt.Sprintf("uint32(lanemath.ToInt32(%s))", l.e(a)), l.h(a))
}

func (l *goLane) IntAdd(a, b kernel.Value) kernel.Value {
	narrowOnly("IntAdd")
	l.width("IntAdd", false, a, b)
	return l.bitsValue(fmt.Sprintf("%s + %s", l.bitsOf(a), l.bitsOf(b)), l.h(a))
}

func (l *goLane) ShiftLeft(a kernel.Value, n int) kernel.Value {
	narrowOnly("ShiftLeft")
	l.width("ShiftLeft", false, a)
	if n < 0 || n > 31 {
		panic("ShiftLeft: the count must be 0 to 31")
	}
	return l.bitsValue(fmt.Sprintf("%s << %d", l.bitsOf(a), n), l.h(a))
}

// Widen's lo and hi are one value here: the generic path computes one
// element, which is in one of them (kernel.Arith).
func (l *goLane) Widen(a kernel.Value) (lo, hi kernel.Value) {
	narrowOnly("Widen")
	l.width("Widen", false, a)
	v := l.wide(l.value(fmt.Sprintf("lanemath.Widen(%s)", l.e(a)), l.h(a)))
	return v, v
}

// Narrow takes lo's element: hi's is the same, computed by the same
// operations, and only marked used.
func (l *goLane) Narrow(lo, hi kernel.Value) kernel.Value {
	narrowOnly("Narrow")
	if l.width("Narrow", true, lo, hi) != "64" {
		panic("Narrow: float64 lanes only")
	}
	if lo != hi {
		l.b.p("_ = %s", l.e(hi))
	}
	return l.value(fmt.Sprintf("lanemath.Narrow(%s)", l.e(lo)), l.h(lo))
}
