"""corpus/adversarial/bits.clif: bitselect, select, select_spectre_guard and bmask at every width
with conditions and operands carrying garbage above their width (a condition whose low bits are 0
but whose register is not: 0x100 as an i8 is false), bitcast (same type), value aliases (chains,
across blocks, to block params, as branch and call arguments), and uext/sext attributes on the
parameters and returns of callees and of an import (values compared at their type's width)."""
from clifgen import *

G = 0xdeadbeefcafebabe
out = []
w = out.append
TYPES = ["i8", "i16", "i32", "i64"]


def full(v, b):
    return wrap(v) if b == 64 else wrap((G & ~((1 << b) - 1)) | wrap(v, b))


w("test interpret")
w("target aarch64")
w("; bitselect/select/select_spectre_guard/bmask with garbage above the width, bitcast, value aliases,")
w("; uext/sext parameter and return attributes on callees and an import.")
w("; Expected values: corpus/adversarial/tools/gen_bits.py (independent of the interpreter).")
w("; import: %host_id from \"host.dll\"")
w("")

for t in TYPES:
    B = BITS[t]
    m = (1 << B) - 1
    # bitselect: (c & a) | (~c & b); results widened with uextend
    w(f"function %bitselect_{t}(i64, i64, i64) -> i64 {{")
    w("block0(v0: i64, v1: i64, v2: i64):")
    if t == "i64":
        c, a, b = "v0", "v1", "v2"
    else:
        w(f"    v3 = ireduce.{t} v0"); w(f"    v4 = ireduce.{t} v1"); w(f"    v5 = ireduce.{t} v2")
        c, a, b = "v3", "v4", "v5"
    w(f"    v6 = bitselect {c}, {a}, {b}")
    w("    v7 = uextend.i64 v6" if t != "i64" else "    v7 -> v6")
    w("    return v7")
    w("}")
    for cv, av, bv in [(0, m, 0), (m, 0x1234 & m, 0), (0x0f0f0f0f0f0f0f0f & m, m, 0), (0xaaaaaaaaaaaaaaaa & m, 0x5555555555555555 & m, m),
                       (1 << (B - 1), m, m ^ (1 << (B - 1)))]:
        r = (cv & av) | (~cv & bv & m)
        w(run(f"bitselect_{t}", [sext(full(cv, B)), sext(full(av, B)), sext(full(bv, B))], r))
    w("")

    for sel in ("select", "select_spectre_guard"):
        for ct in TYPES:
            CB = BITS[ct]
            name = f"{sel}_{t}_c{ct}"
            w(f"function %{name}(i64, i64, i64) -> i64 {{")
            w("block0(v0: i64, v1: i64, v2: i64):")
            lines = []
            c = "v0" if ct == "i64" else "v3"
            if ct != "i64":
                w(f"    v3 = ireduce.{ct} v0")
            if t == "i64":
                a, b = "v1", "v2"
            else:
                w(f"    v4 = ireduce.{t} v1"); w(f"    v5 = ireduce.{t} v2")
                a, b = "v4", "v5"
            w(f"    v6 = {sel} {c}, {a}, {b}")
            w("    v7 = sextend.i64 v6" if t != "i64" else "    v7 -> v6")
            w("    return v7")
            w("}")
            for cv in ([0, 1, 1 << (CB - 1)] + ([1 << CB] if CB < 64 else [])):
                av, bv = 0x81 | (1 << (B - 1)), 0x7e
                chosen = av if wrap(cv, CB) != 0 else bv
                craw = cv if CB == 64 or cv >> CB else full(cv, CB)
                w(run(name, [sext(craw), sext(full(av, B)), sext(full(bv, B))], sext(chosen, B)))
        w("")

    # bmask of a narrow value with garbage: all ones when the value (at its width) is non-zero
    for rt in ("i8", "i64"):
        w(f"function %bmask_{t}_{rt}(i64) -> {rt} {{")
        w("block0(v0: i64):")
        if t == "i64":
            w(f"    v2 = bmask.{rt} v0")
        else:
            w(f"    v1 = ireduce.{t} v0")
            w(f"    v2 = bmask.{rt} v1")
        w("    return v2")
        w("}")
        for v in ([0, 1, 1 << (B - 1)] + ([1 << B, 3 << B] if B < 64 else [])):
            r = wrap(-1, BITS[rt]) if wrap(v, B) else 0
            w(run(f"bmask_{t}_{rt}", [sext(v)], r))
    w("")

# bitcast of the same type and aliases everywhere
w("function %alias_chain(i64, i64) -> i64, i64 {")
w("    fn0 = %callee_ext(i8 sext, i16 uext, i32) -> i32 sext")
w("block0(v0: i64, v1: i64):")
w("    v2 = bitcast.i64 v0")
w("    v10 -> v2")
w("    v11 -> v10")
w("    v3 = ireduce.i8 v11")
w("    v12 -> v3")
w("    v4 = ireduce.i16 v1")
w("    v13 -> v4")
w("    v5 = ireduce.i32 v1")
w("    v14 -> v5")
w("    v15 = bitcast.i32 v14")
w("    brif v12, block1(v12, v13), block2(v11)")
w("block1(v6: i8, v7: i16):")
w("    v16 -> v6")
w("    v8 = call fn0(v16, v7, v15)")
w("    v17 -> v8")
w("    v18 = sextend.i64 v17")
w("    v19 -> v18")
w("    jump block2(v19)")
w("block2(v9: i64):")
w("    v20 -> v9")
w("    v21 = bnot v20")
w("    return v20, v21")
w("}")
w("function %callee_ext(i8 sext, i16 uext, i32) -> i32 sext {")
w("block0(v0: i8, v1: i16, v2: i32):")
w("    v3 = sextend.i32 v0")
w("    v4 = uextend.i32 v1")
w("    v5 = imul_imm v4, 3")
w("    v6 = iadd v3, v5")
w("    v7 = bxor v6, v2")
w("    return v7")
w("}")


def callee_ext(a, b, c):
    return wrap((sext(a, 8) + 3 * wrap(b, 16)) ^ wrap(c, 32), 32)


def alias_chain(x, y):
    if wrap(x, 8):
        r = sext(callee_ext(x, y, y), 32)
    else:
        r = x
    return [wrap(r), wrap(~r)]


for x, y in [(0x100, 5), (0xdeadbeef00000080, 0xffffffff8001ffff), (G, G), (-1, -1), (0x7f, 0x12345)]:
    w(run("alias_chain", [sext(x), sext(y)], alias_chain(x, y)))
for a, b, c in [(0x80, 0xffff, 0x7fffffff), (0x7f, 0x8000, -1), (-1, 0, 0)]:
    w(run("callee_ext", [sext(a, 8), sext(b, 16), sext(c, 32)], callee_ext(a, b, c)))
w("")

# an import declared with narrow extended parameters and returns: host_id receives the 64-bit
# register, so the caller must extend per the attribute; its result is used at i8 (low bits only)
w("function %import_ext(i64) -> i64 {")
w("    fn0 = %host_id(i64) -> i64")
w("block0(v0: i64):")
w("    v1 = ireduce.i8 v0")
w("    v2 = uextend.i64 v1")
w("    v3 = call fn0(v2)")
w("    v4 = sextend.i64 v1")
w("    v5 = call fn0(v4)")
w("    v6 = iadd v3, v5")
w("    return v6")
w("}")
for x in (0x80, 0xff, 0x17f, G):
    w(run("import_ext", [sext(x)], wrap(wrap(x, 8) + sext(x, 8))))
w("")

print("\n".join(out))
