package golang

import (
	"fmt"
	"slices"
	"strings"

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
	exprs  []string // the float32 expression of each value
	bits   []string // its bits' expression, or "" for math.Float32bits(exprs[v])
	home   []int    // the input whose register a value overwrote, or -1
	next   int
	// numbers: the scalars are not NaN (the loop runs after a test of
	// each), so a product with one has at most one NaN operand.
	numbers bool
	scalar  map[kernel.Value]bool         // the values that are scalars
	tests   map[kernel.Value]kernel.Value // mask -> the value LE0 tested
	prefix  string                        // of the variables: one per unrolled element
	floats  map[int]bool                  // the inputs used as float32 (by e), recorded
	// loadFloat: the inputs loaded as float32 rather than as bits, those
	// a dry run found used as float32, so that each is loaded once into
	// the register file it is used in.
	loadFloat map[int]bool
	consts    []uint32 // the constants, in the order of first use
}

var _ kernel.Lane = (*goLane)(nil)

func (l *goLane) value(expr string, home int) kernel.Value {
	name := fmt.Sprintf("%sv%d", l.prefix, l.next)
	l.next++
	l.b.p("%s := %s", name, expr)
	return l.alias(name, "", home)
}

// bitsValue writes a value computed on its bits.
func (l *goLane) bitsValue(expr string, home int) kernel.Value {
	name := fmt.Sprintf("%sv%d", l.prefix, l.next)
	l.next++
	l.b.p("%s := %s", name, expr)
	return l.alias("math.Float32frombits("+name+")", name, home)
}

func (l *goLane) alias(expr, bits string, home int) kernel.Value {
	l.exprs = append(l.exprs, expr)
	l.bits = append(l.bits, bits)
	l.home = append(l.home, home)
	return kernel.Value(len(l.exprs) - 1)
}

// e is v as a float32, bitsOf as its bits.
func (l *goLane) e(v kernel.Value) string {
	if h := l.home[v]; h >= 0 && l.bits[v] == l.inputs[h] {
		l.floats[h] = true
	}
	return l.exprs[v]
}
func (l *goLane) bitsOf(v kernel.Value) string {
	if l.bits[v] != "" {
		return l.bits[v]
	}
	return "math.Float32bits(" + l.exprs[v] + ")"
}
func (l *goLane) h(v kernel.Value) int { return l.home[v] }

func (l *goLane) In(i int) kernel.Value {
	if l.loadFloat[i] {
		return l.alias(l.inputs[i], "math.Float32bits("+l.inputs[i]+")", i)
	}
	return l.alias("math.Float32frombits("+l.inputs[i]+")", l.inputs[i], i)
}
func (l *goLane) Scalar(i int) kernel.Value {
	v := l.alias(l.params[i], "", -1)
	l.scalar[v] = true
	return v
}

// LE0 is keepMask's complement: the value is all ones where m(x) is false.
func (l *goLane) LE0(x kernel.Value) kernel.Value {
	l.width("LE0", false, x)
	m := l.value(fmt.Sprintf("keepMask(%s)", l.bitsOf(x)), -1)
	l.tests[m] = x
	return m
}

func (l *goLane) ZeroWhere(m, v kernel.Value) kernel.Value {
	l.width("ZeroWhere", false, m, v)
	return l.bitsValue(fmt.Sprintf("%s & %s", l.bitsOf(v), l.e(m)), l.h(v))
}

// selectWhere writes m ? p : v, with the select on integers (a conditional
// move, not a branch).
func (l *goLane) selectWhere(m, v kernel.Value, p string) kernel.Value {
	name := fmt.Sprintf("%sv%d", l.prefix, l.next)
	l.next++
	l.b.p("%s := %s", name, l.bitsOf(v))
	l.b.p("if p := math.Float32bits(%s); %s == 0 {", p, l.e(m))
	l.b.p("%s = p", name)
	l.b.p("}")
	return l.alias("math.Float32frombits("+name+")", name, l.h(v))
}

// MulWhere's product needs the NaN rule only when both operands may be NaN
// where it is selected: not when m tests v itself (m(v) is false for a NaN
// v), nor when a is a scalar known to be a number.
func (l *goLane) MulWhere(m, v, a kernel.Value) kernel.Value {
	l.width("MulWhere", false, m, v, a)
	x, tested := l.tests[m]
	if (tested && x == v) || (l.numbers && l.scalar[a]) {
		return l.selectWhere(m, v, fmt.Sprintf("float32(%s * %s)", l.e(a), l.e(v)))
	}
	return l.selectWhere(m, v, fmt.Sprintf("mulNaNRule(%s, %s)", l.e(a), l.e(v)))
}

func (l *goLane) AddWhere(m, acc, p kernel.Value) kernel.Value {
	l.width("AddWhere", false, m, acc, p)
	return l.selectWhere(m, acc, fmt.Sprintf("addNaNRule(%s, %s)", l.e(acc), l.e(p)))
}

// Mul's NaN, with two NaN operands, is the compiler's: the descriptions
// use it only where an operand is a number (kernel.Lane).
func (l *goLane) Mul(a, b kernel.Value) kernel.Value {
	if l.width("Mul", true, a, b) == "64" {
		return l.wide(l.value(fmt.Sprintf("lanemath.Mul64(%s, %s)", l.e(a), l.e(b)), -1))
	}
	ea, eb := l.e(a), l.e(b)
	units := []string{"uint32(0x3f800000)", "uint32(0xbf800000)"} // unitFactors (kernels/generic.go)
	if wide {
		units = []string{fmt.Sprintf("uint32(%#016x)", wideConst(0x3f800000)), fmt.Sprintf("uint32(%#016x)", wideConst(0xbf800000))}
	}
	for i, c := range units {
		if l.bits[b] == c {
			eb = fmt.Sprintf("unitFactors[%d]", i)
		}
		if l.bits[a] == c {
			ea = fmt.Sprintf("unitFactors[%d]", i)
		}
	}
	return l.value(fmt.Sprintf("float32(%s * %s)", ea, eb), -1)
}

func (l *goLane) MulInPlace(a, b kernel.Value) kernel.Value { return l.Mul(a, b) }

func (l *goLane) Add(a, b kernel.Value) kernel.Value {
	if l.width("Add", true, a, b) == "64" {
		return l.wide(l.value(fmt.Sprintf("lanemath.Add64(%s, %s)", l.e(a), l.e(b)), l.h(a)))
	}
	return l.value(fmt.Sprintf("addNaNRule(%s, %s)", l.e(a), l.e(b)), l.h(a))
}

func (l *goLane) Const(b uint32) kernel.Value {
	if !slices.Contains(l.consts, b) {
		l.consts = append(l.consts, b)
	}
	if wide {
		w := wideConst(b)
		return l.alias(fmt.Sprintf("math.Float32frombits(%#016x)", w), fmt.Sprintf("uint32(%#016x)", w), -1)
	}
	return l.alias(fmt.Sprintf("math.Float32frombits(%#08x)", b), fmt.Sprintf("uint32(%#08x)", b), -1)
}

// Compare's mask is keepMask's kind: all ones where the relation does not
// hold. Go's float comparisons are ordered, as the vector ones are.
func (l *goLane) Compare(p kernel.Pred, a, b kernel.Value) kernel.Value {
	l.width("Compare", false, a, b)
	op := map[kernel.Pred]string{kernel.LT: "<", kernel.LE: "<=", kernel.GE: ">=", kernel.GT: ">", kernel.EQ: "=="}[p]
	return l.value(fmt.Sprintf("keepUnless(%s %s %s)", l.e(a), op, l.e(b)), -1)
}

// Rounded calls internal/rounded, whose functions take and return
// float32 (and, in package f64, their binary64 forms float64): a NaN x
// comes back quieted, its payload kept.
func (l *goLane) Rounded(fn string, x kernel.Value) kernel.Value {
	l.width("Rounded", false, x)
	if wide {
		fn = kernel.WideFunctions[fn]
	}
	return l.value(fmt.Sprintf("rounded.%s(%s)", fn, l.e(x)), l.h(x))
}

// The evaluations' operations (kernel.Wide) are the assembly's: the
// generic path's Rounded calls internal/rounded, whose float64 path they are.
func (l *goLane) Const64(uint64) kernel.Value                 { panic("Const64: the assembly's only") }
func (l *goLane) MulAdd(_, _, _ kernel.Value) kernel.Value    { panic("MulAdd: the assembly's only") }
func (l *goLane) Copy64(kernel.Value) kernel.Value            { panic("Copy64: the assembly's only") }
func (l *goLane) Spill64(kernel.Value) kernel.Value           { panic("Spill64: the assembly's only") }
func (l *goLane) Index(kernel.Value) kernel.Value             { panic("Index: the assembly's only") }
func (l *goLane) Lookup(kernel.Value, []float64) kernel.Value { panic("Lookup: the assembly's only") }
func (l *goLane) Require(kernel.Value)                        { panic("Require: the assembly's only") }

func (l *goLane) Select(m, a, v kernel.Value) kernel.Value {
	l.width("Select", false, m, a, v)
	name := fmt.Sprintf("%sv%d", l.prefix, l.next)
	l.next++
	l.b.p("%s := %s", name, l.bitsOf(v))
	l.b.p("if %s == 0 {", l.e(m))
	l.b.p("%s = %s", name, l.bitsOf(a))
	l.b.p("}")
	return l.alias("math.Float32frombits("+name+")", name, l.h(v))
}

func (l *goLane) Max(a, b kernel.Value) kernel.Value { panic("Max: amd64's forms only") }
func (l *goLane) Min(a, b kernel.Value) kernel.Value { panic("Min: amd64's forms only") }

// body writes the lane operation of k on element i: the inputs as exprs
// (by name), the result to dst[i] and the accumulator's new value to its
// element.
func body(loads, b, stores *w, k kernel.Kernel, exprs map[string]string, prefix string, numbers bool) {
	newLane := func(b *w, loadFloat map[int]bool) *goLane {
		return &goLane{b: b, prefix: prefix, numbers: numbers, loadFloat: loadFloat, floats: map[int]bool{},
			scalar: map[kernel.Value]bool{}, tests: map[kernel.Value]kernel.Value{}, params: k.Scalars}
	}
	dry := newLane(&w{}, nil)
	for j := range k.Inputs {
		dry.inputs = append(dry.inputs, fmt.Sprintf("%se%d", prefix, j))
	}
	k.Op(dry)
	l := newLane(b, dry.floats)
	for j, in := range k.Inputs {
		e := fmt.Sprintf("%se%d", prefix, j)
		if dry.floats[j] {
			loads.p("%s := %s", e, exprs[in])
		} else {
			loads.p("%s := math.Float32bits(%s)", e, exprs[in])
		}
		l.inputs = append(l.inputs, e)
	}
	out := k.Op(l)
	// Every input is read before dst is written: dst may be one of them.
	stores.p("%s = %s", exprs["dst"], l.e(out))
	if k.Acc != "" {
		acc := index(k.Inputs, k.Acc)
		last := kernel.Value(-1)
		for v := range l.home {
			if l.home[v] == acc && l.exprs[v] != l.inputs[acc] && l.bits[v] != l.inputs[acc] {
				last = kernel.Value(v)
			}
		}
		if last < 0 {
			panic(k.Name + ": the accumulator is never updated")
		}
		stores.p("%s = %s", exprs[k.Acc], l.e(last))
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
		if len(k.Scalars) == 0 {
			loops(&b, k, false)
			b.p("}")
			continue
		}
		// One test per call: with scalars that are numbers, a product
		// with one never meets two NaNs.
		var tests []string
		for _, s := range k.Scalars {
			tests = append(tests, s+" == "+s)
		}
		b.p("if %s {", strings.Join(tests, " && "))
		loops(&b, k, true)
		b.p("return")
		b.p("}")
		loops(&b, k, false)
		b.p("}")
	}
	// The operations of kernel.Arith call internal/lanemath.
	var file w
	header(&file, "", "kernels")
	file.p("import (")
	file.p(`"math"`)
	if strings.Contains(b.String(), "lanemath.") || strings.Contains(b.String(), "rounded.") {
		file.p("")
	}
	if strings.Contains(b.String(), "lanemath.") {
		file.p(`"github.com/fastrelu/fastrelu/internal/lanemath"`)
	}
	if strings.Contains(b.String(), "rounded.") {
		file.p(`"github.com/fastrelu/fastrelu/internal/rounded"`)
	}
	file.p(")")
	file.p("")
	file.WriteString(b.String())
	return file.source()
}

// loops writes the loops of k's generic function.
func loops(b *w, k kernel.Kernel, numbers bool) {
	if !k.Layer() {
		b.p("d := dst")
		for j, in := range k.Inputs {
			b.p("in%d := %s[:len(d)]", j, in)
		}
		columns(b, k, numbers)
		return
	}
	b.p("cols := len(%s)", k.PerCol[0])
	b.p("if len(dst) == 0 {")
	b.p("return")
	b.p("}")
	var perRow []string
	for j, in := range k.Inputs {
		if index(k.PerCol, in) >= 0 {
			continue
		}
		v := fmt.Sprintf("in%d", j)
		b.p("%s := %s[:len(dst)]", v+"all", in)
		perRow = append(perRow, fmt.Sprintf("%s := %sall[r:r+cols:r+cols]", v, v))
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
	columns(b, k, numbers)
	b.p("}")
}

// columns writes the loop over d and the inputs in0, in1, ... (as long as
// d): four elements per iteration, each its own chain of operations, then
// one at a time.
func columns(b *w, k kernel.Kernel, numbers bool) {
	b.p("i := 0")
	b.p("for ; i+4 <= len(d); i += 4 {")
	b.p("d4 := d[i : i+4 : i+4]")
	for j := range k.Inputs {
		b.p("in%d4 := in%d[i : i+4 : i+4]", j, j)
	}
	// All four elements' loads, then their operations, then their stores:
	// the stores may alias the loads (in place), so loading first lets the
	// four loads issue together.
	var loads, ops, stores w
	for e := 0; e < 4; e++ {
		exprs := map[string]string{"dst": fmt.Sprintf("d4[%d]", e)}
		for j, in := range k.Inputs {
			exprs[in] = fmt.Sprintf("in%d4[%d]", j, e)
		}
		body(&loads, &ops, &stores, k, exprs, fmt.Sprintf("l%d", e), numbers)
	}
	b.WriteString(loads.String() + ops.String() + stores.String())
	b.p("}")
	b.p("for ; i < len(d); i++ {")
	exprs := map[string]string{"dst": "d[i]"}
	for j, in := range k.Inputs {
		exprs[in] = fmt.Sprintf("in%d[i]", j)
	}
	body(b, b, b, k, exprs, "", numbers)
	b.p("}")
}
func (l *goLane) Done(...kernel.Value) {}
