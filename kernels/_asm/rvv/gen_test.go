package rvv

import (
	"bytes"
	"math"
	"math/big"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/fastrelu/fastrelu/kernels/_asm/kernel"
)

// TestCheckedInFilesAreUpToDate fails when kernels_riscv64.s or
// kernels_riscv64.go differ from what this generator writes: run
// `go generate ./kernels` and commit the result.
func TestCheckedInFilesAreUpToDate(t *testing.T) {
	for _, f := range []struct {
		path string
		gen  func() ([]byte, error)
	}{{"../../kernels_riscv64.s", GenerateAsm}, {"../../kernels_riscv64.go", GenerateStubs}} {
		want, err := f.gen()
		if err != nil {
			t.Fatal(err)
		}
		again, _ := f.gen()
		if !bytes.Equal(want, again) {
			t.Errorf("%s: two runs of the generator differ", f.path)
		}
		got, err := os.ReadFile(f.path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not what the generator writes: run go generate ./kernels", f.path)
		}
	}
}

// lanes is the vector length of the interpreters below: enough for masks
// that differ from lane to lane.
const lanes = 8

type vector [lanes]uint32

// evaluator is a kernel.Lane that computes the recorded operations lane by
// lane, the meaning each has in package kernel, with Go's float32
// arithmetic: the description as written, with no registers.
type evaluator struct {
	in      []vector
	scalars []uint32
	vals    map[kernel.Value]vector
	next    kernel.Value
}

func (e *evaluator) put(v vector) kernel.Value {
	e.next++
	e.vals[e.next] = v
	return e.next
}

func (e *evaluator) lanewise(f func(i int) uint32) kernel.Value {
	var r vector
	for i := range r {
		r[i] = f(i)
	}
	return e.put(r)
}

func f32(b uint32) float32 { return math.Float32frombits(b) }
func b32(f float32) uint32 { return math.Float32bits(f) }

// arith is the bits of an arithmetic result as RISC-V gives them: every
// NaN is the canonical one (and the host's choice of NaN operand, which
// differs, is no concern of the register allocation).
func arith(f float32) uint32 {
	if f != f {
		return 0x7fc00000
	}
	return b32(f)
}

// fma32 is a*b + c rounded once to float32 (nearest even, subnormals
// kept), exact in math/big: the product of two float32 values and the sum
// need at most a few hundred bits. NaN operands give a NaN (arith makes it
// canonical); infinities as IEEE 754 says, through float64, where inf*0
// and inf-inf are NaN and every other result is an infinity.
func fma32(a, b, c float32) float32 {
	if a != a || b != b || c != c || math.IsInf(float64(a), 0) || math.IsInf(float64(b), 0) || math.IsInf(float64(c), 0) {
		return float32(float64(a)*float64(b) + float64(c))
	}
	x := new(big.Float).SetPrec(1000).SetFloat64(float64(a))
	x.Mul(x, new(big.Float).SetFloat64(float64(b)))
	x.Add(x, new(big.Float).SetFloat64(float64(c)))
	f, _ := x.Float32()
	return f
}

func truth(b bool) uint32 {
	if b {
		return 1
	}
	return 0
}

func holds(p kernel.Pred, a, b float32) bool {
	switch p {
	case kernel.LT:
		return a < b
	case kernel.LE:
		return a <= b
	case kernel.GE:
		return a >= b
	case kernel.GT:
		return a > b
	}
	return a == b
}

func (e *evaluator) In(i int) kernel.Value { return e.put(e.in[i]) }
func (e *evaluator) Scalar(i int) kernel.Value {
	return e.lanewise(func(int) uint32 { return e.scalars[i] })
}
func (e *evaluator) LE0(x kernel.Value) kernel.Value {
	return e.lanewise(func(i int) uint32 { return truth(f32(e.vals[x][i]) <= 0) })
}
func (e *evaluator) where(m kernel.Value, then func(i int) uint32, v kernel.Value) kernel.Value {
	return e.lanewise(func(i int) uint32 {
		if e.vals[m][i] != 0 {
			return then(i)
		}
		return e.vals[v][i]
	})
}
func (e *evaluator) ZeroWhere(m, v kernel.Value) kernel.Value {
	return e.where(m, func(int) uint32 { return 0 }, v)
}
func (e *evaluator) MulWhere(m, v, a kernel.Value) kernel.Value {
	return e.where(m, func(i int) uint32 { return arith(f32(e.vals[v][i]) * f32(e.vals[a][i])) }, v)
}
func (e *evaluator) AddWhere(m, acc, p kernel.Value) kernel.Value {
	return e.where(m, func(i int) uint32 { return arith(f32(e.vals[acc][i]) + f32(e.vals[p][i])) }, acc)
}
func (e *evaluator) Mul(a, b kernel.Value) kernel.Value {
	return e.lanewise(func(i int) uint32 { return arith(f32(e.vals[a][i]) * f32(e.vals[b][i])) })
}
func (e *evaluator) MulInPlace(a, b kernel.Value) kernel.Value { return e.Mul(a, b) }
func (e *evaluator) Add(a, b kernel.Value) kernel.Value {
	return e.lanewise(func(i int) uint32 { return arith(f32(e.vals[a][i]) + f32(e.vals[b][i])) })
}
func (e *evaluator) Max(a, b kernel.Value) kernel.Value { panic("no Max") }
func (e *evaluator) Min(a, b kernel.Value) kernel.Value { panic("no Min") }
func (e *evaluator) Const(b uint32) kernel.Value {
	return e.lanewise(func(int) uint32 { return b })
}
func (e *evaluator) Compare(p kernel.Pred, a, b kernel.Value) kernel.Value {
	return e.lanewise(func(i int) uint32 { return truth(holds(p, f32(e.vals[a][i]), f32(e.vals[b][i]))) })
}
func (e *evaluator) Rounded(fn string, x kernel.Value) kernel.Value {
	panic("Rounded: the generic path's only")
}
func (e *evaluator) Const64(uint64) kernel.Value                 { panic("not on RVV") }
func (e *evaluator) MulAdd(_, _, _ kernel.Value) kernel.Value    { panic("not on RVV") }
func (e *evaluator) Copy64(kernel.Value) kernel.Value            { panic("not on RVV") }
func (e *evaluator) Spill64(kernel.Value) kernel.Value           { panic("Spill64: not on RVV") }
func (e *evaluator) Index(kernel.Value) kernel.Value             { panic("Index: not on RVV") }
func (e *evaluator) Lookup(kernel.Value, []float64) kernel.Value { panic("Lookup: not on RVV") }
func (e *evaluator) Require(kernel.Value)                        { panic("not on RVV") }
func (e *evaluator) Select(m, a, v kernel.Value) kernel.Value {
	return e.where(m, func(i int) uint32 { return e.vals[a][i] }, v)
}
func (e *evaluator) Sub(a, b kernel.Value) kernel.Value { panic("not yet") }
func (e *evaluator) Div(a, b kernel.Value) kernel.Value {
	return e.lanewise(func(i int) uint32 { return arith(f32(e.vals[a][i]) / f32(e.vals[b][i])) })
}
func (e *evaluator) FMA(a, b, c kernel.Value) kernel.Value {
	return e.lanewise(func(i int) uint32 { return arith(fma32(f32(e.vals[a][i]), f32(e.vals[b][i]), f32(e.vals[c][i]))) })
}
func (e *evaluator) Abs(a kernel.Value) kernel.Value {
	return e.lanewise(func(i int) uint32 { return e.vals[a][i] &^ (1 << 31) })
}
func (e *evaluator) Neg(a kernel.Value) kernel.Value                   { panic("not yet") }
func (e *evaluator) RoundEven(a kernel.Value) kernel.Value             { panic("not yet") }
func (e *evaluator) ToInt32(a kernel.Value) kernel.Value               { panic("not yet") }
func (e *evaluator) Widen(a kernel.Value) (kernel.Value, kernel.Value) { panic("not yet") }
func (e *evaluator) Narrow(lo, hi kernel.Value) kernel.Value           { panic("not yet") }
func (e *evaluator) IntAdd(a, b kernel.Value) kernel.Value             { panic("not yet") }
func (e *evaluator) ShiftLeft(a kernel.Value, n int) kernel.Value      { panic("not yet") }

// machine runs a lowered kernel's steps on register groups (one vector
// each: LMUL changes the numbering, not the lanes), v0 and float
// registers, as the RVV instructions define them.
func machine(k Kernel, in []vector, scalars []uint32) (out, acc vector) {
	groups := map[int]vector{}
	for i, name := range k.Inputs {
		groups[i] = in[index(k.Args, name)]
	}
	f := map[int]uint32{fzero: 0}
	for i, s := range scalars {
		f[1+i] = s
	}
	for i, c := range k.Consts {
		f[1+len(scalars)+i] = c
	}
	var v0 vector
	read := func(r Reg, i int) uint32 {
		if r.kind == 'f' {
			return f[r.index]
		}
		return groups[r.index][i]
	}
	for _, s := range k.Steps {
		a := s.args
		var r vector
		dst := a[len(a)-1]
		masked := len(a) == 4 && a[2] == mask
		for i := range r {
			switch s.op {
			case "VMFLTVF", "VMFLEVF", "VMFGEVF", "VMFGTVF", "VMFEQVF", "VMFLTVV", "VMFLEVV", "VMFEQVV":
				p := map[string]kernel.Pred{"VMFLT": kernel.LT, "VMFLE": kernel.LE, "VMFGE": kernel.GE, "VMFGT": kernel.GT, "VMFEQ": kernel.EQ}[s.op[:5]]
				// vd = vs2 p (vs1 or f): Go's operands are vs1 or f, vs2, vd.
				r[i] = truth(holds(p, f32(read(a[1], i)), f32(read(a[0], i))))
			case "VMERGEVIM":
				r[i] = read(a[0], i)
				if v0[i] != 0 {
					r[i] = 0
				}
			case "VMERGEVVM", "VFMERGEVFM":
				r[i] = read(a[1], i)
				if v0[i] != 0 {
					r[i] = read(a[0], i)
				}
			case "VMVVV", "VFMVVF":
				r[i] = read(a[0], i)
			case "VFABSV":
				r[i] = read(a[0], i) &^ (1 << 31)
			case "VFDIVVV", "VFDIVVF":
				// vd = vs2 / (vs1 or f)
				r[i] = arith(f32(read(a[1], i)) / f32(read(a[0], i)))
			case "VFMACCVV", "VFMACCVF":
				// vd = (vs1 or f) * vs2 + vd: Go's operands vs2, vs1 or f, vd
				r[i] = arith(fma32(f32(read(a[1], i)), f32(read(a[0], i)), f32(read(dst, i))))
			case "VFMADDVV", "VFMADDVF":
				// vd = (vs1 or f) * vd + vs2: Go's operands vs2, vs1 or f, vd
				r[i] = arith(fma32(f32(read(a[1], i)), f32(read(dst, i)), f32(read(a[0], i))))
			case "VFRDIVVF":
				// vd = f / vs2
				r[i] = arith(f32(read(a[0], i)) / f32(read(a[1], i)))
			case "VFMULVV", "VFMULVF", "VFADDVV", "VFADDVF":
				x, y := f32(read(a[1], i)), f32(read(a[0], i))
				if masked && v0[i] == 0 {
					r[i] = read(dst, i)
				} else if s.op[:5] == "VFMUL" {
					r[i] = arith(x * y)
				} else {
					r[i] = arith(x + y)
				}
			default:
				panic("machine: no " + s.op)
			}
		}
		if dst == mask {
			v0 = r
		} else {
			if masked || s.op[:4] == "VMER" || s.op == "VFMERGEVFM" {
				if dst.kind != 'v' {
					panic("machine: a masked step writes v0")
				}
			}
			groups[dst.index] = r
		}
	}
	out = groups[k.Out.index]
	if k.Acc != "" {
		acc = groups[index(k.Inputs, k.Acc)]
	}
	return out, acc
}

// TestLoweringAtEveryLMUL runs every kernel, lowered at every LMUL whose
// groups suffice (not only the one the generator picks), on the machine
// above, and its description on the evaluator, on values where every mask
// differs from lane to lane, and requires the same bits: the register
// allocation clobbers nothing that is read later, and the masks are in v0
// when used.
func TestLoweringAtEveryLMUL(t *testing.T) {
	rng := rand.New(rand.NewPCG(20, 1))
	special := []float32{0, float32(math.Copysign(0, -1)), 6, -6, 5.5, 7, -1.5, 2, 3, -3, 2.9999998, -4, float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)), 1e-40}
	value := func() uint32 {
		if rng.IntN(2) == 0 {
			return b32(special[rng.IntN(len(special))])
		}
		return b32(float32(rng.NormFloat64() * 8))
	}
	ds := kernel.Vectorized(append(append([]kernel.Kernel(nil), kernel.Elementwise...), kernel.Layer...))
	ds = append(ds, fmaKernels...)
	for _, d := range ds {
		fits := 0
		for _, lmul := range []int{1, 2, 4, 8} {
			k, err := lowerKernel(d, lmul)
			if err != nil {
				continue
			}
			fits++
			for trial := 0; trial < 200; trial++ {
				in := make([]vector, len(d.Inputs))
				for j := range in {
					for i := range in[j] {
						in[j][i] = value()
					}
				}
				var scalars []uint32
				for range d.Scalars {
					scalars = append(scalars, value())
				}
				e := &evaluator{in: in, scalars: scalars, vals: map[kernel.Value]vector{}}
				want := e.vals[d.Op(e)]
				var wantAcc vector
				if d.Acc != "" {
					// The description updates the accumulator as its last
					// AddWhere or Add on it: rerun to read that value.
					wantAcc = accAfter(d, in, scalars)
				}
				got, gotAcc := machine(k, in, scalars)
				if got != want || gotAcc != wantAcc {
					t.Fatalf("%s at LMUL %d: inputs %x scalars %x: dst %x want %x, acc %x want %x",
						d.Name, lmul, in, scalars, got, want, gotAcc, wantAcc)
				}
			}
		}
		if fits == 0 {
			t.Errorf("%s fits no LMUL", d.Name)
		}
	}
}

// fmaKernels exercise each lowering of FMA, which no description uses yet:
// the addend's group (VFMACC), a factor's (VFMADD, .vf and .vv), a copy of
// the addend when every operand lives on, a constant factor first, and a
// division by 6 as a product and its correction.
var fmaKernels = []kernel.Kernel{
	{Name: "fmaIntoAddendVF", Inputs: []string{"x", "y"}, Op: func(l kernel.Lane) kernel.Value {
		return l.FMA(l.In(0), l.Const(0x3e2aaaab), l.In(1))
	}},
	{Name: "fmaIntoAddendVV", Inputs: []string{"x", "y", "z"}, Op: func(l kernel.Lane) kernel.Value {
		return l.FMA(l.In(0), l.In(1), l.In(2))
	}},
	{Name: "fmaIntoFactorVF", Inputs: []string{"x", "y"}, Op: func(l kernel.Lane) kernel.Value {
		y := l.In(1)
		return l.Add(l.FMA(l.In(0), l.Const(0xc0c00000), y), y)
	}},
	{Name: "fmaIntoSecondFactorVV", Inputs: []string{"x", "y", "z"}, Op: func(l kernel.Lane) kernel.Value {
		x, z := l.In(0), l.In(2)
		return l.Add(l.Add(l.FMA(x, l.In(1), z), x), z)
	}},
	{Name: "fmaCopyConstantFirst", Inputs: []string{"x", "y"}, Op: func(l kernel.Lane) kernel.Value {
		x, y := l.In(0), l.In(1)
		return l.Add(l.Add(l.FMA(l.Const(0x40400000), x, y), x), y)
	}},
	{Name: "fmaDivideBySix", Inputs: []string{"t"}, Op: func(l kernel.Lane) kernel.Value {
		t := l.In(0)
		q := l.Mul(t, l.Const(0x3e2aaaab))
		r := l.FMA(q, l.Const(0xc0c00000), t)
		return l.FMA(r, l.Const(0x3e2aaaab), q)
	}},
}

// accAfter is the accumulator's final value in d's description: the result
// of the last operation whose first vector operand chains back to the
// accumulator input.
func accAfter(d kernel.Kernel, in []vector, scalars []uint32) vector {
	r := &recorder{inputs: len(d.Inputs), scalars: len(d.Scalars)}
	r.next = kernel.Value(r.inputs + r.scalars)
	d.Op(r)
	// Replay the recorded operations with the evaluator's meaning.
	vals := map[kernel.Value]vector{}
	for i := range d.Inputs {
		vals[kernel.Value(i)] = in[i]
	}
	for i, s := range scalars {
		var v vector
		for j := range v {
			v[j] = s
		}
		vals[kernel.Value(len(d.Inputs)+i)] = v
	}
	vals[zeroValue] = vector{}
	cur := kernel.Value(index(d.Inputs, d.Acc))
	for _, o := range r.ops {
		a := o.args
		var v vector
		for i := range v {
			switch o.name {
			case "Const":
				v[i] = o.bits
			case "Compare":
				v[i] = truth(holds(o.pred, f32(vals[a[0]][i]), f32(vals[a[1]][i])))
			case "ZeroWhere":
				v[i] = vals[a[1]][i]
				if vals[a[0]][i] != 0 {
					v[i] = 0
				}
			case "Select":
				v[i] = vals[a[2]][i]
				if vals[a[0]][i] != 0 {
					v[i] = vals[a[1]][i]
				}
			case "MulWhere", "AddWhere":
				v[i] = vals[a[1]][i]
				if vals[a[0]][i] != 0 {
					x, y := f32(vals[a[1]][i]), f32(vals[a[2]][i])
					if o.name == "MulWhere" {
						v[i] = arith(x * y)
					} else {
						v[i] = arith(x + y)
					}
				}
			case "Mul":
				v[i] = arith(f32(vals[a[0]][i]) * f32(vals[a[1]][i]))
			case "Add":
				v[i] = arith(f32(vals[a[0]][i]) + f32(vals[a[1]][i]))
			case "Div":
				v[i] = arith(f32(vals[a[0]][i]) / f32(vals[a[1]][i]))
			case "FMA":
				v[i] = arith(fma32(f32(vals[a[0]][i]), f32(vals[a[1]][i]), f32(vals[a[2]][i])))
			case "Abs":
				v[i] = vals[a[0]][i] &^ (1 << 31)
			}
		}
		vals[o.res] = v
		if len(a) > 0 && (o.name == "Add" && a[0] == cur || o.name == "AddWhere" && a[1] == cur) {
			cur = o.res
		}
	}
	return vals[cur]
}
func (e *evaluator) Done(...kernel.Value) {}
