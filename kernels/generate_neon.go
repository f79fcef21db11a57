package kernels

// kernels_arm64.s and kernels_arm64.go are generated from the kernel
// descriptions in _asm/neon, a module of its own (it needs nothing outside
// the standard library, and users of this package never build it).
// `go generate ./kernels` rewrites both files; the output is deterministic,
// and the generator's tests fail when the files checked in differ from it.

//go:generate go run -C _asm/neon . -out ../../kernels_arm64.s -stubs ../../kernels_arm64.go
