package neon

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/fastrelu/fastrelu/kernels/_asm/kernel"
)

// The kernel.Arith operations: recorded as the others, lowered by
// lowerArith to one step each (Narrow two), with the operands in the
// instruction's own order (the order that decides which NaN wins). Results
// "in a" (in c for FMA) write that operand's bank, as Add does; Widen's hi
// takes a bank of its own, as a product does.

var _ kernel.Arith = (*recorder)(nil)

// The operations that take float64 lanes record a name ending in "64" when
// theirs are; Widen records two operations, WidenHi then WidenLo, since
// the low half is converted in place.

func (r *recorder) Sub(a, b kernel.Value) kernel.Value {
	return r.add(r.width("Sub", true, a, b), a, b)
}
func (r *recorder) Div(a, b kernel.Value) kernel.Value {
	return r.add(r.width("Div", true, a, b), a, b)
}
func (r *recorder) FMA(a, b, c kernel.Value) kernel.Value {
	return r.add(r.width("FMA", true, a, b, c), a, b, c)
}
func (r *recorder) Abs(a kernel.Value) kernel.Value { return r.add(r.width("Abs", false, a), a) }
func (r *recorder) Neg(a kernel.Value) kernel.Value { return r.add(r.width("Neg", false, a), a) }
func (r *recorder) RoundEven(a kernel.Value) kernel.Value {
	return r.add(r.width("RoundEven", false, a), a)
}
func (r *recorder) ToInt32(a kernel.Value) kernel.Value {
	return r.add(r.width("ToInt32", false, a), a)
}
func (r *recorder) IntAdd(a, b kernel.Value) kernel.Value {
	return r.add(r.width("IntAdd", false, a, b), a, b)
}

func (r *recorder) Widen(a kernel.Value) (lo, hi kernel.Value) {
	r.width("Widen", false, a)
	hi = r.add("WidenHi", a)
	return r.add("WidenLo", a), hi
}

func (r *recorder) Narrow(lo, hi kernel.Value) kernel.Value {
	if r.width("Narrow", true, lo, hi) != "Narrow64" {
		panic("Narrow: float64 lanes only")
	}
	return r.add("Narrow", lo, hi)
}

// wideOps are the operations whose results have float64 lanes.
var wideOps = map[string]bool{"WidenHi": true, "WidenLo": true, "Add64": true, "Mul64": true, "Sub64": true, "Div64": true, "FMA64": true}

// isWide reports whether v has float64 lanes: whether the operation that
// made it is one of wideOps (inputs and scalars are float32).
func (r *recorder) isWide(v kernel.Value) bool {
	for _, o := range r.ops {
		if o.res == v {
			return wideOps[o.name]
		}
	}
	return false
}

// width returns the name to record for op on vs: op, or op+"64" for
// float64 operands, which must all have one width and may be float64 only
// where mixed allows.
func (r *recorder) width(op string, mixed bool, vs ...kernel.Value) string {
	w := r.isWide(vs[0])
	for _, v := range vs[1:] {
		if r.isWide(v) != w {
			panic(op + ": operands of two widths")
		}
	}
	switch {
	case w && !mixed:
		panic(op + ": float32 or int32 lanes only")
	case w:
		return op + "64"
	}
	return op
}

// ShiftLeft records its count in the name ("ShiftLeft23"): the arguments
// are values, whose last uses decide the banks.
func (r *recorder) ShiftLeft(a kernel.Value, n int) kernel.Value {
	if n < 0 || n > 31 {
		panic("ShiftLeft: the count must be 0 to 31")
	}
	r.width("ShiftLeft", false, a)
	return r.add(shiftLeft+strconv.Itoa(n), a)
}

const shiftLeft = "ShiftLeft"

var (
	fsub  = op3("FSUB", FSUB, false) // d = n - m
	fdiv  = op3("FDIV", FDIV, false) // d = n / m
	fmla  = op3("FMLA", FMLA, true)  // d = d + n*m, one rounding
	add32 = op3("ADD", ADD32, false) // d = n + m, int32 lanes
	fabs  = op2("FABS", FABS)        // d = |n|, bits
	fneg  = op2("FNEG", FNEG)        // d = -n, bits
	frint = op2("FRINTN", FRINTN)    // d = n rounded, ties to even
	fcvt  = op2("FCVTNS", FCVTNS)    // d = int32(n), ties to even
)

// op2 is op3 for an instruction with one source.
func op2(name string, enc func(Width, V, V) Instr) func(d, n Reg) Step {
	return func(d, n Reg) Step {
		return Step{name: name, enc: func(w Width, d, n, _ V) Instr { return enc(w, d, n) }, d: d, n: n, reads: []Reg{n}}
	}
}

// wide3 and wide2 are op3 and op2 for the float64 encoders, which work on
// whole registers whatever the block's width.
func wide3(name string, enc func(V, V, V) Instr, readsD bool) func(d, n, m Reg) Step {
	return op3(name, func(_ Width, d, n, m V) Instr { return enc(d, n, m) }, readsD)
}

func wide2(name string, enc func(V, V) Instr, readsD bool) func(d, n Reg) Step {
	return func(d, n Reg) Step {
		s := Step{name: name, enc: func(_ Width, d, n, _ V) Instr { return enc(d, n) }, d: d, n: n, reads: []Reg{n}}
		if readsD {
			s.reads = append(s.reads, d)
		}
		return s
	}
}

var (
	fadd64 = wide3("FADD", FADD64, false)
	fmul64 = wide3("FMUL", FMUL64, false)
	fsub64 = wide3("FSUB", FSUB64, false)
	fdiv64 = wide3("FDIV", FDIV64, false)
	fmla64 = wide3("FMLA", FMLA64, true)
	fcvtl  = wide2("FCVTL", FCVTL, false)
	fcvtl2 = wide2("FCVTL2", FCVTL2, false)
	fcvtn  = wide2("FCVTN", FCVTN, false)
	fcvtn2 = wide2("FCVTN2", FCVTN2, true) // keeps d's low half
)

// shl is d = n << shift, 32-bit lanes.
func shl(d, n Reg, shift int) Step {
	enc := func(w Width, d, n, _ V) Instr { return SHL32(w, d, n, shift) }
	return Step{name: "SHL", enc: enc, d: d, n: n, reads: []Reg{n}}
}

func init() {
	for name, cycles := range map[string]int{"FSUB": 4, "FDIV": 10, "FMLA": 4, "ADD": 2, "FABS": 2, "FNEG": 2, "FRINTN": 3, "FCVTNS": 3, "SHL": 2, "FCVTL": 3, "FCVTL2": 3, "FCVTN": 3, "FCVTN2": 3} {
		latency[name] = cycles
	}
}

// lowerArith lowers recorded operation o of kernel name (a kernel.Arith
// one, or it panics) to its steps and the bank of its result: bank returns
// a value's bank (a value written in place must be in one), operand its
// bank or broadcast scalar, fresh a bank of its own, product a bank for a
// product (an operand's that dies there, or a fresh one).
func lowerArith(name string, o op, bank, operand func(kernel.Value) Reg, fresh, product func() Reg) ([]Step, Reg) {
	a := o.args
	one := func(s Step) ([]Step, Reg) { return []Step{s}, s.d }
	switch o.name {
	case "Sub":
		return one(fsub(bank(a[0]), bank(a[0]), operand(a[1])))
	case "Sub64":
		return one(fsub64(bank(a[0]), bank(a[0]), operand(a[1])))
	case "Add64":
		return one(fadd64(bank(a[0]), bank(a[0]), operand(a[1])))
	case "Mul64":
		return one(fmul64(product(), operand(a[0]), operand(a[1])))
	case "Div":
		return one(fdiv(bank(a[0]), bank(a[0]), operand(a[1])))
	case "Div64":
		return one(fdiv64(bank(a[0]), bank(a[0]), operand(a[1])))
	case "FMA":
		return one(fmla(bank(a[2]), operand(a[0]), operand(a[1])))
	case "FMA64":
		return one(fmla64(bank(a[2]), operand(a[0]), operand(a[1])))
	case "IntAdd":
		return one(add32(bank(a[0]), bank(a[0]), operand(a[1])))
	case "Abs":
		return one(fabs(bank(a[0]), bank(a[0])))
	case "Neg":
		return one(fneg(bank(a[0]), bank(a[0])))
	case "RoundEven":
		return one(frint(bank(a[0]), bank(a[0])))
	case "ToInt32":
		return one(fcvt(bank(a[0]), bank(a[0])))
	case "WidenHi": // before WidenLo overwrites a
		return one(fcvtl2(fresh(), bank(a[0])))
	case "WidenLo":
		return one(fcvtl(bank(a[0]), bank(a[0])))
	case "Narrow":
		lo := bank(a[0])
		return []Step{fcvtn(lo, lo), fcvtn2(lo, bank(a[1]))}, lo
	}
	if n, ok := strings.CutPrefix(o.name, shiftLeft); ok {
		if shift, err := strconv.Atoi(n); err == nil {
			return one(shl(bank(a[0]), bank(a[0]), shift))
		}
	}
	panic(fmt.Sprintf("%s: %s has no NEON lowering (FMAX and FMIN quiet NaNs)", name, o.name))
}
