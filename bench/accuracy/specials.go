package main

import (
	"fmt"
	"math"
	"strings"
)

// special is an input outside the finite measurement, or a region of it
// that a fast kernel is likely to cut short.
type special struct {
	label string
	x     float32
}

var (
	quietNaN     = math.Float32frombits(0x7fc01234)
	signalingNaN = math.Float32frombits(0x7f801234)
	subnormal    = float32(0x1p-140)
)

var specialInputs = []special{
	{"-Inf", float32(math.Inf(-1))},
	{"+Inf", float32(math.Inf(1))},
	{"NaN", quietNaN},
	{"sNaN", signalingNaN},
	{"-0", negZero},
	{"+0", 0},
	{"subnormal", subnormal},
	{"-subnormal", -subnormal},
}

// tailInputs are where smooth functions underflow, saturate or overflow an
// intermediate exponential.
var tailInputs = []float32{-1e4, -150, -104, -100, -95, -90, -88, -50, -20, 20, 50, 88, 90, 100, 1e4}

// reference gives the bits f should have at x.
func reference(f function, x float32) float32 {
	if f.hard {
		return hardSpecialReference(f, x)
	}
	return f.correct(x)
}

// specialsSummary runs k on the special inputs and the tails and returns
// the deviations from the reference as short text, "ok" if none.
func specialsSummary(f function, im impl) string {
	xs := make([]float32, chunkLen)
	for i, s := range specialInputs {
		xs[i] = s.x
	}
	nt := len(specialInputs)
	copy(xs[nt:], tailInputs)
	got := make([]float32, chunkLen)
	if im.shared {
		im.mu.Lock()
	}
	im.run(got, nil, xs)
	if im.shared {
		im.mu.Unlock()
	}
	atZero := map[bool]float32{}
	for i, s := range specialInputs {
		if s.x == 0 {
			atZero[math.Signbit(float64(s.x))] = got[i]
		}
	}
	var notes []string
	flushes := false
	for i, s := range specialInputs {
		want, g := reference(f, s.x), got[i]
		switch {
		case isNaN(want) && isNaN(g):
			if payload(g) != payload(want) {
				notes = append(notes, s.label+" payload lost")
			}
		case math.Float32bits(want) == math.Float32bits(g):
		case strings.HasSuffix(s.label, "subnormal") && math.Float32bits(g) == math.Float32bits(atZero[math.Signbit(float64(s.x))]):
			// It gives what it gives at the zero of the input's sign: the
			// input was flushed.
			flushes = true
		default:
			notes = append(notes, s.label+"→"+show(g))
		}
	}
	if flushes {
		notes = append(notes, "flushes subnormals")
	}
	var tails []string
	for i, x := range tailInputs {
		want, g := reference(f, x), got[nt+i]
		if distance(want, g) > 1 {
			tails = append(tails, fmt.Sprintf("%g→%s (%s)", x, show(g), show(want)))
		}
	}
	if len(tails) > 0 {
		if len(tails) > 2 {
			tails = append(tails[:2], fmt.Sprintf("%d more", len(tails)-2))
		}
		notes = append(notes, "tails "+strings.Join(tails, ", "))
	}
	if len(notes) == 0 {
		return "ok"
	}
	return strings.Join(notes, "; ")
}

func isNaN(x float32) bool { return x != x }

// payload is a NaN's sign and significand without the quiet bit: quieting
// a signaling NaN keeps it.
func payload(x float32) uint32 { return math.Float32bits(x) &^ 0x00400000 }

func show(x float32) string {
	switch {
	case isNaN(x):
		return "NaN"
	case x == 0 && math.Signbit(float64(x)):
		return "-0"
	case x == 0:
		return "+0"
	}
	return fmt.Sprintf("%.3g", x)
}

// distance is how many float32 values lie from a to b, NaN counting as far.
func distance(a, b float32) uint64 {
	if isNaN(a) || isNaN(b) {
		if isNaN(a) && isNaN(b) {
			return 0
		}
		return math.MaxUint64
	}
	oa, ob := ordered(a), ordered(b)
	if oa > ob {
		return uint64(oa - ob)
	}
	return uint64(ob - oa)
}

func ordered(x float32) int64 {
	b := math.Float32bits(x)
	if b&0x80000000 != 0 {
		return -int64(b & 0x7fffffff)
	}
	return int64(b)
}
