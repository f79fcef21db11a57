package kernels

// The assembly is generated, never edited by hand. Each generator is a module
// of its own under _asm (with its own go.work, so that it runs inside the
// repository's workspace), so users of this package never download them:
//   - _asm/amd64 writes kernels_amd64.s and kernels_amd64.go with avo;
//   - _asm/neon writes kernels_arm64.s and kernels_arm64.go from kernel
//     descriptions and a small AdvSIMD encoder (every WORD carries its
//     instruction in a comment, checked against aarch64-linux-gnu-as).
//
// `go generate ./kernels` (with the host's GOARCH) rewrites all four files;
// the output is deterministic, and scripts/check-generated.sh fails when the
// files checked in differ from it.

//go:generate go run -C _asm/amd64 . -out ../../kernels_amd64.s -stubs ../../kernels_amd64.go -pkg kernels
//go:generate go run -C _asm/neon . -out ../../kernels_arm64.s -stubs ../../kernels_arm64.go
