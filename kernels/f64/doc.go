// Package f64 is package kernels on []float64: the activation kernels for
// code whose matrices are float64, as gonum's mat.Dense is, without a copy
// to float32 and back around every call.
//
// Every function has the name, the arguments and the contract of its
// float32 namesake in package kernels, with float64 for float32 and
// binary64 operations for binary32 ones (the smooth activations: within
// 1 ulp, below): ReLU, LeakyReLU, ReLU6,
// HardSigmoid, HardSwish and HardTanh, their gradients, the layer kernels
// (BiasReLU ..., ReLUGradBias ..., PReLU and PReLUGrad) and their Matrix
// forms on row-strided views, Activation values parsed from the same names
// ("relu", "leaky_relu(0.2)", ...; the scalars parsed as float64), and a
// Parallel runner. Each is stated as a Go loop in its documentation: every
// output is that loop's value bit for bit, NaN payloads, signed zeros,
// infinities and subnormals included. For example,
//
//	f64.LeakyReLU(dst, src, 0.2)
//
// sets dst[i] to src[i] where src[i] > 0 or is NaN (its bits kept), and to
// the binary64 product 0.2*src[i] elsewhere. HardSwish divides by 6 and
// HardSigmoid's gradient multiplies by the float64 nearest 1/6: the
// float64 values of the constants, not float32's.
//
// Where IEEE 754 leaves a result open, when two NaNs meet in one
// operation, the kernels take the NaN the float32 kernels of the same
// architecture take (package kernels' documentation has the rule), so
// that one machine gives one answer.
//
// The smooth activations Sigmoid, Tanh, SiLU, GELU, GELUTanh, ELU,
// Softplus and Mish, with their gradients, layer forms and Activation
// names, are here too. Where package kernels rounds the exact value once
// to float32, these return a float64 within 1 ulp of it (the function, or
// the derivative a gradient multiplies by): internal/rounded's binary64
// forms, double-double evaluations rounded once at the end, measured
// against math/big on every exponent of both signs, the subnormals, the
// boundaries and random inputs (its TestWide). They are not correctly
// rounded, but they are the same bits on every path and GOARCH: the
// AVX-512 and AVX2 kernels run the Go functions' double-double operations
// lane by lane, in the same order, the other paths run the Go code, and
// a digest of their outputs is checked on each GOARCH. Their special
// values are package kernels': a NaN gives its NaN back, quieted; the infinities give the limits
// (SiLU(-Inf) is -0); odd functions keep -0; subnormal inputs and results
// are kept. The gradients computed from the output (SigmoidGrad,
// TanhGrad) are binary64 loops, PyTorch's order, as in package kernels.
// Softplus parsed from PyTorch's Softplus(beta=1, threshold=t) needs
// t >= 34: below that PyTorch's shortcut x is not float64's softplus(x).
//
// # Paths
//
// The kernels are generated with package kernels' from the one
// description of each activation (kernels/_asm), by the same backends:
// on amd64 in AVX-512 or AVX2 assembly (avo), on arm64 in NEON, package
// kernels' shapes and lane operations on float64 lanes, running the path
// package kernels runs (FASTRELU_ISA included; [Implementation] names
// it); pure Go everywhere else and under the purego build tag. Every path gives the same bits,
// which the tests check on each. The checks, the chunking of long calls,
// the runner and the Activation parser are package kernels' own source,
// generated here with float32 made float64, so they behave alike: misuse
// panics with a message that names the function and the lengths; no call
// allocates; a long call runs in chunks, each preemptible; no kernel reads
// or writes outside its slices, at any length or byte alignment.
package f64
