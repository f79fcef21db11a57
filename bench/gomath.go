package bench

import "math"

// goMathPeer is what a Go user writes today for the smooth activations: a
// float32 loop that goes through float64 and package math, which has no
// float32 functions. It is the baseline the smooth kernels will be held to.
var goMathPeer = &Peer{
	Name: "gomath",
	Note: "a Go float32 loop through float64 and package math (math.Exp, math.Tanh, math.Erf, math.Expm1, math.Log1p)",
	Bind: func(fn string, _ int) PeerKernel {
		f := goMathFuncs[fn]
		if f == nil {
			return nil
		}
		return func(dst, _, x []float32) { f(dst, x) }
	},
}

var goMathFuncs = map[string]func(dst, src []float32){
	"Sigmoid":  goSigmoid,
	"Tanh":     goTanh,
	"GELU":     goGELU,
	"GELUTanh": goGELUTanh,
	"ELU":      goELU,
	"Softplus": goSoftplus,
	"Mish":     goMish,
	"SiLU":     goSiLU,
}

// Each loop is written out rather than mapped over a func(float64) float64,
// so that the compiler can inline the arithmetic around the math call as a
// user's loop would.

func goSigmoid(dst, src []float32) {
	dst = dst[:len(src)]
	for i, x := range src {
		dst[i] = float32(1 / (1 + math.Exp(-float64(x))))
	}
}

func goTanh(dst, src []float32) {
	dst = dst[:len(src)]
	for i, x := range src {
		dst[i] = float32(math.Tanh(float64(x)))
	}
}

func goGELU(dst, src []float32) {
	dst = dst[:len(src)]
	for i, x := range src {
		v := float64(x)
		dst[i] = float32(0.5 * v * (1 + math.Erf(v*(1/math.Sqrt2))))
	}
}

func goGELUTanh(dst, src []float32) {
	dst = dst[:len(src)]
	for i, x := range src {
		v := float64(x)
		dst[i] = float32(0.5 * v * (1 + math.Tanh(0.7978845608028654*(v+0.044715*v*v*v))))
	}
}

func goELU(dst, src []float32) {
	dst = dst[:len(src)]
	for i, x := range src {
		if x > 0 {
			dst[i] = x
		} else {
			dst[i] = float32(math.Expm1(float64(x)))
		}
	}
}

func goSoftplus(dst, src []float32) {
	dst = dst[:len(src)]
	for i, x := range src {
		dst[i] = float32(math.Log1p(math.Exp(float64(x))))
	}
}

func goMish(dst, src []float32) {
	dst = dst[:len(src)]
	for i, x := range src {
		v := float64(x)
		dst[i] = float32(v * math.Tanh(math.Log1p(math.Exp(v))))
	}
}

func goSiLU(dst, src []float32) {
	dst = dst[:len(src)]
	for i, x := range src {
		v := float64(x)
		dst[i] = float32(v / (1 + math.Exp(-v)))
	}
}
