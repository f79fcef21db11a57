package kernel

// Checks are one elementwise kernel per operation of Arith, each
// dst[i] = op(a[i], ...): what internal/lanecheck runs on every path (every
// backend emits them as it emits the kernels of package kernels) to hold
// the paths to the same bits. Not part of package kernels.
var Checks = []Kernel{
	check("sub", "a[i] - b[i]", 2, func(l Lane) Value { return l.Sub(l.In(0), l.In(1)) }),
	check("div", "a[i] / b[i]", 2, func(l Lane) Value { return l.Div(l.In(0), l.In(1)) }),
	check("fma", "a[i]*b[i] + c[i], one rounding", 3, func(l Lane) Value { return l.FMA(l.In(0), l.In(1), l.In(2)) }),
	check("abs", "|a[i]|, bits", 1, func(l Lane) Value { return l.Abs(l.In(0)) }),
	check("neg", "-a[i], bits", 1, func(l Lane) Value { return l.Neg(l.In(0)) }),
	check("roundEven", "a[i] rounded to an integer, ties to even", 1, func(l Lane) Value { return l.RoundEven(l.In(0)) }),
	check("toInt32", "the bits of int32(a[i]), rounded to nearest even", 1, func(l Lane) Value { return l.ToInt32(l.In(0)) }),
	check("intAdd", "the bits of a[i] + b[i] as int32", 2, func(l Lane) Value { return l.IntAdd(l.In(0), l.In(1)) }),
	check("shiftLeft23", "the bits of a[i] << 23", 1, func(l Lane) Value { return l.ShiftLeft(l.In(0), 23) }),
	check("shiftLeft1", "the bits of a[i] << 1", 1, func(l Lane) Value { return l.ShiftLeft(l.In(0), 1) }),
	check("widenNarrow", "a[i] through float64 and back", 1, func(l Lane) Value { return l.Narrow(l.Widen(l.In(0))) }),
	check("add64", "a[i] + b[i] in float64, rounded to float32", 2, func(l Lane) Value {
		alo, ahi := l.Widen(l.In(0))
		blo, bhi := l.Widen(l.In(1))
		return l.Narrow(l.Add(alo, blo), l.Add(ahi, bhi))
	}),
	check("mul64", "a[i] * b[i] in float64, rounded to float32", 2, func(l Lane) Value {
		alo, ahi := l.Widen(l.In(0))
		blo, bhi := l.Widen(l.In(1))
		return l.Narrow(l.Mul(alo, blo), l.Mul(ahi, bhi))
	}),
	check("sub64", "a[i] - b[i] in float64, rounded to float32", 2, func(l Lane) Value {
		alo, ahi := l.Widen(l.In(0))
		blo, bhi := l.Widen(l.In(1))
		return l.Narrow(l.Sub(alo, blo), l.Sub(ahi, bhi))
	}),
	check("div64", "a[i] / b[i] in float64, rounded to float32", 2, func(l Lane) Value {
		alo, ahi := l.Widen(l.In(0))
		blo, bhi := l.Widen(l.In(1))
		return l.Narrow(l.Div(alo, blo), l.Div(ahi, bhi))
	}),
	check("fma64", "a[i]*b[i] + c[i] in float64, rounded to float32", 3, func(l Lane) Value {
		alo, ahi := l.Widen(l.In(0))
		blo, bhi := l.Widen(l.In(1))
		clo, chi := l.Widen(l.In(2))
		return l.Narrow(l.FMA(alo, blo, clo), l.FMA(ahi, bhi, chi))
	}),
}

func check(name, doc string, inputs int, op func(Lane) Value) Kernel {
	return Kernel{Name: name, Inputs: []string{"a", "b", "c"}[:inputs], Doc: "dst[i] = " + doc, Op: op}
}
