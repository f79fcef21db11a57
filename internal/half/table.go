package half

import "sync"

// TableMin is the shortest call that a storage package's smooth forward
// kernels answer from a Table: below it, a call that builds the table
// (every 16-bit pattern computed once) would cost many times its own work.
const TableMin = 1024

// A Table holds a function's value at each of the 2^16 patterns of a 16-bit
// type, computed by the function itself on first use: a lookup gives the
// function's bits by construction, at the cost of a load per element
// (the table's 128 KiB stay in the level 2 cache).
type Table[T ~uint16] struct {
	once   sync.Once
	values *[1 << 16]T
}

// Lookup sets dst[i] to fill's value at src[i], for dst and src of equal
// length, dst src itself or disjoint from it. The first call fills the
// table with fill over every pattern (fill(dst, src) sets dst[i] to the
// function's value at src[i]).
func (t *Table[T]) Lookup(dst, src []T, fill func(dst, src []T)) {
	t.once.Do(func() {
		all := make([]T, 1<<16)
		for i := range all {
			all[i] = T(i)
		}
		values := new([1 << 16]T)
		fill(values[:], all)
		t.values = values
	})
	values := t.values
	src = src[:len(dst)]
	// Four at a time: each element's load from the table is independent
	// of the others', and the loop's own cost is shared by four.
	i := 0
	for ; i+4 <= len(src); i += 4 {
		s := src[i : i+4 : i+4]
		a, b, c, d := values[uint16(s[0])], values[uint16(s[1])], values[uint16(s[2])], values[uint16(s[3])]
		o := dst[i : i+4 : i+4]
		o[0], o[1], o[2], o[3] = a, b, c, d
	}
	for ; i < len(src); i++ {
		dst[i] = values[uint16(src[i])]
	}
}
