package xnn
