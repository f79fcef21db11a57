package rounded

import (
	"math"
	"testing"
)

// TestSpecials pins the values at the special inputs that the package
// promises, independently of package oracle.
func TestSpecials(t *testing.T) {
	negZero := float32(math.Copysign(0, -1))
	inf := float32(math.Inf(1))
	tests := []struct {
		name string
		f    func(float32) float32
		in   float32
		want float32
	}{
		{"Sigmoid", Sigmoid, inf, 1},
		{"Sigmoid", Sigmoid, -inf, 0},
		{"Sigmoid", Sigmoid, 0, 0.5},
		{"Sigmoid", Sigmoid, negZero, 0.5},
		{"Sigmoid", Sigmoid, -200, 0},
		{"Tanh", Tanh, inf, 1},
		{"Tanh", Tanh, -inf, -1},
		{"Tanh", Tanh, negZero, negZero},
		{"Tanh", Tanh, math.SmallestNonzeroFloat32, math.SmallestNonzeroFloat32},
		{"Expm1", Expm1, inf, inf},
		{"Expm1", Expm1, -inf, -1},
		{"Expm1", Expm1, negZero, negZero},
		{"Expm1", Expm1, 89, inf},
		{"Expm1", Expm1, -math.SmallestNonzeroFloat32, -math.SmallestNonzeroFloat32},
		{"Softplus", Softplus, inf, inf},
		{"Softplus", Softplus, -inf, 0},
		{"Softplus", Softplus, math.MaxFloat32, math.MaxFloat32},
		{"SiLU", SiLU, inf, inf},
		{"SiLU", SiLU, -inf, negZero},
		{"SiLU", SiLU, negZero, negZero},
		{"SiLU", SiLU, -math.MaxFloat32, negZero},
		{"SiLU", SiLU, math.MaxFloat32, math.MaxFloat32},
		{"Mish", Mish, inf, inf},
		{"Mish", Mish, -inf, negZero},
		{"Mish", Mish, negZero, negZero},
		{"Mish", Mish, -math.MaxFloat32, negZero},
		{"GELU", GELU, inf, inf},
		{"GELU", GELU, -inf, negZero},
		{"GELU", GELU, 0, 0},
		{"GELU", GELU, negZero, negZero},
		{"GELU", GELU, math.MaxFloat32, math.MaxFloat32},
		{"GELU", GELU, -math.MaxFloat32, negZero},
		{"GELU", GELU, -15, negZero},
		// x/2 is a float32 midpoint at odd multiples of the smallest
		// subnormal; the positive x^2 term decides: up for x > 0, towards
		// zero for x < 0.
		{"GELU", GELU, math.SmallestNonzeroFloat32, math.SmallestNonzeroFloat32},
		{"GELU", GELU, -math.SmallestNonzeroFloat32, negZero},
		{"GELU", GELU, 3 * math.SmallestNonzeroFloat32, 2 * math.SmallestNonzeroFloat32},
		{"GELU", GELU, -3 * math.SmallestNonzeroFloat32, -math.SmallestNonzeroFloat32},
		{"GELUTanh", GELUTanh, inf, inf},
		{"GELUTanh", GELUTanh, -inf, negZero},
		{"GELUTanh", GELUTanh, 0, 0},
		{"GELUTanh", GELUTanh, negZero, negZero},
		{"GELUTanh", GELUTanh, math.MaxFloat32, math.MaxFloat32},
		{"GELUTanh", GELUTanh, -math.MaxFloat32, negZero},
		{"GELUTanh", GELUTanh, -13, negZero},
		{"GELUTanh", GELUTanh, math.SmallestNonzeroFloat32, math.SmallestNonzeroFloat32},
		{"GELUTanh", GELUTanh, -math.SmallestNonzeroFloat32, negZero},
		{"GELUTanh", GELUTanh, 3 * math.SmallestNonzeroFloat32, 2 * math.SmallestNonzeroFloat32},
		{"GELUTanh", GELUTanh, -3 * math.SmallestNonzeroFloat32, -math.SmallestNonzeroFloat32},
		{"Exp", Exp, inf, inf},
		{"Exp", Exp, -inf, 0},
		{"Exp", Exp, 0, 1},
		{"Exp", Exp, negZero, 1},
		{"Exp", Exp, 89, inf},
		{"Exp", Exp, -104, 0},
		{"Exp", Exp, math.SmallestNonzeroFloat32, 1},
		{"SiLUDerivative", SiLUDerivative, inf, 1},
		{"SiLUDerivative", SiLUDerivative, -inf, negZero},
		{"SiLUDerivative", SiLUDerivative, 0, 0.5},
		{"SiLUDerivative", SiLUDerivative, negZero, 0.5},
		{"SiLUDerivative", SiLUDerivative, math.MaxFloat32, 1},
		{"SiLUDerivative", SiLUDerivative, -math.MaxFloat32, negZero},
		{"SiLUDerivative", SiLUDerivative, -200, negZero},
		{"GELUDerivative", GELUDerivative, inf, 1},
		{"GELUDerivative", GELUDerivative, -inf, negZero},
		{"GELUDerivative", GELUDerivative, 0, 0.5},
		{"GELUDerivative", GELUDerivative, negZero, 0.5},
		{"GELUDerivative", GELUDerivative, math.MaxFloat32, 1},
		{"GELUDerivative", GELUDerivative, -math.MaxFloat32, negZero},
		{"GELUDerivative", GELUDerivative, -15, negZero},
		{"GELUTanhDerivative", GELUTanhDerivative, inf, 1},
		{"GELUTanhDerivative", GELUTanhDerivative, -inf, negZero},
		{"GELUTanhDerivative", GELUTanhDerivative, 0, 0.5},
		{"GELUTanhDerivative", GELUTanhDerivative, negZero, 0.5},
		{"GELUTanhDerivative", GELUTanhDerivative, math.MaxFloat32, 1},
		{"GELUTanhDerivative", GELUTanhDerivative, -math.MaxFloat32, negZero},
		{"GELUTanhDerivative", GELUTanhDerivative, -13, negZero},
		{"MishDerivative", MishDerivative, inf, 1},
		{"MishDerivative", MishDerivative, -inf, negZero},
		{"MishDerivative", MishDerivative, math.MaxFloat32, 1},
		{"MishDerivative", MishDerivative, -math.MaxFloat32, negZero},
		{"MishDerivative", MishDerivative, -200, negZero},
	}
	for _, tt := range tests {
		if got := tt.f(tt.in); math.Float32bits(got) != math.Float32bits(tt.want) {
			t.Errorf("%s(%g) = %g (%#08x), want %g (%#08x)", tt.name, tt.in,
				got, math.Float32bits(got), tt.want, math.Float32bits(tt.want))
		}
	}
	for _, fn := range provedFuncs {
		for _, nan := range []uint32{0x7f800001, 0xffbfffff, 0x7fc12345, 0xff812345} {
			got := math.Float32bits(fn.kernel(math.Float32frombits(nan)))
			if want := nan | 0x00400000; got != want {
				t.Errorf("%s(NaN %#08x) = %#08x, want %#08x", fn.name, nan, got, want)
			}
		}
	}
}
