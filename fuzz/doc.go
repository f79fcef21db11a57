// Package fuzz holds no library code: its tests are the proof that every code
// path of package kernels keeps the contract, over the whole input space.
//
//   - The elementwise targets (FuzzReLU, FuzzLeakyReLUGrad, ..., one per
//     kernel, generated into targets_test.go from the kernel descriptions)
//     decode their input into raw float32 bit patterns, a length, start offsets in
//     larger buffers, alpha's bits and an aliasing layout, then run every
//     available row of the implementation table and the public functions and
//     compare bits with the reference in reference_test.go, which is written
//     here and shares no code with package kernels (or, for an activation it
//     does not name, with the contract the description states in plain Go).
//     The seed corpus (corpus_test.go, added with f.Add) runs with every
//     plain "go test".
//   - TestSweep and TestLayerSweep put all 2^32 float32 bit patterns
//     through every kernel on every path, one pass per configuration
//     (internal/sweep): the paths against each other, the strided subset
//     against the reference, the full set against the committed digests of
//     its outputs (testdata/sweep-digests.txt). FASTRELU_SWEEP selects how
//     much runs: "full", "strided", "specials", "off", or "auto" (the
//     default); README.md has the details. -short skips them.
//
// Fuzz one target at a time, for a bounded time:
//
//	go test ./fuzz -run '^$' -fuzz '^FuzzLeakyReLUGrad$' -fuzztime=30s
package fuzz
