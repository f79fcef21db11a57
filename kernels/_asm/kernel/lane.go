// Package kernel is what the generators of package kernels share: the lane
// operations every backend implements (Lane), one description per
// activation (relu.go, leakyrelu.go, ...), and the shapes that turn each
// description into the kernels of the package (activation.go): the forward
// function, its gradient, the forward with a bias fused in, the gradient
// with the bias gradient, and, for an activation with a parameter, the form
// with one parameter per column (PReLU from LeakyReLU) and its gradient.
//
// A backend (../amd64 with avo, ../neon with its encoder) emits every
// kernel by running its lane operation against its own Lane: the same
// operations in the same order on every instruction set, so that every
// path computes the same sequence of IEEE operations.
package kernel

// A Value is one vector of lanes (or, from LE0, one boolean per lane) as a
// backend tracks it: a register, or a node it allocates a register to
// later. Only the Lane that returned it knows what it is.
type Value int

// A Lane is the instruction set of a lane operation, the same for every
// backend. Each operation is defined lane by lane; where IEEE 754 leaves a
// result open (which NaN operand wins), the operand order written here is
// the order the backend keeps, and the generic Go code computes it in the
// same order (see kernels/nanrule_*.go).
//
// Operations that return their result "in v" overwrite v: a description
// passes a value there only when it needs it no more.
type Lane interface {
	Arith
	Wide
	// In returns the vector of input i: the i-th slice after dst.
	In(i int) Value
	// Scalar returns scalar parameter i in every lane. Read only.
	Scalar(i int) Value

	// LE0 returns m(x) = (x <= 0), ordered: false for NaN, true for -0
	// and +0.
	LE0(x Value) Value
	// ZeroWhere returns m ? +0 : v, in v. Lanes where m is false keep v's
	// bits exactly (NaN payloads and signaling NaNs included).
	ZeroWhere(m, v Value) Value
	// MulWhere returns m ? v*a : v, in v; where m is false, v's bits.
	MulWhere(m, v, a Value) Value
	// AddWhere returns m ? acc+p : acc, in acc, acc the first operand of
	// the addition; where m is false acc keeps its bits (nothing is added,
	// not even +0). p may be overwritten.
	AddWhere(m, acc, p Value) Value

	// Mul returns a*b, a the first operand, in a new value. Which NaN it
	// returns when both operands are NaN is left to each backend (the
	// generic path's is the compiler's): a description uses a product only
	// where one operand is a number, as PReLU's x*grad where m(x) holds.
	Mul(a, b Value) Value
	// MulInPlace returns a*b, a the first operand, in a: for operations
	// short of registers, where a is not needed afterwards. A backend may
	// give it a new register instead.
	MulInPlace(a, b Value) Value
	// Add returns a+b, a the first operand, in a. Add, Mul and MulInPlace
	// take float64 lanes too (see Arith).
	Add(a, b Value) Value
	// Max returns a > b ? a : b, in b: b as is when either is a NaN or
	// both are zeros (x86's MAXPS). Only in Forms, which say where it is
	// exact.
	Max(a, b Value) Value
	// Min returns a < b ? a : b, in b, with b as is when either is a NaN or
	// both are zeros (x86's MINPS). Only in Forms.
	Min(a, b Value) Value

	// Const returns the float32 with bits b in every lane. Read only.
	Const(b uint32) Value
	// Compare returns m = (a p b), ordered: false where a or b is NaN,
	// -0 and +0 equal. LE0(x) is Compare(LE, x, Const(0)) in one operation.
	Compare(p Pred, a, b Value) Value
	// Rounded returns the function fn of internal/rounded ("Sigmoid") at
	// x: the exact value rounded once to the nearest float32, ties to
	// even, in a new value (x kept). The activation says which of its
	// operations call it (RoundedForward, RoundedGrad). The generic
	// backend calls internal/rounded; an assembly backend runs fn's
	// Evaluation (evaluate.go) where every Rounded call of a kernel has
	// one (Checked), and leaves the other kernels to the generic path.
	Rounded(fn string, x Value) Value
	// Select returns m ? a : v, in v, with the exact bits of whichever
	// it takes (NaN payloads and signaling NaNs included).
	Select(m, a, v Value) Value
}

// A Pred is the relation a Compare tests.
type Pred int

const (
	LT Pred = iota // a < b
	LE             // a <= b
	GE             // a >= b
	GT             // a > b
	EQ             // a == b
)
