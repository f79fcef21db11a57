package kerneltest_test

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"unsafe"

	"github.com/fastrelu/fastrelu/internal/impl"
	"github.com/fastrelu/fastrelu/internal/kerneltest"
	_ "github.com/fastrelu/fastrelu/kernels" // fills the table
)

// recorder is a testing.TB whose Fatalf records the message and goes on.
type recorder struct {
	testing.TB
	msg string
}

func (r *recorder) Fatalf(format string, args ...any) {
	if r.msg == "" {
		r.msg = strings.TrimSpace(fmt.Sprintf(format, args...))
	}
}

func TestEqualBits(t *testing.T) {
	negZero := float32(math.Copysign(0, -1))
	nan := func(b uint32) float32 { return math.Float32frombits(b) }
	for _, c := range []struct {
		want, got []float32
		fail      string
	}{
		{[]float32{1, 0}, []float32{1, 0}, ""},
		{[]float32{nan(0x7fc00001)}, []float32{nan(0x7fc00001)}, ""},
		{[]float32{1, 0, 0}, []float32{1, negZero, negZero}, "x: element 1: got 0x80000000, want 0x00000000 (2 of 3 elements differ)"},
		{[]float32{nan(0x7fc00001)}, []float32{nan(0x7fc00002)}, "x: element 0: got 0x7fc00002, want 0x7fc00001 (1 of 1 elements differ)"},
		{[]float32{1}, []float32{1, 2}, "x: length 2, want 1"},
	} {
		r := &recorder{TB: t}
		kerneltest.EqualBits(r, c.want, c.got, "x")
		if r.msg != c.fail {
			t.Errorf("EqualBits(%v, %v): %q, want %q", c.want, c.got, r.msg, c.fail)
		}
	}
}

func TestMisaligned(t *testing.T) {
	for off := range 8 {
		f, buf := kerneltest.MisalignedGuarded(5, off)
		if len(f) != 5 || cap(f) != 5 || uintptr(unsafe.Pointer(&f[0]))%64 != uintptr(off) {
			t.Fatalf("off %d: len %d cap %d address %% 64 = %d", off, len(f), cap(f), uintptr(unsafe.Pointer(&f[0]))%64)
		}
		f[0], f[4] = -1, math.Float32frombits(0xffffffff)
		kerneltest.CheckGuardBytes(t, f, buf, "untouched")
		(*[6]float32)(unsafe.Pointer(&f[0]))[5] = 1 // one past the end
		r := &recorder{TB: t}
		kerneltest.CheckGuardBytes(r, f, buf, "written")
		if !strings.Contains(r.msg, "after the slice") {
			t.Errorf("off %d: a write past the end: %q", off, r.msg)
		}
	}
}

func TestCanary(t *testing.T) {
	buf := make([]float32, 10)
	kerneltest.FillCanary(buf)
	buf[3] = 0
	kerneltest.CheckCanary(t, buf, 3, 4, "inside")
	r := &recorder{TB: t}
	kerneltest.CheckCanary(r, buf, 4, 5, "outside")
	if !strings.Contains(r.msg, "element 3") {
		t.Errorf("a write outside the window: %q", r.msg)
	}
}

func TestRows(t *testing.T) {
	var ran []string
	kerneltest.Rows(t, func(t *testing.T, r impl.Impl) { ran = append(ran, r.Name) })
	var want []string
	for _, r := range impl.All() {
		if r.Available {
			want = append(want, r.Name)
		}
	}
	want = append(want, "public")
	if strings.Join(ran, ",") != strings.Join(want, ",") {
		t.Errorf("Rows ran %v, want %v", ran, want)
	}
	if g := kerneltest.Generic(); g.Name != "generic" {
		t.Errorf("Generic() is %q", g.Name)
	}
}

func TestRandomInputsDeterministic(t *testing.T) {
	a, b := kerneltest.RandomInputs(100, 7), kerneltest.RandomInputs(100, 7)
	kerneltest.EqualBits(t, a, b, "same seed")
}
