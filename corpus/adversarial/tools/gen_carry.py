"""corpus/adversarial/carry.clif: uadd_overflow_cin / sadd_overflow_cin / usub_overflow_bin /
ssub_overflow_bin at i8/i16/i32/i64 with operands carrying garbage above their width and carries
0, 1, 2, 0x80, 0xff and 0x100/0x200/0xff00 (an i8 whose register holds set bits above bit 7: its
value is 0, so no carry); chained for 192-bit add and subtract.

Semantics (Cranelift's runtests, e.g. iaddcarry.clif: `sadd_overflow_cin_i8(0, 1, 10) == [2, 0]`):
the carry counts as 1 when the i8 is non-zero; the result is a +/- b +/- carry wrapped to the type;
the flag is 1 when the exact value is outside the type's unsigned (u*) or signed (s*) range."""
from clifgen import *

G = 0xdeadbeefcafebabe
out = []
w = out.append


def full(v, b):
    return wrap(v) if b == 64 else wrap((G & ~((1 << b) - 1)) | wrap(v, b))


def carry_op(op, B, a, b, c):
    signed = op[0] == "s"
    sub = "sub" in op
    x = sext(a, B) if signed else wrap(a, B)
    y = sext(b, B) if signed else wrap(b, B)
    ci = 1 if wrap(c, 8) != 0 else 0
    r = x - y - ci if sub else x + y + ci
    lo, hi = (-(1 << (B - 1)), (1 << (B - 1)) - 1) if signed else (0, (1 << B) - 1)
    return wrap(r, B), int(r < lo or r > hi)


OPS = ["uadd_overflow_cin", "sadd_overflow_cin", "usub_overflow_bin", "ssub_overflow_bin"]
CARRIES = [0, 1, 2, 0x80, 0xff, 0x100, 0x200, 0xff00]

w("test interpret")
w("target aarch64")
w("; Carry/borrow ops at every width: operands with garbage above their width, carries whose i8")
w("; register holds bits above bit 7 (0x100 is an i8 0), chained multi-word add/subtract.")
w("; Expected values: corpus/adversarial/tools/gen_carry.py (independent of the interpreter).")
w("")
for op in OPS:
    for t in ["i8", "i16", "i32", "i64"]:
        B = BITS[t]
        name = f"{op}_{t}"
        # operands and carry arrive as i64 and are reduced: garbage above the width in the registers
        w(f"function %{name}(i64, i64, i64) -> {t}, i8 {{")
        w("block0(v0: i64, v1: i64, v2: i64):")
        if t == "i64":
            a, b = "v0", "v1"
        else:
            w(f"    v3 = ireduce.{t} v0")
            w(f"    v4 = ireduce.{t} v1")
            a, b = "v3", "v4"
        w("    v5 = ireduce.i8 v2")
        w(f"    v6, v7 = {op} {a}, {b}, v5")
        w("    return v6, v7")
        w("}")
        m = (1 << B) - 1
        h1 = 1 << (B - 1)
        pairs = [(0, 0), (m, 0), (m, m), (0, m), (h1 - 1, 0), (h1, 0), (h1, 1), (h1 - 1, m), (h1, h1), (1, 2), (0x5a & m, 0xa5 & m)]
        for i, (x, y) in enumerate(pairs):
            c = CARRIES[i % len(CARRIES)]
            for cc in ([c] if i > 2 else CARRIES):
                r, f = carry_op(op, B, x, y, cc)
                w(run(name, [sext(full(x, B)), sext(full(y, B)), sext(wrap((G & ~0xffff) | cc) if cc < 0x100 else cc)], [r, f]))
        w("")

    # the i8 carry as a direct parameter (caller's register may hold garbage above bit 7)
    w(f"function %{op}_param(i32, i32, i8) -> i32, i8 {{")
    w("block0(v0: i32, v1: i32, v2: i8):")
    w(f"    v3, v4 = {op} v0, v1, v2")
    w("    return v3, v4")
    w("}")
    w(f"function %{op}_viacall(i64, i64, i64) -> i32, i8 {{")
    w(f"    fn0 = %{op}_param(i32, i32, i8) -> i32, i8")
    w("block0(v0: i64, v1: i64, v2: i64):")
    w("    v3 = ireduce.i32 v0")
    w("    v4 = ireduce.i32 v1")
    w("    v5 = ireduce.i8 v2")
    w("    v6, v7 = call fn0(v3, v4, v5)")
    w("    return v6, v7")
    w("}")
    for x, y, c in [(0xffffffff, 0, 0x100), (0xffffffff, 0, 0x101), (0x7fffffff, 0xffffffff, 0x80), (0x80000000, 1, 0xf00), (0, 0, 0xff)]:
        r, f = carry_op(op, 32, x, y, c)
        w(run(f"{op}_viacall", [sext(full(x, 32)), sext(full(y, 32)), sext(wrap(G & ~0xfff) | c)], [r, f]))
    for x, y, c in [(0xffffffff, 0, 1), (0x7fffffff, 0, -1), (0x80000000, 1, -128), (5, 7, 0)]:
        r, f = carry_op(op, 32, x, y, c)
        w(run(f"{op}_param", [sext(x, 32), sext(y, 32), c], [r, f]))
    w("")

# 192-bit add and subtract: the carry out of one word is the carry into the next
for kind, op in (("add", "uadd_overflow_cin"), ("sub", "usub_overflow_bin")):
    w(f"function %{kind}192(i64, i64, i64, i64, i64, i64, i8) -> i64, i64, i64, i8 {{")
    w("block0(v0: i64, v1: i64, v2: i64, v3: i64, v4: i64, v5: i64, v6: i8):")
    w(f"    v7, v8 = {op} v0, v3, v6")
    w(f"    v9, v10 = {op} v1, v4, v8")
    w(f"    v11, v12 = {op} v2, v5, v10")
    w("    return v7, v9, v11, v12")
    w("}")

    def wide(a, b, c):
        A = a[0] | a[1] << 64 | a[2] << 128
        Bv = b[0] | b[1] << 64 | b[2] << 128
        ci = 1 if wrap(c, 8) else 0
        r = A + Bv + ci if kind == "add" else A - Bv - ci
        f = int(r >= 1 << 192 or r < 0)
        r &= (1 << 192) - 1
        return [r & M64, (r >> 64) & M64, r >> 128, f]

    cases = [([M64, M64, M64], [0, 0, 0], 1), ([M64, M64, M64 - 1], [1, 0, 0], 0), ([0, 0, 0], [0, 0, 0], 1),
             ([0, 0, 0], [M64, M64, M64], 0), ([1, 0, 0], [1, 0, 0], 0x80), ([0, 1, 0], [1, 0, 0], 0),
             ([0x0123456789abcdef, 0xfedcba9876543210, 0x8000000000000000], [0xfedcba9876543210, 0x0123456789abcdef, 0x8000000000000000], -1)]
    for a, b, c in cases:
        w(run(f"{kind}192", [sext(x) for x in a + b] + [c], wide(a, b, c)))
    w("")

# signed chain: sadd/ssub_overflow_cin on the top word after unsigned lower words (two's complement 128-bit)
for kind, lo, hi in (("sadd128", "uadd_overflow_cin", "sadd_overflow_cin"), ("ssub128", "usub_overflow_bin", "ssub_overflow_bin")):
    w(f"function %{kind}(i64, i64, i64, i64) -> i64, i64, i8 {{")
    w("block0(v0: i64, v1: i64, v2: i64, v3: i64):")
    w("    v4 = iconst.i8 0")
    w(f"    v5, v6 = {lo} v0, v2, v4")
    w(f"    v7, v8 = {hi} v1, v3, v6")
    w("    return v5, v7, v8")
    w("}")

    def s128(a0, a1, b0, b1):
        A = sext(a0 | a1 << 64, 128)
        Bv = sext(b0 | b1 << 64, 128)
        r = A + Bv if kind == "sadd128" else A - Bv
        f = int(r < -(1 << 127) or r >= 1 << 127)
        r = wrap(r, 128)
        return [r & M64, r >> 64, f]

    for a0, a1, b0, b1 in [(M64, 0x7fffffffffffffff, 1, 0), (0, 1 << 63, 1, 0), (M64, M64, 1, 0), (0, 1 << 63, 0, 1 << 63),
                           (5, 0, 7, 0), (0, 0x7fffffffffffffff, 0, M64)]:
        w(run(kind, [sext(a0), sext(a1), sext(b0), sext(b1)], s128(a0, a1, b0, b1)))
    w("")

print("\n".join(out))
