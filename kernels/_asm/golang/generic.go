package golang

import (
	"fmt"

	"github.com/fastrelu/fastrelu/kernels/_asm/kernel"
)

// The generic path, from the same lane operations as the assembly: a Go
// loop per kernel whose body is the lane operation on one element, written
// with the generic path's operations (kernels/generic.go): keepMask for
// m(x), selects on the bits, addNaNRule and mulNaNRule where two NaN
// operands leave IEEE 754's result open. Every product is converted to
// float32 on its own, so that no compiler fuses it into an addition.

// goLane is a kernel.Lane that writes Go statements, one variable per
// value.
type goLane struct {
	b      *w
	inputs []string // the expression of input i ("s[i]")
	params []string // the expression of scalar i ("alpha")
	exprs  []string // the variable of each value
	home   []int    // the input whose register a value overwrote, or -1
	next   int
}

var _ kernel.Lane = (*goLane)(nil)

func (l *goLane) value(expr string, home int) kernel.Value {
	name := fmt.Sprintf("v%d", l.next)
	l.next++
	l.b.p("%s := %s", name, expr)
	l.exprs = append(l.exprs, name)
	l.home = append(l.home, home)
	return kernel.Value(len(l.exprs) - 1)
}

func (l *goLane) alias(expr string, home int) kernel.Value {
	l.exprs = append(l.exprs, expr)
	l.home = append(l.home, home)
	return kernel.Value(len(l.exprs) - 1)
}

func (l *goLane) e(v kernel.Value) string { return l.exprs[v] }
func (l *goLane) h(v kernel.Value) int    { return l.home[v] }

func (l *goLane) In(i int) kernel.Value     { return l.alias(l.inputs[i], i) }
func (l *goLane) Scalar(i int) kernel.Value { return l.alias(l.params[i], -1) }

// LE0 is keepMask's complement: the value is all ones where m(x) is false.
func (l *goLane) LE0(x kernel.Value) kernel.Value {
	return l.value(fmt.Sprintf("keepMask(math.Float32bits(%s))", l.e(x)), -1)
}

func (l *goLane) ZeroWhere(m, v kernel.Value) kernel.Value {
	return l.value(fmt.Sprintf("math.Float32frombits(math.Float32bits(%s) & %s)", l.e(v), l.e(m)), l.h(v))
}

// selectWhere writes m ? p : v, with the select on integers (a conditional
// move, not a branch).
func (l *goLane) selectWhere(m, v kernel.Value, p string) kernel.Value {
	name := fmt.Sprintf("v%d", l.next)
	l.next++
	l.b.p("%s := math.Float32bits(%s)", name, l.e(v))
	l.b.p("if p := math.Float32bits(%s); %s == 0 {", p, l.e(m))
	l.b.p("%s = p", name)
	l.b.p("}")
	l.exprs = append(l.exprs, "math.Float32frombits("+name+")")
	l.home = append(l.home, l.h(v))
	return kernel.Value(len(l.exprs) - 1)
}

func (l *goLane) MulWhere(m, v, a kernel.Value) kernel.Value {
	return l.selectWhere(m, v, fmt.Sprintf("mulNaNRule(%s, %s)", l.e(a), l.e(v)))
}

func (l *goLane) AddWhere(m, acc, p kernel.Value) kernel.Value {
	return l.selectWhere(m, acc, fmt.Sprintf("addNaNRule(%s, %s)", l.e(acc), l.e(p)))
}

// Mul's NaN, with two NaN operands, is the compiler's: the descriptions
// use it only where an operand is a number (kernel.Lane).
func (l *goLane) Mul(a, b kernel.Value) kernel.Value {
	return l.value(fmt.Sprintf("float32(%s * %s)", l.e(a), l.e(b)), -1)
}

func (l *goLane) MulInPlace(a, b kernel.Value) kernel.Value { return l.Mul(a, b) }

func (l *goLane) Add(a, b kernel.Value) kernel.Value {
	return l.value(fmt.Sprintf("addNaNRule(%s, %s)", l.e(a), l.e(b)), l.h(a))
}

func (l *goLane) Max(a, b kernel.Value) kernel.Value { panic("Max: amd64's forms only") }
func (l *goLane) Min(a, b kernel.Value) kernel.Value { panic("Min: amd64's forms only") }

// body writes the lane operation of k on element i: the inputs as exprs
// (by name), the result to dst[i] and the accumulator's new value to its
// element.
func body(b *w, k kernel.Kernel, exprs map[string]string) {
	l := &goLane{b: b}
	for _, in := range k.Inputs {
		l.inputs = append(l.inputs, exprs[in])
	}
	l.params = k.Scalars
	out := k.Op(l)
	// Read every input before dst is written: dst may be one of them.
	b.p("%s = %s", exprs["dst"], l.e(out))
	if k.Acc != "" {
		acc := index(k.Inputs, k.Acc)
		last := kernel.Value(-1)
		for v := range l.home {
			if l.home[v] == acc && l.exprs[v] != exprs[k.Acc] {
				last = kernel.Value(v)
			}
		}
		if last < 0 {
			panic(k.Name + ": the accumulator is never updated")
		}
		b.p("%s = %s", exprs[k.Acc], l.e(last))
	}
}

func index(s []string, x string) int {
	for i, y := range s {
		if y == x {
			return i
		}
	}
	return -1
}

// GenericKernels returns kernels/generic_kernels.go: every kernel's
// generic function.
func GenericKernels() ([]byte, error) {
	var b w
	header(&b, "", "kernels")
	b.p(`import "math"`)
	b.p("")
	b.p("// The generic path: pure Go, the fallback on every platform without")
	b.p("// assembly and under the purego build tag, each kernel the lane")
	b.p("// operation of its description on one element at a time (see")
	b.p("// generic.go for the operations). Each loop reslices its inputs to")
	b.p("// len(dst) (or a row) first, so the compiler drops the bounds checks,")
	b.p("// and reads an element's inputs before it writes dst: dst may be one")
	b.p("// of them. A layer kernel walks the rows in order, and within a row")
	b.p("// the columns, so every column sum takes its rows in order.")
	for _, k := range all() {
		b.p("")
		b.p("func %sGeneric(%s) {", k.Name, params(k))
		exprs := map[string]string{"dst": "d[i]"}
		if !k.Layer() {
			b.p("d := dst")
			for j, in := range k.Inputs {
				v := fmt.Sprintf("in%d", j)
				b.p("%s := %s[:len(d)]", v, in)
				exprs[in] = v + "[i]"
			}
			b.p("for i := range d {")
			body(&b, k, exprs)
			b.p("}")
			b.p("}")
			continue
		}
		b.p("cols := len(%s)", k.PerCol[0])
		b.p("if len(dst) == 0 {")
		b.p("return")
		b.p("}")
		var perRow []string
		for j, in := range k.Inputs {
			v := fmt.Sprintf("in%d", j)
			exprs[in] = v + "[i]"
			if index(k.PerCol, in) >= 0 {
				continue
			}
			b.p("%s = %s[:len(dst)]", in, in)
			perRow = append(perRow, fmt.Sprintf("%s := %s[r:r+cols:r+cols]", v, in))
		}
		b.p("for r := 0; r+cols <= len(dst); r += cols {")
		b.p("d := dst[r:r+cols:r+cols]")
		for _, s := range perRow {
			b.p("%s", s)
		}
		for j, in := range k.Inputs {
			if index(k.PerCol, in) >= 0 {
				b.p("in%d := %s[:len(d)]", j, in)
			}
		}
		b.p("for i := range d {")
		body(&b, k, exprs)
		b.p("}")
		b.p("}")
		b.p("}")
	}
	return b.source()
}
