package main

import (
	"io"
	"math"
	"testing"
)

// smokeInputs is a sample small enough for every test run, with the dense
// part in [-20, 20] as in the full measurement.
var smokeInputs = inputSet{stride: 1 << 20, near: 1 << 17}

func TestRoundedIsCorrectlyRounded(t *testing.T) {
	for _, f := range smoothFunctions() {
		impls := implementations(f)
		st := measure(f, impls, smokeInputs)
		k := rowOf(t, impls, "fastrelu")
		s := st[k]
		if s.inputs == 0 {
			t.Fatalf("%s: no inputs measured", f.name)
		}
		if s.maxULP > 0.5 || s.notCorrect != 0 {
			t.Errorf("%s: rounded's max error %v ulp at %g, %d not correctly rounded", f.name, s.maxULP, s.maxAt, s.notCorrect)
		}
		if got := specialsSummary(f, impls[k]); got != "ok" {
			t.Errorf("%s: rounded's specials: %s", f.name, got)
		}
	}
}

// TestHardGivesPyTorchBits holds package kernels' hard functions to
// PyTorch's formula, bit for bit, on the sample and at the special inputs
// (where HardSwish(-Inf) is the one documented difference, built into the
// reference).
func TestHardGivesPyTorchBits(t *testing.T) {
	for _, f := range hardFunctions() {
		impls := implementations(f)
		st := measure(f, impls, smokeInputs)
		k := rowOf(t, impls, "fastrelu")
		if s := st[k]; s.torchDiffers != 0 {
			t.Errorf("%s: %d outputs differ from PyTorch's formula, first at %g", f.name, s.torchDiffers, s.torchFirst)
		}
		if got := specialsSummary(f, impls[k]); got != "ok" {
			t.Errorf("%s: specials: %s", f.name, got)
		}
	}
	if got := hardSpecialReference(hardFunctions()[4], float32(math.Inf(-1))); math.Float32bits(got) != 0x80000000 {
		t.Errorf("HardSwish(-Inf) reference is %v, want -0", got)
	}
}

func TestULPError(t *testing.T) {
	for _, c := range []struct {
		got  float32
		ref  float64
		want float64
	}{
		{1, 1, 0},
		{1, 1 + 0x1p-24, 0.5},
		{math.Nextafter32(1, 2), 1, 1},
		{0, 0x1p-149, 1},
		{0, 0x1p-126, 0x1p23},
		{float32(math.Inf(1)), 3, math.Inf(1)},
		{float32(math.NaN()), 3, math.Inf(1)},
	} {
		if e := ulpError(c.got, c.ref); e != c.want {
			t.Errorf("ulpError(%g, %g) = %g, want %g", c.got, c.ref, e, c.want)
		}
	}
}

func TestPageWrites(t *testing.T) {
	fs := selected("ReLU,Sigmoid")
	if len(fs) != 2 {
		t.Fatalf("selected %d functions, want 2", len(fs))
	}
	if err := writePage(io.Discard, smokeInputs, fs, "go run ./accuracy"); err != nil {
		t.Fatal(err)
	}
}

func rowOf(t *testing.T, impls []impl, name string) int {
	t.Helper()
	for k, im := range impls {
		if im.name == name {
			return k
		}
	}
	t.Fatalf("no %s row", name)
	return -1
}
