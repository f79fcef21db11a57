//go:build !purego && !noasm

package kerneltest

// On amd64 the assembly evaluates the Checked kernels (kernels/_asm's
// kernel.Checked): every path runs code of its own for them, so they are
// not Rounded here, and the tests run them on every row like the others.
func init() {
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
