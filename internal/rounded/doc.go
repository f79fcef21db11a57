// Package rounded holds correctly rounded float32 activation functions and
// the derivatives their gradients take (SiLUDerivative, GELUDerivative,
// GELUTanhDerivative, MishDerivative, and Exp for ELU's): each returns the
// float32 nearest (ties to even) to the exact real value of the function at
// its input, for every one of the 2^32 inputs.
//
// Every function is written as a straight sequence of exactly specified IEEE
// operations on float64 values (add, sub, mul, fma, div, round-to-integer,
// integer arithmetic on the bits, compare and select), so that a generator can
// emit SIMD versions of it that give the same bits as this Go code on every
// path. The kernels call nothing from package math that is not itself exactly
// specified: math.FMA, math.RoundToEven, math.Abs, math.Copysign and the bit
// conversions. Every product that must not be fused is written as
// float64(x*y): the Go spec lets a compiler fuse x*y+z unless the product is
// converted explicitly.
//
// # How the rounding is made correct
//
// Each function computes its result as an unevaluated sum hi+lo of two
// float64 values (a double-double) whose relative error is far below the
// float32 spacing, then rounds hi+lo to float32 once through round-to-odd
// (see roundToFloat32). Rounding the exact sum hi+lo to 53 bits with
// round-to-odd and then to 24 bits with round-to-nearest-even gives the same
// float32 as rounding hi+lo directly, because 53 >= 24+2. So the only way to
// get a wrong float32 is an exact value that lies closer to a float32
// midpoint than the error of hi+lo. The double-double evaluation keeps the
// error of hi+lo near 2^-57 relative or better, and the inputs whose exact
// value has a structure that puts it extremely close to a midpoint (the
// neighbourhood of zero, where f(x) is a short dyadic polynomial in x) are
// handled by formulas that keep that structure exact in hi and put the small
// rest in lo. Whether any input is left close enough to a midpoint to be
// misrounded is a finite question, which TestProve answers by checking all
// 2^32 inputs of every function against package oracle:
//
//	FASTRELU_PROVE=1 go test ./internal/rounded -run TestProve -timeout 0 -v
//
// It finds none, so no function has an exception table.
//
// # The float64 paths
//
// A double-double evaluation costs tens of nanoseconds an input. Every
// function first evaluates itself in plain float64, with a
// bound on the relative error, and keeps the result where the bound proves
// the float32 rounding certain (Ziv's strategy, float64.go); the NaNs and
// the inputs whose value lies too close to a float32 midpoint (few;
// TestFloat64Paths counts them) take the double-double evaluation. Both give
// the correctly rounded value, so the outputs do not depend on the route;
// FASTRELU_PROVE=digests recomputes every output and requires the recorded
// digests, without the oracle's cost. A function that
// needed one would end with a select on its input bits against a short list.
// The same run prints the SHA-256 of all outputs of each function, recorded
// in testdata/digests.txt for the SIMD paths to be proven against.
//
// # Specials
//
// A NaN input comes back as the same NaN, quieted (bit 22 set), payload kept.
// Infinities give the limits of the function. Odd functions keep the sign of
// zero. Subnormal inputs and results are kept, never flushed.
package rounded
