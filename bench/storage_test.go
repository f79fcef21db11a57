package bench

import (
	"fmt"
	"testing"
)

// TestStorageBinds checks that every type has every function of the
// storage cases, and runs each once.
func TestStorageBinds(t *testing.T) {
	for _, ty := range StorageTypes {
		for _, fn := range StorageFuncs() {
			f := ty.Bind(fn, 100)
			if f == nil {
				t.Errorf("%s has no %s", ty.Name, fn)
				continue
			}
			f()
		}
	}
}

func BenchmarkStorage(b *testing.B) {
	for _, fn := range StorageFuncs() {
		for _, ty := range StorageTypes {
			for _, n := range StorageSizes {
				b.Run(fmt.Sprintf("fn=%s/type=%s/n=%d", fn, ty.Name, n), func(b *testing.B) {
					f := ty.Bind(fn, n)
					if f == nil {
						b.Skipf("%s has no %s", ty.Name, fn)
					}
					RunStorage(b, f, n)
				})
			}
		}
	}
}
