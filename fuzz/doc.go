// Package fuzz holds no library code: its tests are the proof that every code
// path of package kernels keeps the contract, over the whole input space.
//
//   - FuzzReLU, FuzzLeakyReLU, FuzzReLUGrad and FuzzLeakyReLUGrad decode
//     their input into raw float32 bit patterns, a length, start offsets in
//     larger buffers, alpha's bits and an aliasing layout, then run every
//     available row of the implementation table and the public functions and
//     compare bits with the reference in reference_test.go, which is written
//     here and shares no code with package kernels. The seed corpus under
//     testdata/fuzz (written by TestSeedCorpus -update-seeds) runs with every
//     plain "go test".
//   - TestSweep puts all 2^32 float32 bit patterns through every kernel on
//     every path. FASTRELU_SWEEP selects how much of it runs: "full",
//     "strided" (every 4093rd pattern plus every pattern with exponent 0 or
//     255), "off", or "auto" (the default: the strided subset, then the full
//     sweep if its projected time fits in half the time left before the test
//     binary's -timeout: natively on a few cores it usually does; under qemu,
//     with the default -timeout, it does not). -short skips it.
//
// Fuzz one target at a time, for a bounded time:
//
//	go test ./fuzz -run '^$' -fuzz '^FuzzLeakyReLUGrad$' -fuzztime=30s
package fuzz
