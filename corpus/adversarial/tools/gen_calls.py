"""corpus/adversarial/calls.clif: 16-argument calls with narrow stack arguments carrying garbage
upper bits, call_indirect through func_addr, 8 mixed-width results, calls in a loop with many
values live across them, imports with values live across."""
from clifgen import *

T16 = ["i64", "i8", "i16", "i32", "i64", "i8", "i16", "i32", "i8", "i16", "i32", "i64", "i8", "i16", "i32", "i8"]
P = [3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59]
K = [0x0123456789abcdef * (k + 1) + 0x7f * k for k in range(16)]
K2 = [0x0fedcba987654321 ^ (0x1111111111111111 * k) for k in range(16)]
out = []
w = out.append

def many16(args):
    acc = 0
    for k, t in enumerate(T16):
        b = BITS[t]
        v = sext(args[k], b) if (k % 2 == 1 or b == 64) else wrap(args[k], b)
        acc = wrap(acc + v * P[k])
    return acc

w("test interpret")
w("target aarch64")
w("; Calls with 16 arguments (8 on the stack, narrow ones with garbage above their width in the")
w("; caller's registers), indirect calls through func_addr, 8 mixed-width results, calls in loops.")
w("; Expected values: corpus/adversarial/tools/gen_calls.py (independent of the interpreter).")
w("; import: %host_mix from \"host.dll\"")
w("; import: %host_sum4 from \"host.dll\"")
w("")
sig = ", ".join(T16)
w(f"function %many16({sig}) -> i64 {{")
w("block0(" + ", ".join(f"v{k}: {t}" for k, t in enumerate(T16)) + "):")
n = 16
acc = None
for k, t in enumerate(T16):
    if t == "i64":
        e = f"v{k}"
    else:
        op = "sextend" if k % 2 == 1 else "uextend"
        w(f"    v{n} = {op}.i64 v{k}"); e = f"v{n}"; n += 1
    w(f"    v{n} = imul_imm {e}, {P[k]}"); m = f"v{n}"; n += 1
    if acc is None:
        acc = m
    else:
        w(f"    v{n} = iadd {acc}, {m}"); acc = f"v{n}"; n += 1
w(f"    return {acc}")
w("}")
for args in [[0] * 16, [1] * 16, [-1] * 16, [0x7f, 0x80, 0x8000, 0x80000000, -2, 0xff, 0xffff, 0x7fffffff, 0x80, 0x8001, -0x80000000, 5, 0x7f, 0x7fff, 1, 0xc3]]:
    a2 = [sext(a, BITS[t]) for a, t in zip(args, T16)]
    w(run("many16", a2, many16(args)))
w("")

# narrow-sensitive ops on stack arguments
w("function %stack_ops(i64, i64, i64, i64, i64, i64, i64, i64, i8, i16, i32, i8) -> i64 {")
w("block0(v0: i64, v1: i64, v2: i64, v3: i64, v4: i64, v5: i64, v6: i64, v7: i64, v8: i8, v9: i16, v10: i32, v11: i8):")
w("    v12 = udiv v8, v11")
w("    v13 = uextend.i64 v12")
w("    v14 = sshr_imm v9, 3")
w("    v15 = sextend.i64 v14")
w("    v16 = icmp_imm slt v10, 0")
w("    v17 = uextend.i64 v16")
w("    v18 = ushr v8, v11")
w("    v19 = uextend.i64 v18")
w("    v20 = icmp ult v8, v11")
w("    v21 = uextend.i64 v20")
w("    v22 = ishl_imm v15, 8")
w("    v23 = ishl_imm v17, 28")
w("    v24 = ishl_imm v19, 32")
w("    v25 = ishl_imm v21, 40")
w("    v26 = iadd v13, v22")
w("    v27 = iadd v26, v23")
w("    v28 = iadd v27, v24")
w("    v29 = iadd v28, v25")
w("    v30 = iadd v29, v7")
w("    return v30")
w("}")

def stack_ops(a8, b16, c32, d8, x7=0):
    a, d = wrap(a8, 8), wrap(d8, 8)
    r1 = a // d
    r2 = sext(sext(b16, 16) >> 3, 16)
    r3 = 1 if sext(c32, 32) < 0 else 0
    r4 = a >> (d % 8)
    r5 = 1 if a < d else 0
    return wrap(r1 + wrap(r2 << 8) + (r3 << 28) + (r4 << 32) + (r5 << 40) + x7)

for a, b, c, d in [(200, -32768, -1, 3), (7, 0x7fff, 0x7fffffff, 9), (-1, -9, 5, -1)]:
    w(run("stack_ops", [0] * 7 + [100, sext(a, 8), sext(b, 16), sext(c, 32), sext(d, 8)], stack_ops(a, b, c, d, 100)))
w("")

# caller: garbage upper bits in narrow argument registers, 22 values live across three calls
NL = 22
w("function %drive(i64) -> i64 {")
w("    sig0 = (" + sig + ") -> i64")
w("    fn0 = colocated %many16(" + sig + ") -> i64")
w("    fn1 = colocated %stack_ops(i64, i64, i64, i64, i64, i64, i64, i64, i8, i16, i32, i8) -> i64")
w("block0(v0: i64):")
w("    v1 = iconst.i64 0x5a5a5a5a5a5a5a5a")
w("    v2 = bxor v0, v1")
n = 3
live = []
for j in range(NL):
    w(f"    v{n} = imul_imm v0, {j + 3}"); live.append(f"v{n}"); n += 1
def argset(Ks):
    global n
    names = []
    for k, t in enumerate(T16):
        w(f"    v{n} = iadd_imm v2, {sext(Ks[k])}"); raw = f"v{n}"; n += 1
        if t == "i64":
            names.append(raw)
        else:
            w(f"    v{n} = ireduce.{t} {raw}"); names.append(f"v{n}"); n += 1
    return names
A1 = argset(K)
w(f"    v{n} = call fn0(" + ", ".join(A1) + ")"); r1 = f"v{n}"; n += 1
A2 = argset(K2)
w(f"    v{n} = func_addr.i64 fn0"); fa = f"v{n}"; n += 1
w(f"    v{n} = call_indirect sig0, {fa}(" + ", ".join(A2) + ")"); r2 = f"v{n}"; n += 1
# stack_ops with garbage narrow args: a = low8(y+K[1]), b = low16(y+K[2]), c = low32(y+K[3]), d = low8(y+K[5])|1
w(f"    v{n} = bor_imm {A1[5]}, 1"); dd = f"v{n}"; n += 1
w(f"    v{n} = call fn1({live[0]}, {live[1]}, {live[2]}, {live[3]}, {live[4]}, {live[5]}, {live[6]}, {r1}, {A1[1]}, {A1[2]}, {A1[3]}, {dd})"); r3 = f"v{n}"; n += 1
acc = r3
w(f"    v{n} = bxor {acc}, {r2}"); acc = f"v{n}"; n += 1
for j, L in enumerate(live):
    w(f"    v{n} = imul_imm {L}, {2 * j + 1}"); m = f"v{n}"; n += 1
    w(f"    v{n} = iadd {acc}, {m}"); acc = f"v{n}"; n += 1
w(f"    return {acc}")
w("}")

def drive(x):
    y = wrap(x) ^ 0x5a5a5a5a5a5a5a5a
    L = [wrap(x * (j + 3)) for j in range(NL)]
    a1 = [wrap(y + k) for k in K]
    a2 = [wrap(y + k) for k in K2]
    r1 = many16(a1)
    r2 = many16(a2)
    d = wrap(a1[5], 8) | 1
    r3 = stack_ops(a1[1], a1[2], a1[3], d, r1)
    acc = r3 ^ r2
    for j in range(NL):
        acc = wrap(acc + L[j] * (2 * j + 1))
    return acc

for x in [0, 1, -1, 0x1234567890abcdef, 0x7f7f7f7f7f7f7f7f]:
    w(run("drive", [sext(x)], drive(x)))
w("")

# 8 results of mixed widths with garbage above the narrow ones
RT = ["i8", "i16", "i32", "i64", "i8", "i16", "i32", "i64"]
RC = [0x1ff, 0x1fffe, 0x1fffffffd, 0x7ffffffffffffffc, 0x37b, 0x9abcd, 0x123456789, 0x55]
w("function %ret8(i64) -> " + ", ".join(RT) + " {")
w("block0(v0: i64):")
n = 1
rets = []
for t, c in zip(RT, RC):
    w(f"    v{n} = iadd_imm v0, {c}"); raw = f"v{n}"; n += 1
    if t == "i64":
        rets.append(raw)
    else:
        w(f"    v{n} = ireduce.{t} {raw}"); n += 1
        w(f"    v{n} = iadd v{n - 1}, v{n - 1}"); rets.append(f"v{n}"); n += 1
w("    return " + ", ".join(rets))
w("}")

def ret8(x):
    out = []
    for t, c in zip(RT, RC):
        v = wrap(x + c)
        out.append(v if t == "i64" else wrap(2 * v, BITS[t]))
    return out

for x in [0, 1, -1, 0x80]:
    w(run("ret8", [x], ret8(x)))

w("function %use_ret8(i64) -> i64 {")
w("    fn0 = colocated %ret8(i64) -> " + ", ".join(RT))
w("    fn1 = %host_sum4(i64, i64, i64, i64) -> i64")
w("block0(v0: i64):")
w("    v1 = iadd_imm v0, 77")
w("    v2 = imul_imm v0, 3")
w("    v3, v4, v5, v6, v7, v8, v9, v10 = call fn0(v0)")
w("    v11, v12, v13, v14, v15, v16, v17, v18 = call fn0(v1)")
n = 19
vals = []
for base in (3, 11):
    for i, t in enumerate(RT):
        v = f"v{base + i}"
        if t == "i64":
            vals.append(v)
        else:
            op = "sextend" if i < 4 else "uextend"
            w(f"    v{n} = {op}.i64 {v}"); vals.append(f"v{n}"); n += 1
acc = "v2"
for j, v in enumerate(vals):
    w(f"    v{n} = imul_imm {v}, {j + 1}"); n += 1
    w(f"    v{n} = bxor {acc}, v{n - 1}"); acc = f"v{n}"; n += 1
w(f"    v{n} = call fn1({acc}, v1, v2, v0)"); acc = f"v{n}"; n += 1
w(f"    v{n} = iadd {acc}, v1"); acc = f"v{n}"; n += 1
w(f"    return {acc}")
w("}")

def use_ret8(x):
    v1 = wrap(x + 77); v2 = wrap(3 * x)
    vals = []
    for r in (ret8(x), ret8(v1)):
        for i, t in enumerate(RT):
            b = BITS[t]
            vals.append(r[i] if b == 64 else (wrap(sext(r[i], b)) if i < 4 else r[i]))
    acc = v2
    for j, v in enumerate(vals):
        acc ^= wrap(v * (j + 1))
    s4 = wrap(acc + 2 * v1 + 3 * v2 + 4 * wrap(x))
    return wrap(s4 + v1)

for x in [0, 5, -1, 0x7f, 0x123456789]:
    w(run("use_ret8", [x], use_ret8(x)))
w("")

# calls in a loop, 12 constants and the counter live across the loop and the call
w("function %loop_calls(i64) -> i64 {")
w("    fn0 = colocated %many16(" + sig + ") -> i64")
w("    fn1 = %host_mix(i64, i64) -> i64")
w("block0(v0: i64):")
C = [0x1111 * (k + 1) + (k << 40) for k in range(12)]
for k, c in enumerate(C):
    w(f"    v{k + 1} = iconst.i64 {hex(c)}")
w("    v13 = iconst.i64 0")
w("    jump block1(v13, v13)")
w("")
w("block1(v14: i64, v15: i64):")
w("    v16 = icmp slt v14, v0")
w("    brif v16, block2, block3(v15)")
w("")
w("block2:")
w("    v17 = iadd v14, v1")
w("    v18 = ireduce.i8 v17")
w("    v19 = ireduce.i16 v17")
w("    v20 = ireduce.i32 v17")
w("    v21 = call fn0(v14, v18, v19, v20, v2, v18, v19, v20, v18, v19, v20, v3, v18, v19, v20, v18)")
w("    v22 = iadd v15, v21")
w("    v23 = call fn1(v22, v4)")
w("    v24 = iadd_imm v14, 1")
w("    jump block1(v24, v23)")
w("")
w("block3(v25: i64):")
n = 26
acc = "v25"
for k in range(12):
    w(f"    v{n} = bxor {acc}, v{k + 1}"); acc = f"v{n}"; n += 1
    w(f"    v{n} = imul_imm {acc}, 3"); acc = f"v{n}"; n += 1
w(f"    return {acc}")
w("}")

def rotl(x, r):
    x = wrap(x); r %= 64
    return wrap((x << r) | (x >> (64 - r)))

def host_mix(a, b):
    return wrap(wrap(a * 31) ^ rotl(b, 7))

def loop_calls(n0):
    acc = 0
    i = 0
    while sext(i) < sext(n0):
        t = wrap(i + C[0])
        args = [i, t, t, t, C[1], t, t, t, t, t, t, C[2], t, t, t, t]
        r = many16(args)
        acc = host_mix(wrap(acc + r), C[3])
        i += 1
    for k in range(12):
        acc = wrap((acc ^ C[k]) * 3)
    return acc

for x in [0, 1, 3, 10]:
    w(run("loop_calls", [x], loop_calls(x)))

open("../calls.clif", "w").write("\n".join(out) + "\n")
