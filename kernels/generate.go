package kernels

// kernels_amd64.s and kernels_amd64.go are generated with avo by the
// program in _asm/amd64, a module of its own so that users of this package
// never download avo; scripts/check-generated.sh checks the committed
// output is what it generates.
//go:generate go run -C _asm/amd64 . -out ../../kernels_amd64.s -stubs ../../kernels_amd64.go -pkg kernels
