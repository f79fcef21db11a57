package kernel

// Identity: the activation of a linear layer (Keras' activation=None,
// "linear"; PyTorch's nn.Identity; ONNX's Identity), and the zero
// Activation value of package kernels, so that a layer whose activation
// was never set computes no nonlinearity rather than a silent ReLU. It has
// no kernels of its own: its Activation methods run HardTanh's with NaN
// bounds (Via), whose ordered comparisons never hold, so that every select
// keeps x (grad) with its exact bits, signaling NaNs included, on every
// path.
var Identity = Activation{
	Name: "Identity",
	Text: "identity", Aliases: []string{"linear", "Identity"},
	FromOutput: "true",
	Via:        "HardTanh", ViaScalars: []string{"nanBound", "nanBound"},
	Doc: `Its methods run HardTanh's kernels with NaN bounds, which no comparison
takes: Forward gives src, BiasForward src + bias (one binary32 addition),
Gradient and BiasGradient grad, bit for bit, NaNs and -0 included. The
names "linear" (Keras) and "Identity" (PyTorch, ONNX) parse to it.`,
}

// Values are the activations of package kernels' Activation, in the order
// of their kinds: Identity, the zero value, then every activation of All.
var Values = append([]Activation{Identity}, All...)
