package rvv

import (
	"fmt"
	"strings"
)

// The shape every kernel shares: vsetvli strip-mining over the elements
// (or, in a row kernel, over the columns of each row), one strip of vl
// elements per iteration, vl the vector length that vsetvli grants for what
// is left. The last strip is just a shorter one: there is no scalar tail,
// and the code is the same for every VLEN.

// A Kernel is one kernel of the package as this backend emits it: func
// <Name>RVV(dst, <Args> []float32, <Scalars> float32), with its dispatch
// entry point <Name> and its generic Go function <Name>Generic.
type Kernel struct {
	Name    string
	Args    []string // the slice parameters after dst, in order
	Scalars []string // the float32 parameters after the slices, in F1, F2...
	// Consts are the bits of the constants, in the float registers after
	// the scalars', set once per call.
	Consts []uint32
	// Inputs are the slices loaded, input i into group i: the signature's
	// order, the accumulator last.
	Inputs []string
	Steps  []Step
	Out    Reg // the group stored to dst
	// A row kernel works on a row-major matrix: Cols are its per-column
	// slices, cols = len(Cols[0]) elements each; the strips run over the
	// columns of one row, and every Cols pointer goes back to its base at
	// each row. Acc is the per-column accumulator among them (dbias,
	// dslope), or "": its group is stored back after each strip, so rows
	// add in order, one lane per column.
	Cols []string
	Acc  string
	LMUL int
}

func (k Kernel) rows() bool { return len(k.Cols) > 0 }

// Registers of the shape: X10 dst, X11 the elements left (all of them, or
// the rows' for a row kernel), one pointer per input, X5 vl, X6 vl*4.
// A row kernel adds X16 cols, X30 the columns left in the row and a base
// per Cols slice.
var (
	inputPtr = []string{"X12", "X13", "X14", "X15"}
	colBase  = []string{"X17", "X28", "X29"}
)

const (
	vlReg, bytesReg, constReg = "X5", "X6", "X7"
	colsReg, colsLeft         = "X16", "X30"
)

// check reports a kernel the shape cannot emit.
func (k Kernel) check() error {
	if len(k.Inputs) == 0 || len(k.Inputs) > len(inputPtr) {
		return fmt.Errorf("%s: %d inputs, want 1 to %d", k.Name, len(k.Inputs), len(inputPtr))
	}
	if len(k.Cols) > len(colBase) {
		return fmt.Errorf("%s: %d Cols, at most %d", k.Name, len(k.Cols), len(colBase))
	}
	if 1+len(k.Scalars)+len(k.Consts) > 32 {
		return fmt.Errorf("%s: too many scalars and constants", k.Name)
	}
	return nil
}

// loopInstructions is the count of instructions of one strip: vsetvli,
// the loads, the lane op, the stores, the pointer updates, the count and
// the branch.
func (k Kernel) loopInstructions() int {
	stores := 1
	if k.Acc != "" {
		stores++
	}
	return 1 + len(k.Inputs) + len(k.Steps) + stores + 1 + 1 + len(k.Inputs) + 2
}

// perElement is loopInstructions over the elements of one strip at VLEN
// vlen, when the strip is full.
func (k Kernel) perElement(vlen int) float64 {
	return float64(k.loopInstructions()) / float64(vlen/32*k.LMUL)
}

// signature is the Go parameter list: "dst, src []float32, alpha float32".
func (k Kernel) signature() string {
	s := strings.Join(append([]string{"dst"}, k.Args...), ", ") + " []float32"
	if len(k.Scalars) > 0 {
		s += ", " + strings.Join(k.Scalars, ", ") + " float32"
	}
	return s
}

// argSize is the size of the arguments on the stack (ABI0).
func (k Kernel) argSize() int { return 24*(1+len(k.Args)) + 4*len(k.Scalars) }

type w struct{ strings.Builder }

func (b *w) p(format string, args ...any) { fmt.Fprintf(b, format+"\n", args...) }

func join(s []string, sep string) string { return strings.Join(s, sep) }

// emit writes the kernel <Name>RVV.
func (k Kernel) emit(b *w) {
	name := k.Name + "RVV"
	b.p("// func %s(%s)", name, k.signature())
	b.p("TEXT ·%s(SB), NOSPLIT, $0-%d", name, k.argSize())
	b.p("\tMOV\tdst_base+0(FP), X10")
	b.p("\tMOV\tdst_len+8(FP), X11")
	for i, in := range k.Inputs {
		reg := inputPtr[i]
		if c := index(k.Cols, in); c >= 0 {
			reg = colBase[c]
		}
		b.p("\tMOV\t%s_base+%d(FP), %s", in, 24*(1+index(k.Args, in)), reg)
	}
	if k.rows() {
		b.p("\tMOV\t%s_len+%d(FP), %s", k.Cols[0], 24*(1+index(k.Args, k.Cols[0]))+8, colsReg)
	}
	b.p("\tFMVWX\tZERO, F%d", fzero)
	for i, s := range k.Scalars {
		b.p("\tMOVF\t%s+%d(FP), F%d", s, 24*(1+len(k.Args))+4*i, 1+i)
	}
	for i, c := range k.Consts {
		b.p("\tMOV\t$%#08x, %s", c, constReg)
		b.p("\tFMVWX\t%s, F%d", constReg, 1+len(k.Scalars)+i)
	}
	b.p("\tBEQZ\tX11, done")
	left := "X11"
	if k.rows() {
		left = colsLeft
		b.p("")
		b.p("row:")
		for i, in := range k.Inputs {
			if c := index(k.Cols, in); c >= 0 {
				b.p("\tMOV\t%s, %s", colBase[c], inputPtr[i])
			}
		}
		b.p("\tMOV\t%s, %s", colsReg, colsLeft)
	}
	b.p("")
	b.p("strip:")
	// Tail agnostic (nothing past vl is stored), mask undisturbed (the
	// masked products and sums keep their inactive lanes).
	b.p("\tVSETVLI\t%s, E32, M%d, TA, MU, %s", left, k.LMUL, vlReg)
	for i := range k.Inputs {
		b.p("\tVLE32V\t(%s), %s", inputPtr[i], group(i).name(k.LMUL))
	}
	for _, s := range k.Steps {
		b.p("\t%s", s.text(k.LMUL))
	}
	b.p("\tVSE32V\t%s, (X10)", k.Out.name(k.LMUL))
	if k.Acc != "" {
		i := index(k.Inputs, k.Acc)
		b.p("\tVSE32V\t%s, (%s)", group(i).name(k.LMUL), inputPtr[i])
	}
	b.p("\tSLLI\t$2, %s, %s", vlReg, bytesReg)
	b.p("\tADD\t%s, X10", bytesReg)
	for i := range k.Inputs {
		b.p("\tADD\t%s, %s", bytesReg, inputPtr[i])
	}
	b.p("\tSUB\t%s, %s", vlReg, left)
	b.p("\tBNEZ\t%s, strip", left)
	if k.rows() {
		b.p("\tSUB\t%s, X11", colsReg)
		b.p("\tBNEZ\tX11, row")
	}
	b.p("")
	b.p("done:")
	b.p("\tRET")
}

// emitEntry writes the dispatch entry point <Name>: a leaf without a frame
// that jumps, arguments in place, to <Name>RVV when the byte flag useRVV is
// set and to <Name>Generic otherwise.
func (k Kernel) emitEntry(b *w) {
	b.p("// func %s(%s)", k.Name, k.signature())
	b.p("TEXT ·%s(SB), NOSPLIT, $0-%d", k.Name, k.argSize())
	b.p("\tMOVBU\t·useRVV(SB), X5")
	b.p("\tBEQZ\tX5, generic")
	b.p("\tJMP\t·%sRVV(SB)", k.Name)
	b.p("")
	b.p("generic:")
	b.p("\tJMP\t·%sGeneric(SB)", k.Name)
}
