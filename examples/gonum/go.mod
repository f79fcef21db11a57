module github.com/fastrelu/fastrelu/examples/gonum

go 1.24.0

require github.com/fastrelu/fastrelu v0.0.0

require gonum.org/v1/gonum v0.17.0

replace github.com/fastrelu/fastrelu => ../../
