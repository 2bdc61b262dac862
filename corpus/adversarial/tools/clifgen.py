"""Helpers for writing adversarial CLIF modules with independently computed expectations.

Values are Python ints; wrap()/sext() model Cranelift's two's-complement integer types. Nothing
here runs the project's interpreter: expectations come from these definitions of the semantics.
"""
M64 = (1 << 64) - 1
BITS = {"i8": 8, "i16": 16, "i32": 32, "i64": 64}


def wrap(x, bits=64):
    return x & ((1 << bits) - 1)


def sext(x, bits=64):
    x = wrap(x, bits)
    return x - (1 << bits) if x >> (bits - 1) else x


def h(x):
    """Run-line spelling of a 64-bit value (hex, unsigned)."""
    return hex(wrap(x))


def run(fn, args, expected):
    a = ", ".join(str(x) for x in args)
    if isinstance(expected, (list, tuple)):
        e = "[" + ", ".join(h(x) for x in expected) + "]"
    else:
        e = h(expected)
    return f"; run: %{fn}({a}) == {e}"
