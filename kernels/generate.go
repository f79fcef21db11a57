package kernels

// The assembly is generated, never edited by hand, by one generator: the
// module kernels/_asm (with its own go.work, so that it runs inside the
// repository's workspace; users of this package never download it). Its
// input is one description per activation (kernels/_asm/kernel); its
// backends write, from the same descriptions,
//   - kernels_amd64.s and kernels_amd64.go with avo (kernels/_asm/amd64);
//   - kernels_arm64.s and kernels_arm64.go with a small AdvSIMD encoder
//     (kernels/_asm/neon; every WORD carries its instruction in a comment,
//     checked against aarch64-linux-gnu-as).
//
// `go generate ./kernels` rewrites all four files; the output is
// deterministic, and scripts/check-generated.sh fails when the files
// checked in differ from it.

//go:generate go run -C _asm . -dir ..
