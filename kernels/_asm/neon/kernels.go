package main

// The NEON kernels of package kernels, one description each. See shape.go
// for what a description means and the header in main.go for the semantics.
//
// Adding a kernel is one more entry: its name, arguments and steps (gen_test.go
// describes three to come: a fused bias add, PReLU with a slope per element,
// and dst += grad). Steps write operands in the instruction's order; for a
// product or sum that is the NaN order, so write it as the generic Go code
// computes it (alpha*v: fmul(p, alpha, v)). Then, in package kernels: the Go
// function <name>Generic (the entry point <name>Asm falls back to it), the
// glue in dispatch_arm64.go, and go generate ./kernels.

// Registers, one per chain (the shape adds the chain number): inputs are
// loaded into banks 0, 1, ... in order (src or grad in bank 0, V0-V3; x in
// bank 1, V4-V7); masks go to bank 1 (over x, which is read once), products
// to bank 4 (V16-V19); alpha is scalar 0, broadcast in V31.
var (
	b0, b1, b4 = Bank(0), Bank(1), Bank(4)
	alpha      = Scalar(0)
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
}
