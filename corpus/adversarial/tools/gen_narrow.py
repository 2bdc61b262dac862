"""corpus/adversarial/narrow.clif: every integer operation at i8/i16/i32/i64 on operands whose
registers carry garbage above their width (ireduce of an i64 leaves bits 8..31 of an i8 set), and
shift amounts of another type; results widened with both uextend and sextend."""
from clifgen import *

G = 0xdeadbeefcafebabe
TYPES = ["i8", "i16", "i32", "i64"]

def full(v, b):
    """An i64 whose low b bits are v and whose upper bits are garbage."""
    if b == 64:
        return wrap(v)
    return wrap((G & ~((1 << b) - 1)) | wrap(v, b))

def edge(b):
    m = (1 << b) - 1
    return [0, 1, 2, 3, 7, m, m - 1, 1 << (b - 1), (1 << (b - 1)) - 1, (1 << (b - 1)) + 1, 0x5a & m, (0x9e3779b97f4a7c15 & m) | 1]

def sdiv_t(a, b):
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q

def rot(x, r, b, left):
    x = wrap(x, b); r %= b
    if not left:
        r = (b - r) % b
    return wrap((x << r) | (x >> (b - r)), b) if r else x

BIN = {
    "iadd": lambda a, b, B: a + b,
    "isub": lambda a, b, B: a - b,
    "imul": lambda a, b, B: a * b,
    "umulhi": lambda a, b, B: (wrap(a, B) * wrap(b, B)) >> B,
    "smulhi": lambda a, b, B: (sext(a, B) * sext(b, B)) >> B,
    "udiv": lambda a, b, B: wrap(a, B) // wrap(b, B),
    "urem": lambda a, b, B: wrap(a, B) % wrap(b, B),
    "sdiv": lambda a, b, B: sdiv_t(sext(a, B), sext(b, B)),
    "srem": lambda a, b, B: sext(a, B) - sdiv_t(sext(a, B), sext(b, B)) * sext(b, B),
    "band": lambda a, b, B: a & b,
    "bor": lambda a, b, B: a | b,
    "bxor": lambda a, b, B: a ^ b,
    "band_not": lambda a, b, B: a & ~b,
    "bor_not": lambda a, b, B: a | ~b,
    "bxor_not": lambda a, b, B: a ^ ~b,
    "ishl": lambda a, b, B: wrap(a, B) << (wrap(b, B) % B),
    "ushr": lambda a, b, B: wrap(a, B) >> (wrap(b, B) % B),
    "sshr": lambda a, b, B: sext(a, B) >> (wrap(b, B) % B),
    "rotl": lambda a, b, B: rot(a, wrap(b, B), B, True),
    "rotr": lambda a, b, B: rot(a, wrap(b, B), B, False),
    "smin": lambda a, b, B: min(sext(a, B), sext(b, B)),
    "smax": lambda a, b, B: max(sext(a, B), sext(b, B)),
    "umin": lambda a, b, B: min(wrap(a, B), wrap(b, B)),
    "umax": lambda a, b, B: max(wrap(a, B), wrap(b, B)),
}
CC = {
    "eq": lambda a, b, B: wrap(a, B) == wrap(b, B), "ne": lambda a, b, B: wrap(a, B) != wrap(b, B),
    "slt": lambda a, b, B: sext(a, B) < sext(b, B), "sge": lambda a, b, B: sext(a, B) >= sext(b, B),
    "sgt": lambda a, b, B: sext(a, B) > sext(b, B), "sle": lambda a, b, B: sext(a, B) <= sext(b, B),
    "ult": lambda a, b, B: wrap(a, B) < wrap(b, B), "uge": lambda a, b, B: wrap(a, B) >= wrap(b, B),
    "ugt": lambda a, b, B: wrap(a, B) > wrap(b, B), "ule": lambda a, b, B: wrap(a, B) <= wrap(b, B),
}

def clz(x, B):
    x = wrap(x, B)
    return B - x.bit_length()

def ctz(x, B):
    x = wrap(x, B)
    return B if x == 0 else (x & -x).bit_length() - 1

def cls(x, B):
    x = wrap(x, B)
    s = x >> (B - 1)
    n = 0
    for i in range(B - 2, -1, -1):
        if (x >> i) & 1 == s:
            n += 1
        else:
            break
    return n

def bswap(x, B):
    return int.from_bytes(wrap(x, B).to_bytes(B // 8, "little"), "big")

def bitrev(x, B):
    return int(format(wrap(x, B), f"0{B}b")[::-1], 2)

UN = {
    "ineg": lambda a, B: -a,
    "iabs": lambda a, B: abs(sext(a, B)),
    "bnot": lambda a, B: ~a,
    "clz": clz, "ctz": ctz, "cls": cls,
    "popcnt": lambda a, B: bin(wrap(a, B)).count("1"),
    "bswap": bswap, "bitrev": bitrev,
}

out = []
w = out.append
w("test interpret")
w("target aarch64")
w("; Integer operations on i8/i16/i32/i64 whose operand registers hold garbage above the type's")
w("; width (each function narrows i64 arguments with ireduce, which leaves the upper bits set).")
w("; Each narrow result is widened both ways: return uextend(r) + 3 * sextend(r).")
w("; Expected values: corpus/adversarial/tools/gen_narrow.py (independent of the interpreter).")
w("")

def widen_expr(t, r):
    """Lines widening r (a value of type t) to i64 and the name of the i64 result."""
    if t == "i64":
        return [], r
    return [f"    v90 = uextend.i64 {r}", f"    v91 = sextend.i64 {r}", "    v92 = imul_imm v91, 3",
            "    v93 = iadd v90, v92"], "v93"

def widen_val(t, v):
    B = BITS[t]
    if B == 64:
        return wrap(v)
    return wrap(wrap(v, B) + 3 * sext(v, B))

def narrow_args(t, names):
    lines = []
    outn = []
    for i, nme in enumerate(names):
        if t == "i64":
            outn.append(nme)
        else:
            lines.append(f"    v{10 + i} = ireduce.{t} {nme}")
            outn.append(f"v{10 + i}")
    return lines, outn

for t in TYPES:
    B = BITS[t]
    E = edge(B)
    pairs = [(a, b) for a in E[::2] for b in E[1::2]] + [(E[5], E[7]), (E[7], E[5]), (E[7], E[7]), (E[8], E[6])]
    for op, f in BIN.items():
        if op == "bswap":
            continue
        name = f"{op}_{t}"
        w(f"function %{name}(i64, i64) -> i64 {{")
        w("block0(v0: i64, v1: i64):")
        ls, (a, b) = narrow_args(t, ["v0", "v1"])
        out.extend(ls)
        w(f"    v20 = {op} {a}, {b}")
        ls, r = widen_expr(t, "v20")
        out.extend(ls)
        w(f"    return {r}")
        w("}")
        for x, y in pairs:
            if op in ("udiv", "urem", "sdiv", "srem"):
                if wrap(y, B) == 0:
                    continue
                if op == "sdiv" and sext(x, B) == -(1 << (B - 1)) and sext(y, B) == -1:
                    continue
            w(run(name, [sext(full(x, B)), sext(full(y, B))], widen_val(t, f(x, y, B))))
        w("")
    # compares, both register and immediate forms, all condition codes
    w(f"function %icmp_{t}(i64, i64) -> i64 {{")
    w("block0(v0: i64, v1: i64):")
    ls, (a, b) = narrow_args(t, ["v0", "v1"])
    out.extend(ls)
    acc = None
    for k, cc in enumerate(CC):
        w(f"    v{20 + k} = icmp {cc} {a}, {b}")
        w(f"    v{40 + k} = uextend.i64 v{20 + k}")
        w(f"    v{60 + k} = ishl_imm v{40 + k}, {k}")
        if acc is None:
            acc = f"v{60 + k}"
        else:
            w(f"    v{80 + k} = bor {acc}, v{60 + k}")
            acc = f"v{80 + k}"
    w(f"    return {acc}")
    w("}")
    for x, y in pairs:
        r = sum((1 << k) for k, f in enumerate(CC.values()) if f(x, y, B))
        w(run(f"icmp_{t}", [sext(full(x, B)), sext(full(y, B))], r))
    w("")
    imms = []
    for imm in [0, 1, -1, (1 << (B - 1)) - 1, -(1 << (B - 1)), 0xfff, 0x1000, 4095 << 12, -4096, (1 << (B - 1)) + 5,
                0xfff001, -0xfff000, 0x1001]:
        if sext(imm, B) not in imms:
            imms.append(sext(imm, B))
    for imm in imms:
        fname = f"icmp_imm_{t}_{'m' if imm < 0 else ''}{abs(imm):x}"
        w(f"function %{fname}(i64) -> i64 {{")
        w("block0(v0: i64):")
        ls, (a,) = narrow_args(t, ["v0"])
        out.extend(ls)
        acc = None
        for k, cc in enumerate(CC):
            w(f"    v{20 + k} = icmp_imm {cc} {a}, {imm}")
            w(f"    v{40 + k} = uextend.i64 v{20 + k}")
            w(f"    v{60 + k} = ishl_imm v{40 + k}, {k}")
            if acc is None:
                acc = f"v{60 + k}"
            else:
                w(f"    v{80 + k} = bor {acc}, v{60 + k}")
                acc = f"v{80 + k}"
        w(f"    return {acc}")
        w("}")
        for x in E + [wrap(imm, B), wrap(imm + 1, B), wrap(imm - 1, B)]:
            r = sum((1 << k) for k, f in enumerate(CC.values()) if f(x, imm, B))
            w(run(fname, [sext(full(x, B))], r))
        w("")
    for op, f in UN.items():
        if op == "bswap" and t == "i8":
            continue
        name = f"{op}_{t}"
        w(f"function %{name}(i64) -> i64 {{")
        w("block0(v0: i64):")
        ls, (a,) = narrow_args(t, ["v0"])
        out.extend(ls)
        w(f"    v20 = {op} {a}")
        ls, r = widen_expr(t, "v20")
        out.extend(ls)
        w(f"    return {r}")
        w("}")
        for x in E:
            w(run(name, [sext(full(x, B))], widen_val(t, f(x, B))))
        w("")
    # select / bmask / trap-free conditionals on a narrow condition with garbage above it
    w(f"function %select_{t}(i64, i64, i64) -> i64 {{")
    w("block0(v0: i64, v1: i64, v2: i64):")
    if t == "i64":
        c = "v0"
    else:
        w(f"    v10 = ireduce.{t} v0"); c = "v10"
    w(f"    v20 = select {c}, v1, v2")
    w(f"    v21 = bmask.i64 {c}")
    w(f"    v22 = bxor v20, v21")
    w(f"    return v22")
    w("}")
    for x in [0, 1, 1 << (B - 1), (1 << B) - 1]:
        cond = wrap(x, B) != 0
        r = (1 if cond else 2) ^ (M64 if cond else 0)
        w(run(f"select_{t}", [sext(full(x, B)), 1, 2], r))
    w("")
    # brif on a narrow value with garbage above it
    w(f"function %brif_{t}(i64) -> i64 {{")
    w("block0(v0: i64):")
    if t == "i64":
        c = "v0"
    else:
        w(f"    v10 = ireduce.{t} v0"); c = "v10"
    w(f"    brif {c}, block1, block2")
    w("block1:")
    w("    v1 = iconst.i64 11")
    w("    return v1")
    w("block2:")
    w("    v2 = iconst.i64 22")
    w("    return v2")
    w("}")
    for x in [0, 1, 1 << (B - 1)]:
        w(run(f"brif_{t}", [sext(full(x, B))], 11 if wrap(x, B) else 22))
    w("")

# widening between every pair of types from registers with garbage
for src in TYPES:
    for dst in TYPES:
        if BITS[src] >= BITS[dst]:
            continue
        for op in ("uextend", "sextend"):
            name = f"{op}_{src}_{dst}"
            w(f"function %{name}(i64) -> i64 {{")
            w("block0(v0: i64):")
            w(f"    v1 = ireduce.{src} v0")
            w(f"    v2 = {op}.{dst} v1")
            w(f"    v3 = uextend.i64 v2" if dst != "i64" else "    v3 = iadd_imm v2, 0")
            w("    return v3")
            w("}")
            for x in edge(BITS[src]):
                v = wrap(x, BITS[src]) if op == "uextend" else wrap(sext(x, BITS[src]), BITS[dst])
                w(run(name, [sext(full(x, BITS[src]))], v))
            w("")

# shift amounts of a different type than the value, with garbage above the amount's width
for vt in TYPES:
    for at in TYPES:
        if vt == at:
            continue
        for op in ("ishl", "ushr", "sshr", "rotl", "rotr"):
            name = f"{op}_{vt}_by_{at}"
            w(f"function %{name}(i64, i64) -> i64 {{")
            w("block0(v0: i64, v1: i64):")
            a = "v0" if vt == "i64" else "v10"
            if vt != "i64":
                w(f"    v10 = ireduce.{vt} v0")
            s = "v1" if at == "i64" else "v11"
            if at != "i64":
                w(f"    v11 = ireduce.{at} v1")
            w(f"    v20 = {op} {a}, {s}")
            ls, r = widen_expr(vt, "v20")
            out.extend(ls)
            w(f"    return {r}")
            w("}")
            B = BITS[vt]
            for x in [0x81, (1 << B) - 2, 1 << (B - 1)]:
                for amt in [0, 1, B - 1, B, B + 1, 2 * B + 3, wrap(-1, BITS[at]), 1 << (BITS[at] - 1)]:
                    amt_t = wrap(amt, BITS[at])
                    v = BIN[op](x, amt_t % B, B)
                    w(run(name, [sext(full(x, B)), sext(full(amt_t, BITS[at]))], widen_val(vt, v)))
            w("")

# overflow arithmetic (result and flag)
OV = {
    "uadd_overflow": (lambda a, b, B: wrap(a, B) + wrap(b, B), False),
    "sadd_overflow": (lambda a, b, B: sext(a, B) + sext(b, B), True),
    "usub_overflow": (lambda a, b, B: wrap(a, B) - wrap(b, B), False),
    "ssub_overflow": (lambda a, b, B: sext(a, B) - sext(b, B), True),
    "umul_overflow": (lambda a, b, B: wrap(a, B) * wrap(b, B), False),
    "smul_overflow": (lambda a, b, B: sext(a, B) * sext(b, B), True),
}
for t in TYPES:
    B = BITS[t]
    E = edge(B)
    for op, (f, signed) in OV.items():
        name = f"{op}_{t}"
        w(f"function %{name}(i64, i64) -> i64, i8 {{")
        w("block0(v0: i64, v1: i64):")
        ls, (a, b) = narrow_args(t, ["v0", "v1"])
        out.extend(ls)
        w(f"    v20, v21 = {op} {a}, {b}")
        ls, r = widen_expr(t, "v20")
        out.extend(ls)
        w(f"    return {r}, v21")
        w("}")
        for x in E[::3]:
            for y in E[1::3]:
                exact = f(x, y, B)
                lo, hi = (-(1 << (B - 1)), (1 << (B - 1)) - 1) if signed else (0, (1 << B) - 1)
                w(run(name, [sext(full(x, B)), sext(full(y, B))], [widen_val(t, exact), 0 if lo <= exact <= hi else 1]))
        w("")

open("../narrow.clif", "w").write("\n".join(out) + "\n")
