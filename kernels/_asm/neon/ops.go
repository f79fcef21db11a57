package neon

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/fastrelu/fastrelu/kernels/_asm/kernel"
)

// The kernel.Arith operations: recorded as the others, lowered by
// lowerArith to one step each, with the operands in the instruction's own
// order (the order that decides which NaN wins). Results "in a" (in c for
// FMA) write that operand's bank, as Add does.

var _ kernel.Arith = (*recorder)(nil)

func (r *recorder) Sub(a, b kernel.Value) kernel.Value    { return r.add("Sub", a, b) }
func (r *recorder) Div(a, b kernel.Value) kernel.Value    { return r.add("Div", a, b) }
func (r *recorder) FMA(a, b, c kernel.Value) kernel.Value { return r.add("FMA", a, b, c) }
func (r *recorder) Abs(a kernel.Value) kernel.Value       { return r.add("Abs", a) }
func (r *recorder) Neg(a kernel.Value) kernel.Value       { return r.add("Neg", a) }
func (r *recorder) RoundEven(a kernel.Value) kernel.Value { return r.add("RoundEven", a) }
func (r *recorder) ToInt32(a kernel.Value) kernel.Value   { return r.add("ToInt32", a) }
func (r *recorder) IntAdd(a, b kernel.Value) kernel.Value { return r.add("IntAdd", a, b) }

// ShiftLeft records its count in the name ("ShiftLeft23"): the arguments
// are values, whose last uses decide the banks.
func (r *recorder) ShiftLeft(a kernel.Value, n int) kernel.Value {
	if n < 0 || n > 31 {
		panic("ShiftLeft: the count must be 0 to 31")
	}
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

// shl is d = n << shift, 32-bit lanes.
func shl(d, n Reg, shift int) Step {
	enc := func(w Width, d, n, _ V) Instr { return SHL32(w, d, n, shift) }
	return Step{name: "SHL", enc: enc, d: d, n: n, reads: []Reg{n}}
}

func init() {
	for name, cycles := range map[string]int{"FSUB": 4, "FDIV": 10, "FMLA": 4, "ADD": 2, "FABS": 2, "FNEG": 2, "FRINTN": 3, "FCVTNS": 3, "SHL": 2} {
		latency[name] = cycles
	}
}

// lowerArith lowers recorded operation o of kernel name (a kernel.Arith
// one, or it panics) to its step and the bank of its result: bank returns
// a value's bank (a value written in place must be in one), operand its
// bank or broadcast scalar.
func lowerArith(name string, o op, bank, operand func(kernel.Value) Reg) (Step, Reg) {
	a := o.args
	switch o.name {
	case "Sub":
		d := bank(a[0])
		return fsub(d, d, operand(a[1])), d
	case "Div":
		d := bank(a[0])
		return fdiv(d, d, operand(a[1])), d
	case "FMA":
		d := bank(a[2])
		return fmla(d, operand(a[0]), operand(a[1])), d
	case "IntAdd":
		d := bank(a[0])
		return add32(d, d, operand(a[1])), d
	case "Abs":
		d := bank(a[0])
		return fabs(d, d), d
	case "Neg":
		d := bank(a[0])
		return fneg(d, d), d
	case "RoundEven":
		d := bank(a[0])
		return frint(d, d), d
	case "ToInt32":
		d := bank(a[0])
		return fcvt(d, d), d
	}
	if n, ok := strings.CutPrefix(o.name, shiftLeft); ok {
		shift, err := strconv.Atoi(n)
		if err == nil {
			d := bank(a[0])
			return shl(d, d, shift), d
		}
	}
	panic(fmt.Sprintf("%s: %s has no NEON lowering (FMAX and FMIN quiet NaNs)", name, o.name))
}
