//go:build !purego && !noasm

package kerneltest

// On amd64 the assembly evaluates the Checked kernels (kernels/_asm's
// kernel.Checked): every path runs code of its own for them, so they are
// not Rounded here, and the tests run them on every row like the others.
// Under the race detector they stay Rounded: the tests run them through
// the public functions (the best row) only, where their assembly's
// memory accesses are reported as the other kernels' are, and do not run
// the instrumented generic loops at every length again.
func init() {
	if raceEnabled {
		return
	}
	for i := range Kernels {
		if Kernels[i].Checked {
			Kernels[i].Rounded = false
		}
	}
	for i := range LayerKernels {
		if LayerKernels[i].Checked {
			LayerKernels[i].Rounded = false
		}
	}
}
