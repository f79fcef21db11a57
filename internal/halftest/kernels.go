package halftest

// The kernels of the storage packages, each checked against
// internal/kerneltest's reference of the float32 kernel of the same name,
// its inputs widened and its value narrowed by the format's own reference
// conversions (RefWiden, RefNarrow), on every input (all 2^16 for a forward
// kernel; for a gradient, every x with a sample of grad values, or all 2^32
// (grad, x) pairs with FASTRELU_SWEEP=full, or those pairs' digest against
// the one such a run recorded with FASTRELU_SWEEP=digests); and their
// handling of lengths, chunks, aliasing, bad arguments and memory.

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"unsafe"

	"github.com/fastrelu/fastrelu/internal/half"
	"github.com/fastrelu/fastrelu/internal/kerneltest"
	"github.com/fastrelu/fastrelu/internal/oracle"
)

// Kernel is one kernel of a storage package, called as internal/kerneltest
// calls the float32 kernel of the same Name: v is src (forward) or grad,
// x the gradient's second input, a the one test scalar.
type Kernel[T ~uint16] struct {
	Name string
	Call func(dst, v, x []T, a float32)
}

// alphas are the test scalars of the kernels that take one.
var alphas = []float32{0.01, 1, -0.3, 1.5}

// grads returns the grad values a gradient kernel is checked with at every
// x: all 2^16 with full, otherwise zeros, ones, subnormals, infinities and
// NaNs of both signs in either format, and every 4099th pattern (emulators
// run this too).
func grads(full bool) (gs []uint16, how string) {
	if full {
		for p := range 1 << 16 {
			gs = append(gs, uint16(p))
		}
		return gs, "all 2^32 (grad, x) pairs"
	}
	gs = []uint16{0x0000, 0x8000, 0x0001, 0x8001, 0x0040, 0x3c00, 0xbc00, 0x3f80, 0xbf80,
		0x4580, 0x7bff, 0x7f7f, 0x7c00, 0xfc00, 0x7f80, 0xff80, 0x7e00, 0xfe00, 0x7c01, 0x7fc1, 0xff81, 0x7f81}
	for p := 4099; p < 1<<16; p += 4099 {
		gs = append(gs, uint16(p))
	}
	return gs, fmt.Sprintf("every x with %d grad values (special ones, every 4099th pattern)", len(gs))
}

// checker holds what the checks need: every value of the format widened
// by RefWiden, and the narrowing: the package's FromFloat32, which All
// proves equal to RefNarrow on all 2^32 float32 (it is many times faster,
// and the 2^32 pairs of a gradient narrow 2^32 values each).
type checker struct {
	Format
	wide   []float32
	narrow func(float32) uint16
	// exact holds, for a correctly rounded kernel, its value at every
	// input of the format: internal/oracle's, rounded to the format; -1
	// where -short leaves the oracle out (see oracle).
	exact map[string][]int32
}

func newChecker(f Format, c Conversions) *checker {
	k := &checker{Format: f, wide: make([]float32, 1<<16), narrow: c.FromFloat32, exact: map[string][]int32{}}
	for b := range k.wide {
		k.wide[b] = math.Float32frombits(f.RefWiden(uint16(b)))
	}
	return k
}

// Kernels runs every test of ks, a subtest each.
func Kernels[T ~uint16](t *testing.T, format Format, c Conversions, ks []Kernel[T]) {
	f := newChecker(format, c)
	names := map[string]bool{}
	for _, k := range ks {
		names[k.Name] = true
		run(t, f, k)
	}
	// Every float32 elementwise kernel has its storage form: the table is
	// generated, so this only catches a generator that leaves one out.
	for _, k := range kerneltest.Kernels {
		if !names[k.Name] {
			t.Errorf("%s has no %s form", k.Name, f.Name)
		}
	}
}

// Fused runs every test of the kernels of ks that fused names on each
// path of flags and the generic one, a subtest each: the kernels with
// fused forms, whose vector code depends on the package's flags (the
// others' on package kernels' path, which Kernels tests). With no flags
// (no fused kernels in the build) it skips.
func Fused[T ~uint16](t *testing.T, format Format, c Conversions, ks []Kernel[T], fused map[string]bool, flags []FlagPath) {
	if len(flags) == 0 {
		t.Skip("no fused kernels in this build")
	}
	f := newChecker(format, c)
	for _, p := range FlagPaths(flags) {
		t.Run(p.Name, func(t *testing.T) {
			if !p.Available {
				t.Skip("not on this CPU")
			}
			defer p.Use()()
			for _, k := range ks {
				if fused[k.Name] {
					run(t, f, k)
				}
			}
		})
	}
}

// run runs every test of k, a subtest.
func run[T ~uint16](t *testing.T, f *checker, k Kernel[T]) {
	ref := kerneltest.Kernels[kerneltest.KernelIndex(k.Name)]
	t.Run(k.Name, func(t *testing.T) {
		if CorrectlyRounded(ref) {
			if kerneltest.RoundedOff() {
				t.Skip("a correctly rounded kernel: FASTRELU_TEST_ROUNDED=off")
			}
			f.exact[k.Name] = f.oracle(ref)
		}
		t.Run("values", func(t *testing.T) { values(t, f, k, ref) })
		t.Run("lengths", func(t *testing.T) { lengths(t, f, k, ref) })
		t.Run("panics", func(t *testing.T) { panics(t, f, k, ref) })
		t.Run("allocs", func(t *testing.T) {
			n := 3000
			dst, v, x := make([]T, n), make([]T, n), make([]T, n)
			if a := testing.AllocsPerRun(10, func() { k.Call(dst, v, x, 0.5) }); a != 0 {
				t.Errorf("%s.%s allocates %v times per call", f.Name, k.Name, a)
			}
		})
	})
}

func scalars(ref kerneltest.Kernel) []float32 {
	if ref.Leaky {
		return alphas
	}
	return []float32{0}
}

// want is the reference at (v, x): the float32 reference rounded to the
// storage type. ok says whether got is that value or, where both inputs
// are NaNs (a gradient), the other input's NaN, quieted: which of two NaN
// operands a float32 operation returns is the machine's choice.
func check[T ~uint16](f *checker, ref kerneltest.Kernel, v, x T, a float32, got T) bool {
	if exact := f.exact[ref.Name]; exact != nil && exact[v] >= 0 {
		return int32(got) == exact[v]
	}
	vf, xf := f.wide[v], f.wide[x]
	if !ref.Grad {
		xf = vf
	}
	if uint16(got) == f.narrow(ref.Ref(vf, xf, a)) {
		return true
	}
	if ref.Grad && vf != vf && xf != xf {
		return uint16(got) == f.narrow(vf+0) || uint16(got) == f.narrow(xf+0)
	}
	return false
}

// oracle returns the correctly rounded kernel ref's value at every input
// of the format: internal/oracle's exact value rounded to the format, and
// for a NaN the NaN quieted (sign and payload kept), as FromFloat32 narrows
// the float32 kernel's quieted NaN. With -short (the emulators), only at
// the inputs where the float32 value is a midpoint of the format and at
// every 61st: elsewhere the value is the float32 reference's rounded again
// (rounding is monotone, and every midpoint of the format is a float32),
// which check compares with where this leaves -1.
func (f *checker) oracle(ref kerneltest.Kernel) []int32 {
	exact := make([]int32, 1<<16)
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := w; p < len(exact); p += workers {
				x := f.wide[p]
				switch {
				case x != x:
					exact[p] = int32(f.narrow(math.Float32frombits(math.Float32bits(x) | 0x00400000)))
				case testing.Short() && p%61 != 0 && !f.Midpoint(math.Float32bits(ref.Ref(x, x, 0))):
					exact[p] = -1
				default:
					exact[p] = int32(f.narrow(float32(oracle.RoundIn(ref.Name, f.Oracle(), x, nil))))
				}
			}
		}()
	}
	wg.Wait()
	return exact
}

func values[T ~uint16](t *testing.T, f *checker, k Kernel[T], ref kerneltest.Kernel) {
	all := make([]T, 1<<16)
	for p := range all {
		all[p] = T(p)
	}
	if !ref.Grad {
		dst := make([]T, len(all))
		for _, a := range scalars(ref) {
			k.Call(dst, all, nil, a)
			for i, got := range dst {
				if !check(f, ref, all[i], 0, a, got) {
					x := f.wide[all[i]]
					want := f.narrow(ref.Ref(x, x, a))
					if exact := f.exact[k.Name]; exact != nil && exact[all[i]] >= 0 {
						want = uint16(exact[all[i]])
					}
					t.Fatalf("%s.%s(%#04x = %v, a=%v) = %#04x, want %#04x", f.Name, k.Name, all[i], x, a, got, want)
				}
			}
		}
		if f.exact[k.Name] != nil {
			against := "internal/oracle"
			if testing.Short() {
				against += " at the midpoints and every 61st, elsewhere the float32 reference rounded again (-short)"
			}
			t.Logf("all 2^16 inputs, against %s", against)
			return
		}
		t.Logf("all 2^16 inputs, %d scalars", len(scalars(ref)))
		return
	}
	// FASTRELU_SWEEP=full: all pairs at the first scalar, the sample at
	// the others; FASTRELU_SWEEP=digests: all pairs at the first scalar
	// only, their digest against the committed one, no reference.
	sweep := os.Getenv("FASTRELU_SWEEP")
	full := sweep == "full" || sweep == "digests"
	var report []string
	for j, a := range scalars(ref) {
		if sweep == "digests" && j > 0 {
			break
		}
		gs, how := grads(full && j == 0)
		report = append(report, fmt.Sprintf("a=%v: %s", a, how))
		var (
			mu   sync.Mutex
			bad  []string
			next = make(chan uint16)
			wg   sync.WaitGroup
			sums = make([]uint32, 1<<16) // each grad value's outputs' CRC-32C
		)
		for range runtime.GOMAXPROCS(0) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				g, dst := make([]T, len(all)), make([]T, len(all))
				for p := range next {
					g[0] = T(p)
					for i := 1; i < len(g); i *= 2 {
						copy(g[i:], g[:i])
					}
					k.Call(dst, g, all, a)
					sums[p] = crc32.Checksum(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(dst))), 2*len(dst)), castagnoli)
					if sweep == "digests" {
						continue
					}
					for i, got := range dst {
						if !check(f, ref, T(p), all[i], a, got) {
							mu.Lock()
							bad = append(bad, fmt.Sprintf("%s.%s(grad=%#04x, x=%#04x, a=%v) = %#04x", f.Name, k.Name, p, all[i], a, got))
							mu.Unlock()
							break
						}
					}
				}
			}()
		}
		for _, p := range gs {
			next <- p
		}
		close(next)
		wg.Wait()
		if len(bad) > 0 {
			t.Fatalf("%d grad values with a wrong output, the first each:\n%s", len(bad), strings.Join(bad[:min(len(bad), 8)], "\n"))
		}
		if full && j == 0 {
			report = append(report, pairDigest(t, f.Name+" "+k.Name+fmt.Sprintf(" a=%v", a), sums, sweep == "full"))
		}
	}
	t.Logf("%s", strings.Join(report, "; "))
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// pairDigest checks the digest of a gradient's outputs on all 2^32 pairs
// (sums: each grad value's, in order) against testdata/digests.txt, under
// key; with checked (the outputs were checked against the reference
// first) and FASTRELU_SWEEP_DIGESTS=write, it records it there instead.
// The digest is the same on every path, as the outputs are, so
// FASTRELU_SWEEP=digests proves a path's outputs equal the reference's on
// every pair at the cost of running the kernel.
func pairDigest(t *testing.T, key string, sums []uint32, checked bool) string {
	h := sha256.New()
	for _, s := range sums {
		h.Write([]byte{byte(s), byte(s >> 8), byte(s >> 16), byte(s >> 24)})
	}
	got := hex.EncodeToString(h.Sum(nil))[:32]
	_, file, _, _ := runtime.Caller(0)
	path := filepath.Join(filepath.Dir(file), "testdata", "digests.txt")
	digests := map[string]string{}
	if b, err := os.ReadFile(path); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if i := strings.LastIndexByte(line, ' '); i > 0 && !strings.HasPrefix(line, "#") {
				digests[line[:i]] = line[i+1:]
			}
		}
	}
	if checked && os.Getenv("FASTRELU_SWEEP_DIGESTS") == "write" {
		if want, ok := digests[key]; ok && want != got {
			t.Fatalf("%s: digest %s, but %s is recorded: the paths differ", key, got, want)
		}
		digests[key] = got
		keys := make([]string, 0, len(digests))
		for k := range digests {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var b strings.Builder
		b.WriteString("# The digests of the 16-bit gradients' outputs on all 2^32 (grad, x) pairs, checked against\n")
		b.WriteString("# the reference when written: FASTRELU_SWEEP=full FASTRELU_SWEEP_DIGESTS=write go test -run 'TestFused/avx512/.*Grad/values' ./kernels/bf16 ./kernels/f16\n")
		b.WriteString("# (one package at a time: -p 1). FASTRELU_SWEEP=digests checks a path against them.\n")
		for _, k := range keys {
			b.WriteString(k + " " + digests[k] + "\n")
		}
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return "digest " + got + " written"
	}
	want, ok := digests[key]
	switch {
	case !ok && checked:
		return "digest " + got + " (none recorded)"
	case !ok:
		t.Fatalf("%s: no digest recorded in %s", key, path)
	case want != got:
		t.Fatalf("%s: the outputs' digest is %s, want %s", key, got, want)
	}
	return "digest matches testdata/digests.txt"
}

// lengths runs k at the lengths around Small and one, two and three chunks and at
// many short ones (every vector block's tail), out of place and in
// place on each input, on random bits, and checks every element; and checks
// that no element past the end is written.
func lengths[T ~uint16](t *testing.T, f *checker, k Kernel[T], ref kerneltest.Kernel) {
	r := rand.New(rand.NewPCG(1, 2))
	const c = half.Chunk
	const s = half.Small
	lens := []int{0, 1, 2, 7, 31, 32, 33, s - 1, s, s + 1, 511, c - 1, c, c + 1, 2*c - 1, 2 * c, 2*c + 1, 3*c + 37}
	if !testing.Short() {
		for n := 0; n < 600; n += 1 + n/16 {
			lens = append(lens, n)
		}
	}
	const guard = 0x5a5a
	for _, n := range lens {
		v, x := make([]T, n), make([]T, n)
		for i := range v {
			v[i], x[i] = T(r.Uint32()), T(r.Uint32())
		}
		a := alphas[n%len(alphas)]
		dst := make([]T, n+1)
		dst[n] = guard
		k.Call(dst[:n], v, x, a)
		if dst[n] != guard {
			t.Fatalf("n=%d: the element past dst's end was written", n)
		}
		for i := range n {
			if !check(f, ref, v[i], x[i], a, dst[i]) {
				t.Fatalf("n=%d: element %d: %s.%s(%#04x, %#04x) = %#04x", n, i, f.Name, k.Name, v[i], x[i], dst[i])
			}
		}
		inputs := 1
		if ref.Grad {
			inputs = 2
		}
		for in := range inputs {
			vv, xx := append([]T(nil), v...), append([]T(nil), x...)
			d := vv
			if in == 1 {
				d = xx
			}
			k.Call(d, vv, xx, a)
			for i := range n {
				if d[i] != dst[i] {
					t.Fatalf("n=%d, dst = input %d: element %d is %#04x, out of place %#04x", n, in, i, d[i], dst[i])
				}
			}
		}
	}
}

// panics checks the messages of a length mismatch and of a partial overlap.
func panics[T ~uint16](t *testing.T, f *checker, k Kernel[T], ref kerneltest.Kernel) {
	fn := f.Name + "." + k.Name
	expect := func(what, want string, call func()) {
		t.Helper()
		defer func() {
			msg := fmt.Sprint(recover())
			if !strings.HasPrefix(msg, fn+": ") || !strings.Contains(msg, want) {
				t.Errorf("%s: panic %q, want one starting %q and saying %q", what, msg, fn+": ", want)
			}
		}()
		call()
	}
	buf := make([]T, 100)
	expect("short dst", "len(dst)=9, ", func() { k.Call(buf[:9], buf[10:20], buf[20:30], 0.5) })
	expect("overlap", "dst overlaps", func() { k.Call(buf[1:11], buf[:10], buf[20:30], 0.5) })
	if ref.Grad {
		expect("short x", ")=9: all slices", func() { k.Call(buf[:10], buf[10:20], buf[20:29], 0.5) })
		expect("overlap x", "partially (len=10, dst starts 3 elements before ", func() { k.Call(buf[27:37], buf[10:20], buf[30:40], 0.5) })
	}
}

// BenchKernels measures every kernel of ks at benchN elements, hot, beside
// copy() of the same bytes: 4 per element forward (read src, write dst),
// 6 for a gradient, as SetBytes counts them.
func BenchKernels[T ~uint16](b *testing.B, ks []Kernel[T]) {
	r := rand.New(rand.NewPCG(5, 6))
	v, x, dst := make([]T, benchN), make([]T, benchN), make([]T, benchN)
	for i := range v {
		// Normal values around one, of either sign, in either format.
		v[i], x[i] = T(0x3c00|r.Uint32()&0x83ff), T(0x3c00|r.Uint32()&0x83ff)
	}
	b.Run("impl=copy", func(b *testing.B) {
		b.SetBytes(4 * benchN)
		for b.Loop() {
			copy(dst, v)
		}
	})
	for _, k := range ks {
		bytes := int64(4 * benchN)
		if kerneltest.Kernels[kerneltest.KernelIndex(k.Name)].Grad {
			bytes = 6 * benchN
		}
		b.Run("impl="+k.Name, func(b *testing.B) {
			b.SetBytes(bytes)
			for b.Loop() {
				k.Call(dst, v, x, 0.5)
			}
		})
	}
}

// CorrectlyRounded reports whether k is the forward kernel of a correctly
// rounded activation without a parameter, whose storage form rounds the
// exact value to the format (internal/oracle), not the float32 value again.
func CorrectlyRounded(k kerneltest.Kernel) bool {
	return (k.Rounded || k.Checked) && !k.Grad && !k.Leaky
}
