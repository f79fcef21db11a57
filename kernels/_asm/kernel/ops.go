package kernel

// Arith is the arithmetic of the lane operations beyond what the
// activations of kernel.All use: what the next descriptions (exp, tanh,
// GELU...) are built from. Lane embeds it, so every backend implements it;
// internal/lanecheck runs each operation on every path and
// requires the same bits.
//
// The lanes of a Value are 32 bits, or 64 between Widen and Narrow. The
// float operations read 32-bit lanes as float32, the integer ones
// (ToInt32's result, IntAdd, ShiftLeft) as int32 in two's complement; a
// value goes from one to the other as is (the bits of (n+127)<<23 are the
// float 2^n). Widen makes float64 lanes: each backend tracks which values
// are float64, and Lane's Add, Mul and MulInPlace, and Sub, Div and FMA,
// take them (all operands of one width)
// with the 64-bit instructions; every other operation, those of Lane
// included, takes 32-bit lanes only. lo and hi hold different lanes of a
// vector, but the generic path computes one element at a time, for which
// both are the same float64: a description runs the same operations on
// both and narrows them back in order, Narrow(lo, hi).
//
// All of it runs under Go's floating-point environment: round to nearest
// even, subnormals kept as operands and results (no FTZ, no DAZ), and a NaN
// operand propagated, quieted (no default-NaN mode). A NaN that an
// operation makes from numbers alone (Inf-Inf, 0*Inf, 0/0) is the
// architecture's default NaN: 0xffc00000 on x86, 0x7fc00000 on Arm.
//
// Which NaN an operation with two or three NaN operands returns is the
// architecture's rule, on the operand order written here:
//   - x86 (AVX2, AVX-512, and the generic path on 386 and amd64): the
//     first NaN in the operand order of the instruction, signaling or not,
//     quieted (Intel SDM vol. 1, 4.8.3.5);
//   - Arm (NEON, and the generic path on arm64): FPProcessNaNs: the first
//     signaling NaN in that order, else the first quiet one, quieted.
//
// The generic path spells these rules out (internal/lanemath), so that on
// one machine every path gives the same bits.
//
// As in Lane, a result "in a" overwrites a, which is never a Scalar.
type Arith interface {
	// Sub returns a-b, in a; zeros as IEEE says (+0 - +0 = +0, -0 - +0 =
	// -0). Two NaNs: a's on x86; on Arm a signaling b wins over a quiet a.
	Sub(a, b Value) Value
	// Div returns a/b, correctly rounded, in a; x/0 is an infinity of the
	// sign of the xor of the signs for x != 0, 0/0 and Inf/Inf are the
	// default NaN. Two NaNs as for Sub.
	Div(a, b Value) Value
	// FMA returns a*b+c with one rounding, in c (the accumulator). Zeros
	// as IEEE says: an exact zero sum is -0 only when a*b and c are both
	// -0, else +0; a nonzero result too small for a subnormal rounds to a
	// zero of its own sign. The NaN, with NaN operands:
	//   - x86 (VFMADD231PS c, a, b): the first NaN of a, b, c, signaling
	//     or not, quieted (Intel SDM vol. 1, table 14-17, "FMA Numeric
	//     Behavior": the multiplicand's, the multiplier's, the addend's),
	//     also when a*b = 0*Inf;
	//   - Arm (FMLA c, a, b): FPProcessNaNs3(c, a, b), the addend first,
	//     except that a quiet NaN c with a*b = 0*Inf gives the default NaN.
	// The amd64 kernels need FMA3 for it (cpu.X86.HasFMA), which the
	// library's avx2 and avx512 rows require (kernels/dispatch_amd64.go).
	FMA(a, b, c Value) Value
	// Abs returns a with its sign bit cleared and every other bit kept: a
	// NaN keeps its payload and stays signaling if it was. In a.
	Abs(a Value) Value
	// Neg returns a with its sign bit flipped, every other bit kept, as
	// Abs. In a.
	Neg(a Value) Value

	// RoundEven returns a rounded to an integral value, ties to even, in
	// a: the sign is kept (-0.5 gives -0), ±0 and ±Inf come back as they
	// are, every |a| >= 2^23 is already integral, and a NaN comes back
	// quieted with its payload (a signaling NaN raises nothing that Go
	// sees).
	RoundEven(a Value) Value
	// ToInt32 returns a converted to int32, rounded to nearest even, in a.
	// Defined for -2^31 <= RoundEven(a) < 2^31 only: out of range, x86
	// gives 0x80000000 (NaN too), Arm saturates to the nearest of
	// -2^31 and 2^31-1 and gives 0 for NaN, and the generic path gives
	// what the machine's vector instruction gives. A description clamps
	// first (with Min and Max, or Compare and Select).
	ToInt32(a Value) Value

	// Widen returns a's float32 lanes as float64, exactly: lo the first
	// half of the lanes, in a, hi the second, a new value. A signaling NaN
	// comes back quieted, its payload in the top bits of the wider one.
	Widen(a Value) (lo, hi Value)
	// Narrow returns the float64 lanes of lo, then those of hi, as float32
	// rounded to nearest even, in lo; hi may be overwritten. Overflow
	// gives an infinity, underflow a subnormal or a zero of its sign, and a
	// NaN comes back quieted, with the top bits of its payload.
	Narrow(lo, hi Value) Value

	// IntAdd returns a+b as int32 lanes, wrapping, in a. The backends
	// that run the evaluations (evaluate.go) take 64-bit lanes too: int64.
	IntAdd(a, b Value) Value
	// ShiftLeft returns a<<n as 32-bit lanes (64-bit lanes, n < 64, where
	// IntAdd takes them), zeros shifted in, in a; n is
	// a constant, 0 <= n < 32.
	ShiftLeft(a Value, n int) Value
}
