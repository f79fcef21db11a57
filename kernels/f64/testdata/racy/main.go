// Command racy writes the same dst from two goroutines without
// synchronisation, through public functions of package f64, for
// TestRaceDetectorSeesKernels: run with -race, it must report a data race
// on every path (FASTRELU_ISA), the assembly ones included.
package main

import (
	"fmt"
	"os"
	"sync"

	"github.com/fastrelu/fastrelu/kernels/f64"
)

func main() {
	fmt.Println("implementation=" + f64.Implementation())
	which := os.Args[1]
	n := 100 // vector body and tail
	dst, src, x := make([]float64, n), make([]float64, n), make([]float64, n)
	bias, dbias := make([]float64, 10), make([]float64, 10)
	par := f64.NewParallel(2)
	defer par.Close()
	call := map[string]func(){
		"ReLU":              func() { f64.ReLU(dst, src) },
		"LeakyReLUGrad":     func() { f64.LeakyReLUGrad(dst, src, x, 0.5) },
		"BiasLeakyReLU":     func() { f64.BiasLeakyReLU(dst, src, bias, 0.5) },
		"LeakyReLUGradBias": func() { f64.LeakyReLUGradBias(src, dbias, dst, x, 0.5) }, // dbias raced
		"PReLUGrad":         func() { f64.PReLUGrad(src, dbias, dst, x, bias) },        // dslope raced
		"Parallel":          func() { par.LeakyReLU(dst, src, 0.5) },
		// A read of x racing with a write of x, both through the kernels.
		"ReadWrite": func() { f64.ReLUGrad(src, dst, x) },
	}[which]
	other := call
	if which == "ReadWrite" {
		other = func() { f64.ReLU(x, src) }
	}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); call() }()
	go func() { defer wg.Done(); other() }()
	wg.Wait()
	fmt.Println("done")
}
