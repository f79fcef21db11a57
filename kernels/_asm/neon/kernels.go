package main

// The NEON kernels of package kernels, one description each. See shape.go
// for what a description means and the header in main.go for the semantics.
//
// Adding a kernel is one more entry: its name, arguments and steps; a row
// kernel (a matrix with per-column slices such as a bias) also names its
// Cols and its accumulators (Accs). Steps write operands in the
// instruction's order; for a product or sum that is the NaN order, so write
// it as the generic Go code computes it (alpha*v: fmul(p, alpha, v)), and
// check that the compiler kept that order (kernels/arm64_test.go compares
// with NaN pairs). Then, in package kernels: the Go function <name>Generic
// (the entry point <name> falls back to it), its row in dispatch_arm64.go,
// the entry point in dispatch_generic.go for the builds without assembly,
// and go generate ./kernels.

// Registers, one per chain (the shape adds the chain number): inputs are
// loaded into banks 0, 1, ... in order (src or grad in bank 0, V0-V3; x in
// bank 1, V4-V7); masks go to bank 1 (over x, which is read once), products
// to bank 4 (V16-V19); alpha is scalar 0, broadcast in V31. The layer
// kernels load the per-column slices after the per-element ones and note
// their banks beside each description.
var (
	b0, b1, b2, b3 = Bank(0), Bank(1), Bank(2), Bank(3)
	b4, b5, b6     = Bank(4), Bank(5), Bank(6)
	alpha          = Scalar(0)
)

var kernels = []Kernel{
	{
		Name: "relu", Args: []string{"src"},
		Doc:   "m = x <= 0;  BIC  x, x, m              x where !m, +0 where m",
		Steps: []Step{fcmle0(b1, b0), bic(b0, b0, b1)},
		Out:   b0,
	},
	{
		Name: "leakyReLU", Args: []string{"src"}, Scalars: []string{"alpha"},
		Doc:   "m = x <= 0;  FMUL p, alpha, x;     BIT x, p, m (x takes p where m)",
		Steps: []Step{fcmle0(b1, b0), fmul(b4, alpha, b0), bit(b0, b4, b1)},
		Out:   b0,
	},
	{
		Name: "reluGrad", Args: []string{"grad", "x"},
		Doc:   "m = x <= 0;  BIC  grad, grad, m        grad where !m, +0 where m",
		Steps: []Step{fcmle0(b1, b1), bic(b0, b0, b1)},
		Out:   b0,
	},
	{
		Name: "leakyReLUGrad", Args: []string{"grad", "x"}, Scalars: []string{"alpha"},
		Doc:   "m = x <= 0;  FMUL p, alpha, grad;  BIT grad, p, m",
		Steps: []Step{fcmle0(b1, b1), fmul(b4, alpha, b0), bit(b0, b4, b1)},
		Out:   b0,
	},

	// The layer kernels: row kernels, a row-major matrix with
	// cols = len(bias) (dbias, slope). The per-column slices go back to
	// their start each row; the accumulators (dbias, dslope) are loaded,
	// added to and stored in every block, one row after the other, so each
	// column adds its rows in order. Operand order as the generic Go code
	// writes it (layer_generic.go): src + bias, acc + d, alpha*grad,
	// slope*x, slope*grad, x*grad.
	{
		Name: "biasReLU", Args: []string{"src", "bias"}, Cols: []string{"bias"},
		Doc:   "z = FADD src, bias;  m = z <= 0;  BIC z, z, m",
		Steps: []Step{fadd(b0, b0, b1), fcmle0(b1, b0), bic(b0, b0, b1)},
		Out:   b0,
	},
	{
		Name: "biasLeakyReLU", Args: []string{"src", "bias"}, Scalars: []string{"alpha"}, Cols: []string{"bias"},
		Doc:   "z = FADD src, bias;  m = z <= 0;  FMUL p, alpha, z;  BIT z, p, m",
		Steps: []Step{fadd(b0, b0, b1), fcmle0(b1, b0), fmul(b4, alpha, b0), bit(b0, b4, b1)},
		Out:   b0,
	},
	{
		// Inputs: grad (bank 0), y (bank 1), dbias (bank 2).
		Name: "reluGradBias", Args: []string{"dbias", "grad", "y"}, Inputs: []string{"grad", "y", "dbias"},
		Cols: []string{"dbias"}, Accs: []Acc{{"dbias", b2}},
		Doc:   "m = y <= 0;  BIC d, grad, m;  dbias = FADD dbias, d",
		Steps: []Step{fcmle0(b1, b1), bic(b0, b0, b1), fadd(b2, b2, b0)},
		Out:   b0,
	},
	{
		Name: "leakyReLUGradBias", Args: []string{"dbias", "grad", "y"}, Scalars: []string{"alpha"},
		Inputs: []string{"grad", "y", "dbias"}, Cols: []string{"dbias"}, Accs: []Acc{{"dbias", b2}},
		Doc:   "m = y <= 0;  FMUL p, alpha, grad;  BIT grad, p, m;  dbias = FADD dbias, grad",
		Steps: []Step{fcmle0(b1, b1), fmul(b4, alpha, b0), bit(b0, b4, b1), fadd(b2, b2, b0)},
		Out:   b0,
	},
	{
		// Inputs: src (bank 0), slope (bank 1); the mask in bank 2.
		Name: "prelu", Args: []string{"src", "slope"}, Cols: []string{"slope"},
		Doc:   "m = x <= 0;  FMUL p, slope, x;  BIT x, p, m",
		Steps: []Step{fcmle0(b2, b0), fmul(b4, b1, b0), bit(b0, b4, b2)},
		Out:   b0,
	},
	{
		// Inputs: grad (bank 0), x (bank 1), slope (bank 2), dslope (bank
		// 3); the mask in bank 4, slope*grad in bank 5, x*grad and then
		// dslope + x*grad in bank 6. dslope takes the sum only where m(x):
		// the other rows add nothing (BIT keeps its bits), not +0.
		Name: "preluGrad", Args: []string{"dslope", "grad", "x", "slope"},
		Inputs: []string{"grad", "x", "slope", "dslope"}, Cols: []string{"slope", "dslope"},
		Accs: []Acc{{"dslope", b3}},
		Doc:  "m = x <= 0;  FMUL p, slope, grad;  FMUL q, x, grad;  s = FADD dslope, q;  BIT grad, p, m;  BIT dslope, s, m",
		Steps: []Step{fcmle0(b4, b1), fmul(b5, b2, b0), fmul(b6, b1, b0), fadd(b6, b3, b6),
			bit(b0, b5, b4), bit(b3, b6, b4)},
		Out: b0,
	},
}
