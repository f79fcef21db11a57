package main

import (
	"math"
	"math/rand/v2"
)

// dataset is a classification task: n examples of dim features, each with
// one of classes labels. X is row-major, n×dim.
type dataset struct {
	X       []float32
	Y       []int
	n, dim  int
	classes int
}

// spiral returns the classic interleaved-spirals task: classes arms of
// perArm points each in the unit disc, the angle jittered by Gaussian noise
// of standard deviation noise (radians). A straight line cannot separate the
// arms; a small MLP with a working nonlinearity can.
func spiral(rng *rand.Rand, classes, perArm int, noise float64) dataset {
	d := dataset{n: classes * perArm, dim: 2, classes: classes}
	d.X = make([]float32, 0, 2*d.n)
	d.Y = make([]int, 0, d.n)
	for k := range classes {
		for i := range perArm {
			t := float64(i) / float64(max(perArm-1, 1)) // 0..1
			r := t
			theta := 4*(float64(k)+t) + noise*rng.NormFloat64()
			d.X = append(d.X, float32(r*math.Sin(theta)), float32(r*math.Cos(theta)))
			d.Y = append(d.Y, k)
		}
	}
	return d
}
