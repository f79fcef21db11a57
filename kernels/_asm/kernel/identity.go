package kernel

// Identity: the activation of a linear layer (Keras' activation=None,
// "linear"; PyTorch's nn.Identity; ONNX's Identity), and the zero
// Activation value of package kernels, so that a layer whose activation
// was never set computes no nonlinearity rather than a silent ReLU. It has
// no kernels of its own: its Activation methods run LeakyReLU's with
// alpha = 1 (Via), which is x itself for every number (1*x is exact, -0
// included) and every NaN that is forwarded; only its gradient's product
// 1*grad, where y <= 0, quiets a signaling NaN in grad.
var Identity = Activation{
	Name: "Identity",
	Text: "identity", Aliases: []string{"linear", "Identity"},
	FromOutput: "true",
	Via:        "LeakyReLU", ViaScalars: []string{"1"},
	Doc: `Its methods run LeakyReLU's kernels with alpha = 1: Forward gives src and
BiasForward src + bias (one binary32 addition), bit for bit; Gradient and
BiasGradient give grad, but for a signaling NaN in grad where y <= 0, which
the product 1*grad quiets (on riscv64, every NaN there is the canonical NaN).
The names "linear" (Keras) and "Identity" (PyTorch, ONNX) parse to it.`,
}

// Values are the activations of package kernels' Activation, in the order
// of their kinds: Identity, the zero value, then every activation of All.
var Values = append([]Activation{Identity}, All...)
