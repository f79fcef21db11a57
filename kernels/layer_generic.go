package kernels

import "math"

// The generic layer kernels: pure Go, branch-free like generic.go (keepMask
// and leaky come from there), one row at a time and, within a row, one
// column after the other. For the gradient sums that order is the one the
// contract fixes: every dbias[j] (dslope[j]) takes its rows in order, and a
// vector path gets the same bits by running across columns.
//
// Every addition goes through addNaNRule and every gradient product that
// may have two NaN operands through mulNaNRule: the two places where IEEE
// 754 leaves the result open (one of the two NaNs, quieted). On one machine
// every path must give the same bits, so when both operands are NaN these
// two pick the NaN the architecture's vector instruction picks (sumOfNaNs and
// nanAlphaProduct, in nanrule_GOARCH.go), whatever order the compiler puts
// the operands of + and * in (it may swap them: it does for the unrolled
// loop of biasReLURow). The test for that is one predictable branch per
// element. The forward kernels' products (alpha*z, slope*x where m(z) or
// m(x) holds) never have a NaN z or x, so their NaN is determined.

// addNaNRule returns s + d, one binary32 addition. The operands are named
// as the kernels use them: the running sum (or src) first.
func addNaNRule(s, d float32) float32 {
	r := s + d
	if r != r && s != s && d != d {
		return math.Float32frombits(sumOfNaNs(math.Float32bits(s), math.Float32bits(d)))
	}
	return r
}

// mulNaNRule returns a*g, one binary32 multiplication (a is alpha or the
// slope, g the upstream gradient). The explicit conversion keeps the
// compiler from fusing the product into a later addition.
func mulNaNRule(a, g float32) float32 {
	r := float32(a * g)
	if r != r && a != a && g != g {
		return math.Float32frombits(nanAlphaProduct(math.Float32bits(a), math.Float32bits(g)))
	}
	return r
}

// Each kernel walks the rows with a loop of its own (a closure per row would
// cost more than a short row): n = len(dst) is a multiple of cols, and
// cols >= 1 since n > 0.

func biasReLUGeneric(dst, src, bias []float32) {
	cols := len(bias)
	if len(dst) == 0 {
		return
	}
	src = src[:len(dst)]
	for r := 0; r+cols <= len(dst); r += cols {
		biasReLURow(dst[r:r+cols:r+cols], src[r:r+cols:r+cols], bias)
	}
}

func biasReLURow(d, s, b []float32) {
	s = s[:len(d)]
	b = b[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		ss := s[i : i+4 : i+4]
		bb := b[i : i+4 : i+4]
		dd := d[i : i+4 : i+4]
		z0 := math.Float32bits(addNaNRule(ss[0], bb[0]))
		z1 := math.Float32bits(addNaNRule(ss[1], bb[1]))
		z2 := math.Float32bits(addNaNRule(ss[2], bb[2]))
		z3 := math.Float32bits(addNaNRule(ss[3], bb[3]))
		dd[0] = math.Float32frombits(z0 & keepMask(z0))
		dd[1] = math.Float32frombits(z1 & keepMask(z1))
		dd[2] = math.Float32frombits(z2 & keepMask(z2))
		dd[3] = math.Float32frombits(z3 & keepMask(z3))
	}
	for ; i < len(d); i++ {
		z := math.Float32bits(addNaNRule(s[i], b[i]))
		d[i] = math.Float32frombits(z & keepMask(z))
	}
}

func biasLeakyReLUGeneric(dst, src, bias []float32, alpha float32) {
	cols := len(bias)
	if len(dst) == 0 {
		return
	}
	src = src[:len(dst)]
	for r := 0; r+cols <= len(dst); r += cols {
		d, s := dst[r:r+cols:r+cols], src[r:r+cols:r+cols]
		b := bias[:len(d)]
		for i := range d {
			z := addNaNRule(s[i], b[i])
			d[i] = leaky(z, z, alpha)
		}
	}
}

func reluGradBiasGeneric(dst, dbias, grad, y []float32) {
	cols := len(dbias)
	if len(dst) == 0 {
		return
	}
	grad = grad[:len(dst)]
	y = y[:len(dst)]
	for r := 0; r+cols <= len(dst); r += cols {
		d, g, yy := dst[r:r+cols:r+cols], grad[r:r+cols:r+cols], y[r:r+cols:r+cols]
		acc := dbias[:len(d)]
		for i := range d {
			dz := math.Float32frombits(math.Float32bits(g[i]) & keepMask(math.Float32bits(yy[i])))
			d[i] = dz
			acc[i] = addNaNRule(acc[i], dz)
		}
	}
}

func leakyReLUGradBiasGeneric(dst, dbias, grad, y []float32, alpha float32) {
	cols := len(dbias)
	if len(dst) == 0 {
		return
	}
	grad = grad[:len(dst)]
	y = y[:len(dst)]
	for r := 0; r+cols <= len(dst); r += cols {
		d, g, yy := dst[r:r+cols:r+cols], grad[r:r+cols:r+cols], y[r:r+cols:r+cols]
		acc := dbias[:len(d)]
		for i := range d {
			dz := scaleWhere(g[i], yy[i], alpha)
			d[i] = dz
			acc[i] = addNaNRule(acc[i], dz)
		}
	}
}

// scaleWhere returns a*g where m(x) holds and g otherwise, the product
// through mulNaNRule; the select is on integers (a conditional move).
func scaleWhere(g, x, a float32) float32 {
	b := math.Float32bits(g)
	p := math.Float32bits(mulNaNRule(a, g))
	if keepMask(math.Float32bits(x)) == 0 {
		b = p
	}
	return math.Float32frombits(b)
}

func preluGeneric(dst, src, slope []float32) {
	cols := len(slope)
	if len(dst) == 0 {
		return
	}
	src = src[:len(dst)]
	for r := 0; r+cols <= len(dst); r += cols {
		d, s := dst[r:r+cols:r+cols], src[r:r+cols:r+cols]
		a := slope[:len(d)]
		for i := range d {
			d[i] = leaky(s[i], s[i], a[i])
		}
	}
}

func preluGradGeneric(dst, dslope, grad, x, slope []float32) {
	cols := len(slope)
	if len(dst) == 0 {
		return
	}
	grad = grad[:len(dst)]
	x = x[:len(dst)]
	for r := 0; r+cols <= len(dst); r += cols {
		d, g, xx := dst[r:r+cols:r+cols], grad[r:r+cols:r+cols], x[r:r+cols:r+cols]
		a, acc := slope[:len(d)], dslope[:len(d)]
		for i := range d {
			gi, xi := g[i], xx[i]
			keep := keepMask(math.Float32bits(xi)) // read x and grad before dst is written
			p := float32(xi * gi)                  // x*grad: x is not NaN where it is used
			b := math.Float32bits(gi)
			if keep == 0 {
				b = math.Float32bits(mulNaNRule(a[i], gi))
			}
			d[i] = math.Float32frombits(b)
			s := math.Float32bits(acc[i])
			sum := math.Float32bits(addNaNRule(acc[i], p))
			if keep == 0 {
				s = sum // rows with !m(x) add nothing, not +0
			}
			acc[i] = math.Float32frombits(s)
		}
	}
}
