package halftest

import (
	"testing"

	"github.com/fastrelu/fastrelu/internal/half"
)

// Tables checks each kernel of ks that tabled names against its own
// computation, which Kernels proves with *use off: on every input, at
// scalar 1, a call long enough for the table gives the computation's bits,
// in place too and from an odd offset; and it allocates nothing once the
// table is filled.
func Tables[T ~uint16](t *testing.T, ks []Kernel[T], tabled map[string]bool, use *bool) {
	all := make([]T, 1<<16)
	for i := range all {
		all[i] = T(i)
	}
	saved := *use
	defer func() { *use = saved }()
	for _, k := range ks {
		if !tabled[k.Name] {
			continue
		}
		t.Run(k.Name, func(t *testing.T) {
			want, got := make([]T, len(all)), make([]T, len(all))
			*use = false
			k.Call(want, all, nil, 1)
			*use = true
			k.Call(got, all, nil, 1)
			for i := range all {
				if got[i] != want[i] {
					t.Fatalf("%s(%#04x) from the table = %#04x, computed %#04x", k.Name, i, got[i], want[i])
				}
			}
			// In place, from the second element on, a call of TableMin
			// elements exactly.
			in := append([]T(nil), all[1:1+half.TableMin]...)
			k.Call(in, in, nil, 1)
			for i, got := range in {
				if got != want[1+i] {
					t.Fatalf("%s in place: element %d = %#04x, want %#04x", k.Name, i, got, want[1+i])
				}
			}
			if a := testing.AllocsPerRun(10, func() { k.Call(got, all, nil, 1) }); a != 0 {
				t.Errorf("%s allocates %v times per call from its table", k.Name, a)
			}
		})
	}
}
