package kernels

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// Activation is a hidden-layer nonlinearity as a value: ReLU, or LeakyReLU
// with its alpha. A layer takes one as a parameter and calls its methods,
// which run this package's kernels; a configuration file names one as text
// ("relu", "leaky_relu(0.2)"), through ParseActivation or, in JSON, YAML or
// any encoding that uses encoding.TextUnmarshaler, directly.
//
// The zero Activation is ReLU. Activations are comparable: two are == when
// they compute the same function bit for bit (alphas compared by bits, so
// -0 and +0 differ, and a NaN alpha equals itself).
type Activation struct {
	leaky bool
	alpha uint32 // alpha's bits, so that == compares bits
}

// DefaultLeakyReLUAlpha is the alpha of "leaky_relu" and "LeakyReLU" given
// without one: 0.01, as in PyTorch (negative_slope=0.01), ONNX (LeakyRelu's
// alpha) and Maas et al. 2013, which introduced the leaky rectifier. Keras
// differs (keras.layers.LeakyReLU defaults to 0.3, keras.activations and
// tf.nn.leaky_relu to 0.2), so a configuration meant for both should spell
// its alpha out. 0.01 was chosen because models most often reach Go through
// PyTorch or ONNX exports, and a name that silently changed the function by
// a factor of 30 from those would be the worse surprise.
const DefaultLeakyReLUAlpha = 0.01

// ReLUActivation returns ReLU as an Activation (the zero Activation).
func ReLUActivation() Activation { return Activation{} }

// LeakyReLUActivation returns LeakyReLU with the given alpha, any value
// (the kernels accept them all).
func LeakyReLUActivation(alpha float32) Activation {
	return Activation{leaky: true, alpha: math.Float32bits(alpha)}
}

// IsLeaky reports whether a is LeakyReLU (rather than ReLU).
func (a Activation) IsLeaky() bool { return a.leaky }

// Alpha returns LeakyReLU's alpha, and 0 for ReLU.
func (a Activation) Alpha() float32 { return math.Float32frombits(a.alpha) }

// GradientFromOutput reports whether Gradient and BiasGradient may be given
// the forward output y in place of the pre-activation: true for ReLU and
// for LeakyReLU with a finite alpha > 0. A layer that sees false keeps its
// pre-activations for the backward pass.
func (a Activation) GradientFromOutput() bool {
	if !a.leaky {
		return true
	}
	al := a.Alpha()
	return al > 0 && al <= math.MaxFloat32
}

// Forward sets dst to the activation of src: ReLU or LeakyReLU.
func (a Activation) Forward(dst, src []float32) {
	if a.leaky {
		LeakyReLU(dst, src, math.Float32frombits(a.alpha))
	} else {
		ReLU(dst, src)
	}
}

// Gradient sets dst to the activation's gradient at y times grad:
// ReLUGrad or LeakyReLUGrad. y is the forward output where
// GradientFromOutput holds, the pre-activation otherwise (always valid).
func (a Activation) Gradient(dst, grad, y []float32) {
	if a.leaky {
		LeakyReLUGrad(dst, grad, y, math.Float32frombits(a.alpha))
	} else {
		ReLUGrad(dst, grad, y)
	}
}

// BiasForward sets dst to the activation of src + bias, the bias broadcast
// over the rows of the row-major matrix src: BiasReLU or BiasLeakyReLU.
func (a Activation) BiasForward(dst, src, bias []float32) {
	if a.leaky {
		BiasLeakyReLU(dst, src, bias, math.Float32frombits(a.alpha))
	} else {
		BiasReLU(dst, src, bias)
	}
}

// BiasGradient sets dst as Gradient does and adds its column sums to dbias,
// in row order: ReLUGradBias or LeakyReLUGradBias. dbias is added to, not
// overwritten: zero it first for a plain sum.
func (a Activation) BiasGradient(dst, dbias, grad, y []float32) {
	if a.leaky {
		LeakyReLUGradBias(dst, dbias, grad, y, math.Float32frombits(a.alpha))
	} else {
		ReLUGradBias(dst, dbias, grad, y)
	}
}

// String returns the canonical name: "relu", or "leaky_relu(alpha)" with
// alpha always written out, in the shortest form that parses back to the
// same float32 ("leaky_relu(0.2)", "leaky_relu(-0)", "leaky_relu(+Inf)",
// "leaky_relu(1e-45)"). ParseActivation(a.String()) == a for every a except
// one with a NaN alpha other than 0x7FC00000, which comes back as that
// quiet NaN: a NaN's payload has no text form.
func (a Activation) String() string {
	if !a.leaky {
		return "relu"
	}
	return "leaky_relu(" + strconv.FormatFloat(float64(a.Alpha()), 'g', -1, 32) + ")"
}

// MarshalText implements encoding.TextMarshaler: the text is String's.
func (a Activation) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with ParseActivation.
func (a *Activation) UnmarshalText(text []byte) error {
	v, err := ParseActivation(string(text))
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// knownActivations is what the error for an unknown name lists.
const knownActivations = `known: "relu", "leaky_relu", "leaky_relu(alpha)"` +
	` (also "ReLU", "LeakyReLU", "leaky_relu(alpha=0.2)", "leaky_relu(negative_slope=0.2)")`

// ParseActivation parses an activation's name, as written by String and by
// the usual frameworks:
//
//	relu, ReLU, relu()
//	leaky_relu, LeakyReLU, leaky_relu()          alpha = DefaultLeakyReLUAlpha (0.01)
//	leaky_relu(0.2), LeakyReLU(0.2)
//	leaky_relu(alpha=0.2), LeakyReLU(alpha=0.3)  Keras
//	leaky_relu(negative_slope=0.2)               PyTorch
//
// Case, spaces, '_' and '-' in the name and the keyword do not matter
// ("Leaky ReLU", "leaky-relu", "LEAKY_RELU( Alpha = 0.2 )"). alpha is any
// float32 that strconv.ParseFloat reads ("1e-3", "-0", "inf", "NaN"),
// rounded to the nearest float32. A literal that float32 cannot hold is an
// error that says it is out of range: beyond the largest float32 (write
// inf for an infinite alpha), or not zero but so small that it rounds to 0
// (below half the smallest subnormal, about 7e-46; write 0 for a zero
// alpha). Between that and the smallest normal float32 (about 1.2e-38) a
// literal rounds to a subnormal, with fewer significant bits, and is
// accepted: such alphas are valid, and String writes them. Anything else is
// an error that quotes s and lists the known names.
func ParseActivation(s string) (Activation, error) {
	t := strings.TrimSpace(s)
	name, args := t, ""
	if i := strings.IndexByte(t, '('); i >= 0 {
		if !strings.HasSuffix(t, ")") {
			return Activation{}, errors.New("kernels: activation " + strconv.Quote(s) + ": missing ')'")
		}
		name, args = t[:i], strings.TrimSpace(t[i+1:len(t)-1])
	}
	switch normalizeName(name) {
	case "relu":
		if args != "" {
			return Activation{}, errors.New("kernels: activation " + strconv.Quote(s) +
				": relu takes no parameter (for a negative slope use leaky_relu(alpha))")
		}
		return Activation{}, nil
	case "leakyrelu":
		if args == "" {
			return LeakyReLUActivation(DefaultLeakyReLUAlpha), nil
		}
		value := args
		if key, v, ok := strings.Cut(args, "="); ok {
			if k := normalizeName(key); k != "alpha" && k != "negativeslope" {
				return Activation{}, errors.New("kernels: activation " + strconv.Quote(s) + ": unknown parameter " +
					strconv.Quote(strings.TrimSpace(key)) + " (want alpha or negative_slope)")
			}
			value = strings.TrimSpace(v)
		}
		alpha, err := strconv.ParseFloat(value, 32)
		if errors.Is(err, strconv.ErrRange) {
			return Activation{}, errors.New("kernels: activation " + strconv.Quote(s) + ": alpha " +
				strconv.Quote(value) + " is out of range: beyond the largest float32, 3.4028235e+38 (write inf for an infinite alpha)")
		}
		if err != nil {
			return Activation{}, errors.New("kernels: activation " + strconv.Quote(s) + ": alpha " +
				strconv.Quote(value) + " is not a number")
		}
		if alpha == 0 && nonZeroLiteral(value) {
			return Activation{}, errors.New("kernels: activation " + strconv.Quote(s) + ": alpha " +
				strconv.Quote(value) + " is out of range: not zero, but too small for a float32 (below half the smallest, 1e-45), it rounds to 0 (write 0 for a zero alpha)")
		}
		return LeakyReLUActivation(float32(alpha)), nil
	}
	return Activation{}, errors.New("kernels: unknown activation " + strconv.Quote(s) + "; " + knownActivations)
}

// nonZeroLiteral reports whether the number s, which strconv.ParseFloat
// has read, has a non-zero digit before its exponent.
func nonZeroLiteral(s string) bool {
	s = strings.TrimLeft(s, "+-")
	hex := len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')
	if hex {
		s = s[2:]
	}
	for _, c := range s {
		switch {
		case c >= '1' && c <= '9', hex && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'):
			return true
		case c != '0' && c != '.' && c != '_':
			return false // the exponent
		}
	}
	return false
}

// normalizeName lowercases s and drops spaces, '_' and '-'.
func normalizeName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == ' ' || r == '\t' || r == '_' || r == '-':
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + ('a' - 'A'))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
