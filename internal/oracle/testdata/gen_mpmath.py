#!/usr/bin/env python3
"""Writes mpmath.txt: reference values of the activation functions at a few
hundred float32 inputs per function, from mpmath at 120 decimal digits,
printed to 60 significant digits. oracle_test.go reads it to check the
math/big evaluations and the final roundings of package oracle.

Run from this directory: python3 gen_mpmath.py > mpmath.txt
"""
import random
import struct

import mpmath

mpmath.mp.dps = 120


def f32(bits):
    return struct.unpack('<f', struct.pack('<I', bits))[0]


def bits(x):
    return struct.unpack('<I', struct.pack('<f', x))[0]


def sigmoid(x):
    return 1 / (1 + mpmath.exp(-x))


def softplus(x):
    return mpmath.log1p(mpmath.exp(x))


def gelu_tanh_derivative(x):
    k = 2 * mpmath.sqrt(2 / mpmath.pi)
    c = mpmath.mpf(44715) / 10**6
    v = k * (x + c * x**3)
    return sigmoid(v) * (1 + x * sigmoid(-v) * k * (1 + 3 * c * x**2))


FUNCS = {
    'Sigmoid': sigmoid,
    'Tanh': mpmath.tanh,
    'Expm1': mpmath.expm1,
    'Softplus': softplus,
    'SiLU': lambda x: x * sigmoid(x),
    'Mish': lambda x: x * mpmath.tanh(softplus(x)),
    'GELU': lambda x: x * mpmath.erfc(-x / mpmath.sqrt(2)) / 2,
    # x*(1 + tanh(u))/2 as x/(1 + e^(-2u)): 1 + tanh(u) cancels beyond
    # mpmath's working digits in the negative tail.
    'GELUTanh': lambda x: x / (1 + mpmath.exp(-2 * mpmath.sqrt(2 / mpmath.pi)
                                              * (x + mpmath.mpf(44715) / 10**6 * x**3))),
    'Exp': mpmath.exp,
    'SiLUDerivative': lambda x: sigmoid(x) * (1 + x * sigmoid(-x)),
    'GELUDerivative': lambda x: (mpmath.erfc(-x / mpmath.sqrt(2)) / 2
                                 + x * mpmath.exp(-x * x / 2) / mpmath.sqrt(2 * mpmath.pi)),
    'GELUTanhDerivative': lambda x: gelu_tanh_derivative(x),
    'MishDerivative': lambda x: mpmath.diff(lambda t: t * mpmath.tanh(softplus(t)), x),
}

# Interesting ranges per function: where results are subnormal or tiny,
# where they approach their limits, and the structured points near zero.
TAILS = {
    'Sigmoid': [(-104.5, -86), (8, 18)],
    'Tanh': [(7, 10), (-10, -7)],
    'Expm1': [(86, 89), (-18, -15)],
    'Softplus': [(-104.5, -86), (14, 18)],
    'SiLU': [(-112, -86), (14, 20)],
    'Mish': [(-112, -86), (5, 12)],
    'GELU': [(-14.5, -12), (-6, -1), (1, 6)],
    'GELUTanh': [(-11, -9), (-6, -1), (1, 6)],
    'Exp': [(-104, -87), (86, 89)],
    'SiLUDerivative': [(-112, -86), (-1.3, -1.26), (14, 20)],
    'GELUDerivative': [(-15, -12), (-0.8, -0.7), (3, 8)],
    'GELUTanhDerivative': [(-12, -9), (-1.6, -1.4), (3, 8)],
    'MishDerivative': [(-112, -86), (-1.25, -1.15), (5, 20)],
}

rng = random.Random(18)
for name, f in FUNCS.items():
    xs = set()
    for _ in range(120):  # random finite bit patterns with |x| < 128
        b = rng.getrandbits(32)
        x = f32(b)
        if x == x and abs(x) < 128 and x != 0:
            xs.add(bits(x))
    for lo, hi in TAILS[name]:
        for _ in range(40):
            xs.add(bits(f32(bits(rng.uniform(lo, hi)))))
    for m in range(1, 40, 2):  # structured points near zero
        for e in (-26, -24, -23, -22, -20):
            for s in (1, -1):
                xs.add(bits(s * m * 2.0 ** e))
    for b in (1, 0x80000001, 3, 0x80000003, 0x00400001, 0x80400001, 0x007fffff,
              0x807fffff, 0x00800001, 0x80800001, 0x00800000, 0x3f800000, 0xbf800000):
        xs.add(b)
    for b in sorted(xs):
        x = mpmath.mpf(f32(b))
        print(name, '%08x' % b, mpmath.nstr(f(x), 60, min_fixed=1, max_fixed=0))
