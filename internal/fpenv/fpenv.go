// Package fpenv reads and sets the floating-point control register of the
// current thread (MXCSR on amd64, FPCR on arm64), for tests that pin what
// package kernels does when foreign code (a cgo library, say) leaves
// flush-to-zero modes set. Go code never changes these registers, and Go's
// default (round to nearest even, subnormals kept, exceptions masked) is
// what package kernels' contract assumes.
//
// The register belongs to the OS thread: call runtime.LockOSThread before
// changing it, and restore it before unlocking.
package fpenv

// FlushSubnormals sets, on the current thread, the modes that flush
// subnormals to zero: MXCSR.FTZ (outputs) and MXCSR.DAZ (inputs) on amd64,
// FPCR.FZ (both) on arm64. It returns a function that restores the
// register as it was, and ok false (doing nothing) where this build cannot
// set them.
func FlushSubnormals() (restore func(), ok bool) { return flushSubnormals() }
