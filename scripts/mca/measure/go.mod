module fastrelu.local/mcameasure

go 1.24.0
