//go:build purego || noasm || !(amd64 || arm64 || riscv64)

package kernels

import "github.com/fastrelu/fastrelu/internal/impl"

// This build has no assembly: every call runs the generic path.

func archImplementations() []impl.Impl { return nil }

// usePath: this build has the generic path only (for tests, registered with
// internal/impl).
func usePath(string) (restore func()) { return func() {} }
