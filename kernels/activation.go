package kernels

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unsafe"
)

// Activation is a hidden-layer nonlinearity as a value: one of the
// package's activations with its scalars (ReLU; LeakyReLU with its alpha;
// ...). A layer takes one as a parameter and calls its methods, which run
// this package's kernels; a configuration file names one as text ("relu",
// "leaky_relu(0.2)"), through ParseActivation or, in JSON, YAML or any
// encoding that uses encoding.TextUnmarshaler, directly. Its constructors
// and the methods that run the kernels are generated with the kernels
// (activations.go).
//
// The zero Activation is the identity (a linear layer, Keras'
// activation=None), never a nonlinearity the caller did not choose.
// Activations are comparable: two are == when
// they compute the same function bit for bit (scalars compared by bits, so
// -0 and +0 differ, and a NaN alpha equals itself).
type Activation struct {
	kind    uint8              // its row of activations
	scalars [maxScalars]uint32 // the scalars' bits, so that == compares bits; zero past its own
}

// An activationRow is what ParseActivation and String know of an
// activation.
type activationRow struct {
	text    string   // the canonical name, as String writes it
	aliases []string // other spellings, for the error that lists the names
	hint    string   // follows the error for a parameter given to one that takes none
	params  []activationParam
}

// An activationParam is one scalar of an activation, as text names it.
type activationParam struct {
	name       string
	keys       []string // the keywords it may be given by ("alpha", "negative_slope")
	def        float32  // its value when the text gives none, if hasDefault
	hasDefault bool
}

// nanBound is the bounds of the identity's HardTanh kernels: no ordered
// comparison with NaN holds, so every value passes with its bits.
var nanBound = float32(math.NaN())

// scalar returns scalar i.
func (a Activation) scalar(i int) float32 { return math.Float32frombits(a.scalars[i]) }

// DefaultLeakyReLUAlpha is the alpha of "leaky_relu" and "LeakyReLU" given
// without one: 0.01, as in PyTorch (negative_slope=0.01), ONNX (LeakyRelu's
// alpha) and Maas et al. 2013, which introduced the leaky rectifier. Keras
// differs (keras.layers.LeakyReLU defaults to 0.3, keras.activations and
// tf.nn.leaky_relu to 0.2), so a configuration meant for both should spell
// its alpha out. 0.01 was chosen because models most often reach Go through
// PyTorch or ONNX exports, and a name that silently changed the function by
// a factor of 30 from those would be the worse surprise.
const DefaultLeakyReLUAlpha = 0.01

// IsLeaky reports whether a is LeakyReLU.
func (a Activation) IsLeaky() bool { return activations[a.kind].text == "leaky_relu" }

// Alpha returns LeakyReLU's alpha, and 0 for any other activation.
func (a Activation) Alpha() float32 {
	if !a.IsLeaky() {
		return 0
	}
	return a.scalar(0)
}

// String returns the canonical name: "identity", "relu", "relu6",
// "hardsigmoid", "hardswish", or "leaky_relu(alpha)" with alpha always written out, in the shortest form that parses back to
// the same float32 ("leaky_relu(0.2)", "leaky_relu(-0)", "leaky_relu(+Inf)",
// "leaky_relu(1e-45)"). ParseActivation(a.String()) == a for every a except
// one with a NaN scalar other than 0x7FC00000, which comes back as that
// quiet NaN: a NaN's payload has no text form.
func (a Activation) String() string {
	row := activations[a.kind]
	if len(row.params) == 0 {
		return row.text
	}
	var s []string
	for i := range row.params {
		s = append(s, strconv.FormatFloat(float64(a.scalar(i)), 'g', -1, 32))
	}
	return row.text + "(" + strings.Join(s, ", ") + ")"
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

// knownActivations is what the error for an unknown name lists: every
// canonical name (with its parameters, when it takes some), then the
// other spellings.
func knownActivations() string {
	var names, also []string
	for _, row := range activations {
		var keys []string
		for _, p := range row.params {
			keys = append(keys, p.name)
		}
		if len(keys) == 0 || row.params[0].hasDefault {
			names = append(names, strconv.Quote(row.text))
		}
		if len(keys) > 0 {
			names = append(names, strconv.Quote(row.text+"("+strings.Join(keys, ", ")+")"))
		}
		for _, al := range row.aliases {
			also = append(also, strconv.Quote(al))
		}
		for _, p := range row.params {
			for _, k := range p.keys {
				also = append(also, strconv.Quote(row.text+"("+k+"=…)"))
			}
		}
	}
	return "known: " + strings.Join(names, ", ") + " (also " + strings.Join(also, ", ") + ")"
}

// ParseActivation parses an activation's name, as written by String and by
// the usual frameworks (PyTorch's module reprs as printed, its functional
// names, Keras' and ONNX's names):
//
//	identity, linear, Identity()                 the zero Activation: no nonlinearity
//	relu, ReLU, relu(), ReLU(inplace=True)
//	leaky_relu, LeakyReLU, leaky_relu()          alpha = DefaultLeakyReLUAlpha (0.01)
//	leaky_relu(0.2), LeakyReLU(0.2), LeakyRelu(alpha=0.2)
//	leaky_relu(alpha=0.2), LeakyReLU(alpha=0.3)  Keras, ONNX
//	LeakyReLU(negative_slope=0.2, inplace=True)  PyTorch
//	relu6, ReLU6, ReLU6(inplace=True)
//	hardsigmoid, Hardsigmoid(), hard_sigmoid     PyTorch's relu6(x+3)/6 (Keras 3's too)
//	hardswish, Hardswish(), HardSwish, hard_silu
//	hardtanh, Hardtanh(min_val=-1.0, max_val=1.0), hardtanh(0, 6)   lo, hi = -1, 1 by default
//
// Case, spaces, '_' and '-' in the name and the keyword do not matter
// ("Leaky ReLU", "leaky-relu", "LEAKY_RELU( Alpha = 0.2 )"). The parameters
// are given in order, or by keyword, separated by commas; PyTorch's
// inplace=True or inplace=False is accepted by every activation and changes
// nothing (every function here may run in place). A parameter the
// activation does not have is an error that names it: ONNX's HardSigmoid
// with its alpha and beta, say, which is a different function from
// PyTorch's (slope 0.2, not 1/6).
//
// alpha is any float32 that strconv.ParseFloat reads ("1e-3", "-0", "inf",
// "NaN"), rounded to the nearest float32. A literal that float32 cannot
// hold is an error that says it is out of range: beyond the largest float32
// (write inf for an infinite alpha), or not zero but so small that it
// rounds to 0 (below half the smallest subnormal, about 7e-46; write 0 for a
// zero alpha). Between that and the smallest normal float32 (about 1.2e-38)
// a literal rounds to a subnormal, with fewer significant bits, and is
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
	kind := -1
	for i, row := range activations {
		for _, n := range append([]string{row.text}, row.aliases...) {
			if normalizeName(n) == normalizeName(name) {
				kind = i
			}
		}
	}
	if kind < 0 {
		return Activation{}, errors.New("kernels: unknown activation " + strconv.Quote(s) + "; " + knownActivations())
	}
	kind, args, err := applyChoices(kind, args)
	if err != "" {
		return Activation{}, errors.New("kernels: activation " + strconv.Quote(s) + ": " + err)
	}
	row, a := activations[kind], Activation{kind: uint8(kind)}
	bad := func(msg string) (Activation, error) {
		return Activation{}, errors.New("kernels: activation " + strconv.Quote(s) + ": " + msg)
	}
	none := func(msg string) (Activation, error) {
		if row.hint != "" {
			msg += " (" + row.hint + ")"
		}
		return bad(msg)
	}
	var items []string
	if args != "" {
		items = strings.Split(args, ",")
	}
	given := make([]bool, len(row.params))
	next := 0 // the next positional parameter
	for _, item := range items {
		item = strings.TrimSpace(item)
		i := next
		value := item
		if key, v, ok := strings.Cut(item, "="); ok {
			key, value = strings.TrimSpace(key), strings.TrimSpace(v)
			if normalizeName(key) == "inplace" {
				if _, err := strconv.ParseBool(value); err != nil {
					return bad("inplace " + strconv.Quote(value) + " is not True or False")
				}
				continue
			}
			i = -1
			var keys []string
			for j, p := range row.params {
				for _, k := range p.keys {
					keys = append(keys, k)
					if normalizeName(key) == normalizeName(k) {
						i = j
					}
				}
			}
			switch {
			case i < 0 && len(keys) == 0:
				return none(row.text + " has no parameter " + strconv.Quote(key))
			case i < 0:
				return bad("unknown parameter " + strconv.Quote(key) + " (want " + strings.Join(keys, " or ") + ")")
			}
		} else {
			switch {
			case len(row.params) == 0:
				return none(row.text + " takes no parameter")
			case next >= len(row.params):
				return bad(row.text + " takes " + plural(len(row.params), "parameter"))
			}
			next++
		}
		p := row.params[i]
		if given[i] {
			return bad(p.name + " is given twice")
		}
		given[i] = true
		f, err := strconv.ParseFloat(value, scalarBits)
		if errors.Is(err, strconv.ErrRange) {
			return bad(p.name + " " + strconv.Quote(value) + " is out of range: beyond the largest float32, " + scalarText(math.MaxFloat32) + " (write inf for an infinite " + p.name + ")")
		}
		if err != nil {
			return bad(p.name + " " + strconv.Quote(value) + " is not a number")
		}
		if f == 0 && nonZeroLiteral(value) {
			return bad(p.name + " " + strconv.Quote(value) + " is out of range: not zero, but too small for a float32 (below half the smallest, " + scalarText(math.SmallestNonzeroFloat32) + "), it rounds to 0 (write 0 for a zero " + p.name + ")")
		}
		a.scalars[i] = math.Float32bits(float32(f))
	}
	for i, p := range row.params {
		if given[i] {
			continue
		}
		if !p.hasDefault {
			return bad(row.text + " needs " + p.name)
		}
		a.scalars[i] = math.Float32bits(p.def)
	}
	return a, nil
}

// scalarBits is the size of a scalar in bits, as strconv takes it.
const scalarBits = 8 * int(unsafe.Sizeof(float32(0)))

// scalarText is x as the shortest text that parses back to it.
func scalarText(x float32) string { return strconv.FormatFloat(float64(x), 'g', -1, scalarBits) }

// plural returns "1 parameter" or "n parameters".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
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

// A choice is a keyword parameter whose value picks the function, or must
// be one this library's function honours, rather than set a scalar:
// GELU's approximate (PyTorch's 'none' or 'tanh', Keras' False or True),
// Softplus' beta and threshold.
type choice struct {
	text, key string
	// to maps each value accepted (lower case, without quotes; numbers
	// compared as numbers) to the activation it makes.
	to map[string]string
	// atLeast, when not 0: every number at least this is accepted.
	atLeast float64
	why     string // what the error adds for any other value
}

var choices = []choice{
	{"gelu", "approximate", map[string]string{"none": "gelu", "false": "gelu", "tanh": "gelu_tanh", "true": "gelu_tanh"}, 0,
		"want 'none' or 'tanh' (PyTorch), False or True (Keras)"},
	{"gelu_tanh", "approximate", map[string]string{"tanh": "gelu_tanh", "true": "gelu_tanh"}, 0,
		"gelu_tanh is approximate='tanh'; for approximate='none' use gelu"},
	{"softplus", "beta", map[string]string{"1": "softplus"}, 0,
		"only beta=1 is provided (PyTorch's Softplus(beta) is log(1+e^(beta*x))/beta)"},
	// Where x > threshold PyTorch returns x, which is the correctly rounded
	// softplus(x) for every x > softplusLinear (e^-x is below half an ulp
	// of x there): any threshold from there on gives the same function.
	{"softplus", "threshold", nil, softplusLinear,
		fmt.Sprintf("thresholds below %v are not provided: above %v x is the correctly rounded softplus(x), below it x is not", softplusLinear, softplusLinear)},
}

// applyChoices takes the choices out of args, the text between the
// parentheses, and returns the activation they make and the rest of args;
// or a message for a value that none accepts.
func applyChoices(kind int, args string) (int, string, string) {
	if args == "" {
		return kind, args, ""
	}
	text := activations[kind].text
	var rest []string
	for _, item := range strings.Split(args, ",") {
		key, value, ok := strings.Cut(item, "=")
		c := -1
		for i, ch := range choices {
			if ok && ch.text == text && normalizeName(key) == normalizeName(ch.key) {
				c = i
			}
		}
		if c < 0 {
			rest = append(rest, item)
			continue
		}
		ch := choices[c]
		v := strings.ToLower(strings.Trim(strings.TrimSpace(value), `'"`))
		to, num := "", math.NaN()
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			num = f
		}
		for k, act := range ch.to {
			if f, err := strconv.ParseFloat(k, 64); k == v || err == nil && f == num {
				to = act
			}
		}
		if to == "" && ch.atLeast != 0 && num >= ch.atLeast {
			to = text
		}
		if to == "" {
			return kind, args, ch.key + " " + strconv.Quote(strings.TrimSpace(value)) + ": " + ch.why
		}
		for i, row := range activations {
			if row.text == to {
				kind = i
			}
		}
	}
	return kind, strings.Join(rest, ","), ""
}
