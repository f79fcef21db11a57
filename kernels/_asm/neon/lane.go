package neon

import (
	"fmt"
	"math"
	"strings"

	"github.com/fastrelu/fastrelu/kernels/_asm/kernel"
)

// The NEON kernels: package kernel's descriptions, each lane operation
// recorded by a recorder (a kernel.Lane) and lowered to Steps on banks.
//
// Registers, one per chain (the shape adds the chain number): inputs are
// loaded into banks 0, 1, ... in the order of the Go signature, an
// accumulator (dbias, dslope) last. Then, one operation after the other:
//   - a comparison takes the bank of its operand when that operand is used
//     no more, else the first free bank;
//   - a product takes a bank of its own, the first from bank 4 (V16-V19)
//     on that no operation has written yet, so that it never lands on a
//     value a later select needs, nor makes a later product wait for the
//     select that reads an earlier one;
//   - every operation that returns its result "in v" (kernel.Lane) writes
//     v's bank: BIC and FADD with v as the destination, BIT with v as the
//     bits kept;
//   - scalar k is broadcast in V(31-k).
//
// Max and Min do not exist here (FMAX and FMINNM quiet NaNs or turn them
// into numbers): the forms that use them are amd64's only.
var kernels = lower(kernel.Vectorized(append(append([]kernel.Kernel(nil), kernel.Elementwise...), kernel.Layer...)))

func lower(ds []kernel.Kernel) []Kernel {
	var ks []Kernel
	for _, d := range ds {
		ks = append(ks, lowerKernel(d))
	}
	return ks
}

// An op is one recorded operation of a lane op, in kernel.Value terms.
type op struct {
	name string // the kernel.Lane method
	args []kernel.Value
	res  kernel.Value
	pred kernel.Pred // Compare's
	bits uint32      // Const's
}

// A recorder is a kernel.Lane that writes down the operations. Values 0 to
// len(inputs)-1 are the inputs in the order of the signature, then one per
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

func (r *recorder) LE0(x kernel.Value) kernel.Value { return r.add(r.width32("LE0", x), x) }
func (r *recorder) ZeroWhere(m, v kernel.Value) kernel.Value {
	return r.add(r.width32("ZeroWhere", m, v), m, v)
}
func (r *recorder) MulWhere(m, v, a kernel.Value) kernel.Value {
	return r.add(r.width32("MulWhere", m, v, a), m, v, a)
}
func (r *recorder) AddWhere(m, acc, p kernel.Value) kernel.Value {
	return r.add(r.width32("AddWhere", m, acc, p), m, acc, p)
}
func (r *recorder) Mul(a, b kernel.Value) kernel.Value {
	return r.add(r.width("Mul", true, a, b), a, b)
}
func (r *recorder) MulInPlace(a, b kernel.Value) kernel.Value {
	return r.add(r.width("Mul", true, a, b), a, b)
}
func (r *recorder) Add(a, b kernel.Value) kernel.Value {
	return r.add(r.width("Add", true, a, b), a, b)
}
func (r *recorder) Max(a, b kernel.Value) kernel.Value { return r.add(r.width32("Max", a, b), a, b) }
func (r *recorder) Min(a, b kernel.Value) kernel.Value { return r.add(r.width32("Min", a, b), a, b) }

// Rounded: no NEON kernel evaluates the smooth functions yet; the generic
// path runs every Rounded kernel.
func (r *recorder) Rounded(fn string, x kernel.Value) kernel.Value {
	panic("Rounded(" + fn + "): no assembly evaluates it yet")
}

// The evaluations' operations (kernel.Wide): no NEON kernel takes them yet.
func (r *recorder) Const64(uint64) kernel.Value                 { panic("Const64: not on NEON yet") }
func (r *recorder) MulAdd(_, _, _ kernel.Value) kernel.Value    { panic("MulAdd: not on NEON yet") }
func (r *recorder) Copy64(kernel.Value) kernel.Value            { panic("Copy64: not on NEON yet") }
func (r *recorder) Spill64(kernel.Value) kernel.Value           { panic("Spill64: not on NEON yet") }
func (r *recorder) Index(kernel.Value) kernel.Value             { panic("Index: not on NEON yet") }
func (r *recorder) Lookup(kernel.Value, []float64) kernel.Value { panic("Lookup: not on NEON yet") }
func (r *recorder) Require(kernel.Value)                        { panic("Require: not on NEON yet") }

func (r *recorder) Select(m, a, v kernel.Value) kernel.Value {
	return r.add(r.width32("Select", m, a, v), m, a, v)
}
func (r *recorder) Const(b uint32) kernel.Value {
	v := r.add("Const")
	r.ops[len(r.ops)-1].bits = b
	return v
}
func (r *recorder) Compare(p kernel.Pred, a, b kernel.Value) kernel.Value {
	v := r.add(r.width32("Compare", a, b), a, b)
	r.ops[len(r.ops)-1].pred = p
	return v
}

// lowerKernel records d's lane operation and allocates its banks.
func lowerKernel(d kernel.Kernel) Kernel {
	// The load order: the signature's, the accumulator last.
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

	// Where each value is used last; the output and the accumulator live
	// to the end.
	last := map[kernel.Value]int{out: len(r.ops)}
	for i, o := range r.ops {
		for _, a := range o.args {
			last[a] = max(last[a], i)
		}
	}
	regs := map[kernel.Value]Reg{}
	held := map[int]kernel.Value{} // bank -> the value in it
	for i, name := range d.Inputs {
		b := index(load, name)
		regs[kernel.Value(i)] = Bank(b)
		held[b] = kernel.Value(i)
	}
	acc := -1
	if d.Acc != "" {
		acc = len(load) - 1
	}
	for i := range d.Scalars {
		regs[kernel.Value(len(d.Inputs)+i)] = Scalar(i)
	}
	bank := func(v kernel.Value) Reg {
		g, ok := regs[v]
		if !ok || g.bank < 0 {
			panic(fmt.Sprintf("%s: value %d is not in a bank", d.Name, v))
		}
		return g
	}
	// free returns the first bank whose value is dead at op i.
	free := func(i int) Reg {
		for b := 0; b < maxBanks; b++ {
			v, ok := held[b]
			if !ok || (b != acc && last[v] < i) {
				return Bank(b)
			}
		}
		panic(d.Name + ": out of banks")
	}
	var consts []uint32
	written := map[int]bool{}
	// fresh returns the first bank from 4 on that nothing has written.
	fresh := func() Reg {
		for b := 4; b < maxBanks; b++ {
			if _, ok := held[b]; !ok && !written[b] {
				written[b] = true
				return Bank(b)
			}
		}
		panic(d.Name + ": out of banks")
	}
	put := func(v kernel.Value, g Reg) {
		written[g.bank] = true
		regs[v] = g
		held[g.bank] = v
	}
	var steps []Step
	for i, o := range r.ops {
		a := o.args
		switch o.name {
		case "LE0":
			g := bank(a[0])
			if last[a[0]] != i || g.bank == acc {
				g = free(i)
			}
			steps = append(steps, fcmle0(g, bank(a[0])))
			put(o.res, g)
		case "ZeroWhere":
			v := bank(a[1])
			steps = append(steps, bic(v, v, bank(a[0])))
			put(o.res, v)
		case "MulWhere":
			v, p := bank(a[1]), fresh()
			steps = append(steps, fmul(p, regs[a[2]], v), bit(v, p, bank(a[0])))
			put(o.res, v)
		case "AddWhere":
			acc, p := bank(a[1]), bank(a[2])
			steps = append(steps, fadd(p, acc, p), bit(acc, p, bank(a[0])))
			put(o.res, acc)
		case "Mul":
			p := fresh()
			steps = append(steps, fmul(p, regs[a[0]], regs[a[1]]))
			put(o.res, p)
		case "Add":
			s := bank(a[0])
			steps = append(steps, fadd(s, s, regs[a[1]]))
			put(o.res, s)
		case "Const":
			c := index32(consts, o.bits)
			if c < 0 {
				c = len(consts)
				consts = append(consts, o.bits)
			}
			regs[o.res] = Scalar(len(d.Scalars) + c)
		case "Compare":
			// Into an operand's bank when it is used no more, as LE0.
			g := Reg{bank: -1}
			for _, x := range a {
				if r := regs[x]; g.bank < 0 && r.bank >= 0 && r.bank != acc && last[x] == i {
					g = r
				}
			}
			if g.bank < 0 {
				g = free(i)
			}
			x, y := regs[a[0]], regs[a[1]]
			switch o.pred {
			case kernel.GE:
				steps = append(steps, fcmge(g, x, y))
			case kernel.GT:
				steps = append(steps, fcmgt(g, x, y))
			case kernel.LE:
				steps = append(steps, fcmge(g, y, x))
			case kernel.LT:
				steps = append(steps, fcmgt(g, y, x))
			case kernel.EQ:
				steps = append(steps, fcmeq(g, x, y))
			}
			put(o.res, g)
		case "Select":
			v := bank(a[2])
			steps = append(steps, bit(v, regs[a[1]], bank(a[0])))
			put(o.res, v)
		default:
			// A float64 product may take the bank of an operand it ends:
			// Widen's halves fill the banks that fresh gives out.
			product := func() Reg {
				for _, x := range a {
					if r := regs[x]; r.bank >= 0 && r.bank != acc && last[x] == i {
						return r
					}
				}
				return fresh()
			}
			s, g := lowerArith(d.Name, o, bank, func(v kernel.Value) Reg { return regs[v] }, fresh, product)
			steps = append(steps, s...)
			put(o.res, g)
		}
	}

	k := Kernel{Name: d.Name, Args: d.Inputs, Scalars: d.Scalars, Consts: consts, Steps: schedule(steps), Out: bank(out), Cols: cols}
	if strings.Join(load, ",") != strings.Join(d.Inputs, ",") {
		k.Inputs = load
	}
	if d.Acc != "" {
		k.Accs = []Acc{{d.Acc, Bank(acc)}}
	}
	k.Doc = stepsDoc(k)
	return k
}

// latency is a step's result latency in cycles, roughly as on the in-order
// cores (Cortex-A55) where the order of the steps matters; out-of-order
// cores reorder them anyway.
var latency = map[string]int{"FMUL": 4, "FADD": 4, "FCMLE": 2, "FCMGE": 2, "FCMGT": 2, "FCMEQ": 2, "BIC": 1, "BIT": 1}

// schedule orders the steps of a lane operation for an in-order core: a
// list scheduler that issues one step per cycle, the first in the
// description's order whose operands are ready, or when none is, the one
// ready soonest. A step keeps its place after every step it depends on:
// one that writes a bank it reads, or reads or writes a bank it writes.
func schedule(steps []Step) []Step {
	dep := func(i, j int) bool { // j must follow i
		a, b := steps[i], steps[j]
		return b.readsBank(a.d.bank) || a.readsBank(b.d.bank) || a.d.bank == b.d.bank
	}
	ready := make([]int, len(steps)) // cycle at which step i's result is ready
	done := make([]bool, len(steps))
	var out []Step
	for now := 0; len(out) < len(steps); now++ {
		pick, soonest := -1, -1
		for j := range steps {
			if done[j] {
				continue
			}
			at, ok := 0, true
			for i := range steps[:j] {
				if !dep(i, j) {
					continue
				}
				if !done[i] {
					ok = false
					break
				}
				if steps[j].readsBank(steps[i].d.bank) {
					at = max(at, ready[i])
				}
			}
			if !ok {
				continue
			}
			if at <= now {
				pick = j
				break
			}
			if soonest < 0 || at < ready[soonest] {
				soonest = j
				ready[j] = at // provisional: its operands' time
			}
		}
		if pick < 0 {
			pick = soonest
			now = ready[pick]
		}
		done[pick] = true
		ready[pick] = now + latency[steps[pick].name]
		out = append(out, steps[pick])
	}
	return out
}

// readsBank reports whether s reads bank b.
func (s Step) readsBank(b int) bool {
	for _, r := range s.reads {
		if r.bank == b && b >= 0 {
			return true
		}
	}
	return false
}

// stepsDoc is the lane operation of k as its instructions, for the header.
func stepsDoc(k Kernel) string {
	var s []string
	name := func(g Reg) string {
		if g.bank < 0 && g.scalar >= len(k.Scalars) {
			return fmt.Sprintf("%v", math.Float32frombits(k.Consts[g.scalar-len(k.Scalars)]))
		}
		if g.bank < 0 {
			return k.Scalars[g.scalar]
		}
		return fmt.Sprintf("b%d", g.bank)
	}
	for _, st := range k.Steps {
		if st.name == "FCMLE" {
			s = append(s, fmt.Sprintf("FCMLE %s, %s, #0", name(st.d), name(st.n)))
			continue
		}
		s = append(s, fmt.Sprintf("%s %s, %s, %s", st.name, name(st.d), name(st.n), name(st.m)))
	}
	return strings.Join(s, ";  ")
}

func index32(s []uint32, x uint32) int {
	for i, y := range s {
		if y == x {
			return i
		}
	}
	return -1
}

// width32 returns op after checking that its operands have 32-bit lanes:
// the operations of this file take no float64 (see kernel.Arith).
func (r *recorder) width32(op string, vs ...kernel.Value) string {
	r.width(op, false, vs...)
	return op
}
func (r *recorder) Done(...kernel.Value) {}
