// Command racy writes the same dst from two goroutines without
// synchronisation, through each public function of package kernels, for
// TestRaceDetectorSeesKernels: run with -race, it must report a data race
// on every path (FASTRELU_ISA), the assembly ones included.
package main

import (
	"fmt"
	"os"
	"sync"

	"github.com/fastrelu/fastrelu/kernels"
)

func main() {
	fmt.Println("implementation=" + kernels.Implementation())
	which := os.Args[1]
	n := 100 // vector body and tail
	dst, src, x := make([]float32, n), make([]float32, n), make([]float32, n)
	bias, dbias := make([]float32, 10), make([]float32, 10)
	par := kernels.NewParallel(2)
	defer par.Close()
	call := map[string]func(){
		"ReLU":              func() { kernels.ReLU(dst, src) },
		"LeakyReLU":         func() { kernels.LeakyReLU(dst, src, 0.5) },
		"ReLUGrad":          func() { kernels.ReLUGrad(dst, src, x) },
		"LeakyReLUGrad":     func() { kernels.LeakyReLUGrad(dst, src, x, 0.5) },
		"BiasLeakyReLU":     func() { kernels.BiasLeakyReLU(dst, src, bias, 0.5) },
		"PReLU":             func() { kernels.PReLU(dst, src, bias) },
		"LeakyReLUGradBias": func() { kernels.LeakyReLUGradBias(src, dbias, dst, x, 0.5) }, // dbias raced
		"PReLUGrad":         func() { kernels.PReLUGrad(src, dbias, dst, x, bias) },        // dslope raced
		"Parallel":          func() { par.LeakyReLU(dst, src, 0.5) },
		// A read of x racing with a write of x, both through the kernels.
		"ReadWrite": func() { kernels.ReLUGrad(src, dst, x) },
	}[which]
	other := call
	if which == "ReadWrite" {
		other = func() { kernels.ReLU(x, src) }
	}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); call() }()
	go func() { defer wg.Done(); other() }()
	wg.Wait()
	fmt.Println("done")
}
