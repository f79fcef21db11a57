package rvv

import (
	"fmt"

	"github.com/fastrelu/fastrelu/kernels/_asm/kernel"
)

// The RVV kernels: package kernel's descriptions, each lane operation
// recorded by a recorder (a kernel.Lane), its comparisons moved next to
// their uses, and lowered to Steps on register groups.
//
// Every masked instruction of RVV takes its mask in v0, and a mask is cheap
// to make (one compare), so no mask is ever kept anywhere else: each
// comparison is emitted into v0 right before the operation that uses it,
// and again before a later use if another mask took v0 in between. The
// comparison's operands stay live until then.
//
// Vector values live in register groups of LMUL registers from v8 on
// (v1-v7 are never used): inputs are loaded into groups 0, 1, ... in the
// order of the Go signature, the accumulator (dbias, dslope) last. A
// result "in v" (kernel.Lane) takes v's group when v is used no more,
// otherwise the first free group: RVV instructions have a destination of
// their own, so that costs nothing, except for the masked products and sums
// (MulWhere, AddWhere), whose inactive lanes keep the destination's old
// bits, and which then copy v first. The accumulator's group is the one
// stored back, so what updates it writes it in place.
//
// Scalars, constants and the +0 of LE0 are float registers (the .vf forms);
// Max and Min do not exist here (VFMAX returns the number of a NaN and a
// number): the forms that use them are amd64's only.

// An op is one recorded operation of a lane op, in kernel.Value terms.
type op struct {
	name string // the kernel.Lane method
	args []kernel.Value
	res  kernel.Value
	pred kernel.Pred // Compare's (LE0 is Compare(LE, x, +0))
	bits uint32      // Const's
}

// A recorder is a kernel.Lane that writes down the operations. Values 0 to
// inputs-1 are the inputs in the order of the signature, then one per
// scalar, then one per result.
type recorder struct {
	inputs, scalars int
	ops             []op
	next            kernel.Value
}

var _ kernel.Lane = (*recorder)(nil)

func (r *recorder) add(name string, args ...kernel.Value) kernel.Value {
	res := r.next
	r.next++
	r.ops = append(r.ops, op{name: name, args: args, res: res})
	return res
}

func (r *recorder) In(i int) kernel.Value     { return kernel.Value(i) }
func (r *recorder) Scalar(i int) kernel.Value { return kernel.Value(r.inputs + i) }

func (r *recorder) LE0(x kernel.Value) kernel.Value {
	v := r.add("Compare", x, zeroValue)
	r.ops[len(r.ops)-1].pred = kernel.LE
	return v
}
func (r *recorder) ZeroWhere(m, v kernel.Value) kernel.Value   { return r.add("ZeroWhere", m, v) }
func (r *recorder) MulWhere(m, v, a kernel.Value) kernel.Value { return r.add("MulWhere", m, v, a) }
func (r *recorder) AddWhere(m, acc, p kernel.Value) kernel.Value {
	return r.add("AddWhere", m, acc, p)
}
func (r *recorder) Mul(a, b kernel.Value) kernel.Value        { return r.add("Mul", a, b) }
func (r *recorder) MulInPlace(a, b kernel.Value) kernel.Value { return r.add("Mul", a, b) }
func (r *recorder) Add(a, b kernel.Value) kernel.Value        { return r.add("Add", a, b) }
func (r *recorder) Max(a, b kernel.Value) kernel.Value        { panic("rvv: no Max (see lane.go)") }
func (r *recorder) Min(a, b kernel.Value) kernel.Value        { panic("rvv: no Min (see lane.go)") }

// Rounded: no RVV kernel evaluates the smooth functions yet; the generic
// path runs every Rounded kernel.
func (r *recorder) Rounded(fn string, x kernel.Value) kernel.Value {
	panic("Rounded(" + fn + "): no assembly evaluates it yet")
}

// The evaluations' operations (kernel.Wide): no RVV kernel takes them yet.
func (r *recorder) Const64(uint64) kernel.Value                 { panic("Const64: not on RVV yet") }
func (r *recorder) MulAdd(_, _, _ kernel.Value) kernel.Value    { panic("MulAdd: not on RVV yet") }
func (r *recorder) Copy64(kernel.Value) kernel.Value            { panic("Copy64: not on RVV yet") }
func (r *recorder) Spill64(kernel.Value) kernel.Value           { panic("Spill64: not on RVV yet") }
func (r *recorder) Index(kernel.Value) kernel.Value             { panic("Index: not on RVV yet") }
func (r *recorder) Lookup(kernel.Value, []float64) kernel.Value { panic("Lookup: not on RVV yet") }
func (r *recorder) Require(kernel.Value)                        { panic("Require: not on RVV yet") }

func (r *recorder) Select(m, a, v kernel.Value) kernel.Value { return r.add("Select", m, a, v) }
func (r *recorder) Const(b uint32) kernel.Value {
	v := r.add("Const")
	r.ops[len(r.ops)-1].bits = b
	return v
}
func (r *recorder) Compare(p kernel.Pred, a, b kernel.Value) kernel.Value {
	v := r.add("Compare", a, b)
	r.ops[len(r.ops)-1].pred = p
	return v
}

// Of the operations of kernel.Arith beyond Lane's, this backend emits Div,
// FMA and Abs; the others are internal/lanecheck's only (docs/generator.md says what comes
// first: a riscv64 NaN rule in internal/lanemath).
func (r *recorder) Sub(a, b kernel.Value) kernel.Value    { panic("rvv: Sub not yet") }
func (r *recorder) Div(a, b kernel.Value) kernel.Value    { return r.add("Div", a, b) }
func (r *recorder) FMA(a, b, c kernel.Value) kernel.Value { return r.add("FMA", a, b, c) }
func (r *recorder) Abs(a kernel.Value) kernel.Value       { return r.add("Abs", a) }
func (r *recorder) Neg(a kernel.Value) kernel.Value       { panic("rvv: Neg not yet") }
func (r *recorder) RoundEven(a kernel.Value) kernel.Value { panic("rvv: RoundEven not yet") }
func (r *recorder) ToInt32(a kernel.Value) kernel.Value   { panic("rvv: ToInt32 not yet") }
func (r *recorder) Widen(a kernel.Value) (lo, hi kernel.Value) {
	panic("rvv: Widen not yet")
}
func (r *recorder) Narrow(lo, hi kernel.Value) kernel.Value      { panic("rvv: Narrow not yet") }
func (r *recorder) IntAdd(a, b kernel.Value) kernel.Value        { panic("rvv: IntAdd not yet") }
func (r *recorder) ShiftLeft(a kernel.Value, n int) kernel.Value { panic("rvv: ShiftLeft not yet") }

// zeroValue stands for +0 in every lane, LE0's second operand: the float
// register FZERO.
const zeroValue kernel.Value = -1

// isMasked reports whether op o takes a mask (its first argument).
func isMasked(o op) bool {
	switch o.name {
	case "ZeroWhere", "MulWhere", "AddWhere", "Select":
		return true
	}
	return false
}

// placeCompares returns ops with every comparison moved to right before each
// operation that takes its mask, unless the mask is still in v0 from the
// use before (no other comparison in between).
func placeCompares(ops []op) []op {
	compares := map[kernel.Value]op{}
	var out []op
	inV0 := kernel.Value(-2)
	for _, o := range ops {
		if o.name == "Compare" {
			compares[o.res] = o
			continue
		}
		if isMasked(o) {
			m := o.args[0]
			c, ok := compares[m]
			if !ok {
				panic(fmt.Sprintf("rvv: mask %d is not a comparison", m))
			}
			if inV0 != m {
				out = append(out, c)
				inV0 = m
			}
		}
		out = append(out, o)
	}
	return out
}

// A Reg is an operand: a register group (LMUL vector registers from
// v(8+LMUL*group)), the mask register v0, or a float register.
type Reg struct {
	kind  byte // 'v' group, 'm' v0, 'f' float register
	index int  // the group, or the float register
}

func group(g int) Reg { return Reg{kind: 'v', index: g} }
func freg(f int) Reg  { return Reg{kind: 'f', index: f} }

var mask = Reg{kind: 'm'}

// The float registers: +0 for LE0, then the scalars, then the constants.
const fzero = 0

// firstGroup is the register of group 0: v0 is the mask, and v1-v7 stay
// free so that every group, at every LMUL, is aligned.
const firstGroup = 8

// name is r in Go's assembly at the given LMUL.
func (r Reg) name(lmul int) string {
	switch r.kind {
	case 'v':
		return fmt.Sprintf("V%d", firstGroup+lmul*r.index)
	case 'm':
		return "V0"
	}
	return fmt.Sprintf("F%d", r.index)
}

// A Step is one instruction of a lane op: a Go mnemonic and its operands
// in Go's order (sources, then V0 where masked, then the destination).
type Step struct {
	op   string
	args []Reg
	imm  string // an immediate operand written first ("$0"), or ""
}

func (s Step) text(lmul int) string {
	var a []string
	if s.imm != "" {
		a = append(a, s.imm)
	}
	for _, r := range s.args {
		a = append(a, r.name(lmul))
	}
	return s.op + "\t" + join(a, ", ")
}

// groups is the number of register groups at LMUL lmul.
func groups(lmul int) int { return (32 - firstGroup) / lmul }

// lowerKernel records d's lane operation and allocates its registers at
// LMUL lmul; an error says that it needs more groups than there are.
func lowerKernel(d kernel.Kernel, lmul int) (Kernel, error) {
	var load []string
	for _, name := range d.Inputs {
		if name != d.Acc {
			load = append(load, name)
		}
	}
	if d.Acc != "" {
		load = append(load, d.Acc)
	}
	var cols []string
	for _, name := range load {
		if index(d.PerCol, name) >= 0 {
			cols = append(cols, name)
		}
	}

	r := &recorder{inputs: len(d.Inputs), scalars: len(d.Scalars)}
	r.next = kernel.Value(r.inputs + r.scalars)
	out := d.Op(r)
	ops := placeCompares(r.ops)

	last := map[kernel.Value]int{out: len(ops)}
	for i, o := range ops {
		for _, a := range o.args {
			last[a] = max(last[a], i)
		}
	}
	regs := map[kernel.Value]Reg{zeroValue: freg(fzero)}
	held := map[int]kernel.Value{} // group -> the value in it
	for i, name := range d.Inputs {
		g := index(load, name)
		regs[kernel.Value(i)] = group(g)
		held[g] = kernel.Value(i)
	}
	acc := -1
	if d.Acc != "" {
		acc = len(load) - 1
	}
	for i := range d.Scalars {
		regs[kernel.Value(len(d.Inputs)+i)] = freg(1 + i)
	}
	var consts []uint32
	var steps []Step
	var lowerErr error
	// free returns the first group whose value is dead after op i (or at
	// op i, when it may be read and written by the same instruction).
	free := func(i int, strict bool) Reg {
		for g := 0; g < groups(lmul); g++ {
			v, ok := held[g]
			if !ok || (g != acc && (last[v] < i || !strict && last[v] == i)) {
				return group(g)
			}
		}
		if lowerErr == nil {
			lowerErr = fmt.Errorf("%s: out of register groups at LMUL %d", d.Name, lmul)
		}
		return group(0)
	}
	// into returns v's group when op i may overwrite it: v is used no more,
	// or it is the accumulator (which is updated in place).
	into := func(v kernel.Value, i int) (Reg, bool) {
		g := regs[v]
		if g.kind == 'v' && (g.index == acc || last[v] == i) {
			return g, true
		}
		return Reg{}, false
	}
	put := func(v kernel.Value, g Reg) {
		regs[v] = g
		held[g.index] = v
	}
	vec := func(v kernel.Value) Reg {
		g, ok := regs[v]
		if !ok || g.kind != 'v' {
			panic(fmt.Sprintf("rvv: %s: value %d is not a vector", d.Name, v))
		}
		return g
	}
	for i, o := range ops {
		a := o.args
		switch o.name {
		case "Const":
			c := index32(consts, o.bits)
			if c < 0 {
				c = len(consts)
				consts = append(consts, o.bits)
			}
			regs[o.res] = freg(1 + len(d.Scalars) + c)
		case "Compare":
			steps = append(steps, compare(o.pred, regs[a[0]], regs[a[1]]))
		case "ZeroWhere", "Select":
			v := vec(a[len(a)-1])
			dst, ok := into(a[len(a)-1], i)
			if !ok {
				dst = free(i, false)
			}
			switch {
			case o.name == "ZeroWhere":
				steps = append(steps, Step{op: "VMERGEVIM", imm: "$0", args: []Reg{v, mask, dst}})
			case regs[a[1]].kind == 'f':
				steps = append(steps, Step{op: "VFMERGEVFM", args: []Reg{regs[a[1]], v, mask, dst}})
			default:
				steps = append(steps, Step{op: "VMERGEVVM", args: []Reg{vec(a[1]), v, mask, dst}})
			}
			put(o.res, dst)
		case "MulWhere", "AddWhere":
			// Masked: the inactive lanes keep the destination's bits, so
			// the destination must hold v first.
			v := vec(a[1])
			dst, ok := into(a[1], i)
			if !ok {
				dst = free(i, true)
				steps = append(steps, Step{op: "VMVVV", args: []Reg{v, dst}})
			}
			p := regs[a[2]]
			mnemonic := map[string]string{"MulWhere": "VFMUL", "AddWhere": "VFADD"}[o.name]
			if p.kind == 'f' {
				steps = append(steps, Step{op: mnemonic + "VF", args: []Reg{p, dst, mask, dst}})
			} else {
				steps = append(steps, Step{op: mnemonic + "VV", args: []Reg{vec(a[2]), dst, mask, dst}})
			}
			put(o.res, dst)
		case "Mul", "Add":
			x, y := regs[a[0]], regs[a[1]]
			mnemonic := map[string]string{"Mul": "VFMUL", "Add": "VFADD"}[o.name]
			if x.kind == 'f' && y.kind == 'f' {
				// Two constants (0*0, a fresh +0): x broadcast, then
				// the operation with y.
				dst := free(i, false)
				steps = append(steps, Step{op: "VFMVVF", args: []Reg{x, dst}},
					Step{op: mnemonic + "VF", args: []Reg{y, dst, dst}})
				put(o.res, dst)
				break
			}
			dst, ok := into(a[0], i)
			if !ok && o.name == "Mul" {
				dst, ok = into(a[1], i)
			}
			if !ok {
				dst = free(i, false)
			}
			switch {
			case y.kind == 'f':
				steps = append(steps, Step{op: mnemonic + "VF", args: []Reg{y, vec(a[0]), dst}})
			case x.kind == 'f' && o.name == "Mul":
				steps = append(steps, Step{op: mnemonic + "VF", args: []Reg{x, vec(a[1]), dst}})
			default:
				// vd = vs2 op vs1: the first operand is vs2.
				steps = append(steps, Step{op: mnemonic + "VV", args: []Reg{vec(a[1]), vec(a[0]), dst}})
			}
			put(o.res, dst)
		case "Div":
			// vd = vs2 / vs1, or vs2 / f, or f / vs2 (VFRDIV).
			x, y := regs[a[0]], regs[a[1]]
			dst, ok := into(a[0], i)
			if !ok && x.kind == 'f' {
				dst, ok = into(a[1], i)
			}
			if !ok {
				dst = free(i, false)
			}
			switch {
			case y.kind == 'f':
				steps = append(steps, Step{op: "VFDIVVF", args: []Reg{y, vec(a[0]), dst}})
			case x.kind == 'f':
				steps = append(steps, Step{op: "VFRDIVVF", args: []Reg{x, vec(a[1]), dst}})
			default:
				steps = append(steps, Step{op: "VFDIVVV", args: []Reg{vec(a[1]), vec(a[0]), dst}})
			}
			put(o.res, dst)
		case "FMA":
			// a*b + c, one rounding: VFMACC (vd = vs1*vs2 + vd, vd holding
			// c) or VFMADD (vd = vs1*vd + vs2, vd holding a factor); the
			// .vf forms take a float register as vs1. The product commutes,
			// and RISC-V's NaNs are canonical, so either factor may go
			// first.
			x, y, c := a[0], a[1], a[2]
			if regs[x].kind == 'f' {
				x, y = y, x
			}
			if regs[x].kind == 'f' || regs[c].kind == 'f' {
				panic(fmt.Sprintf("rvv: %s: FMA of two constant factors, or with a constant addend, not yet", d.Name))
			}
			suffix, yr := "VV", regs[y]
			if yr.kind == 'f' {
				suffix = "VF"
			} else {
				yr = vec(y)
			}
			if dst, ok := into(c, i); ok {
				steps = append(steps, Step{op: "VFMACC" + suffix, args: []Reg{vec(x), yr, dst}})
				put(o.res, dst)
			} else if dst, ok := into(x, i); ok {
				steps = append(steps, Step{op: "VFMADD" + suffix, args: []Reg{vec(c), yr, dst}})
				put(o.res, dst)
			} else if dst, ok := into(y, i); ok && yr.kind == 'v' {
				steps = append(steps, Step{op: "VFMADDVV", args: []Reg{vec(c), vec(x), dst}})
				put(o.res, dst)
			} else {
				dst := free(i, true)
				steps = append(steps, Step{op: "VMVVV", args: []Reg{vec(c), dst}},
					Step{op: "VFMACC" + suffix, args: []Reg{vec(x), yr, dst}})
				put(o.res, dst)
			}
		case "Abs":
			dst, ok := into(a[0], i)
			if !ok {
				dst = free(i, false)
			}
			steps = append(steps, Step{op: "VFABSV", args: []Reg{vec(a[0]), dst}})
			put(o.res, dst)
		default:
			panic(fmt.Sprintf("rvv: %s: no lowering for %s", d.Name, o.name))
		}
	}
	if lowerErr != nil {
		return Kernel{}, lowerErr
	}
	k := Kernel{Name: d.Name, Args: d.Inputs, Scalars: d.Scalars, Consts: consts, Steps: steps,
		Out: vec(out), Cols: cols, Inputs: load, LMUL: lmul}
	if d.Acc != "" {
		k.Acc = d.Acc
	}
	return k, nil
}

// compare is m = (a p b) into v0, ordered. The .vf forms take the float
// register second, so a float a swaps the operands and the relation.
func compare(p kernel.Pred, a, b Reg) Step {
	swapped := map[kernel.Pred]kernel.Pred{kernel.LT: kernel.GT, kernel.LE: kernel.GE, kernel.GE: kernel.LE, kernel.GT: kernel.LT, kernel.EQ: kernel.EQ}
	if a.kind == 'f' {
		a, b, p = b, a, swapped[p]
	}
	if b.kind == 'f' {
		name := map[kernel.Pred]string{kernel.LT: "VMFLTVF", kernel.LE: "VMFLEVF", kernel.GE: "VMFGEVF", kernel.GT: "VMFGTVF", kernel.EQ: "VMFEQVF"}[p]
		return Step{op: name, args: []Reg{b, a, mask}}
	}
	// The .vv forms are vd = vs2 p vs1, Go's operands vs1, vs2, vd; there
	// is no vmfge.vv or vmfgt.vv, so those swap.
	switch p {
	case kernel.GT:
		a, b, p = b, a, kernel.LT
	case kernel.GE:
		a, b, p = b, a, kernel.LE
	}
	name := map[kernel.Pred]string{kernel.LT: "VMFLTVV", kernel.LE: "VMFLEVV", kernel.EQ: "VMFEQVV"}[p]
	return Step{op: name, args: []Reg{b, a, mask}}
}

func index(s []string, x string) int {
	for i, y := range s {
		if y == x {
			return i
		}
	}
	return -1
}

func index32(s []uint32, x uint32) int {
	for i, y := range s {
		if y == x {
			return i
		}
	}
	return -1
}
func (r *recorder) Done(...kernel.Value) {}
