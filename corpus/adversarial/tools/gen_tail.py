"""corpus/adversarial/tail_calls.clif: return_call / return_call_indirect whose stack arguments are
the caller's own incoming stack arguments permuted (swapped, rotated, reversed, duplicated, fewer),
narrow stack arguments with garbage, tail calls from framed functions with callee-saved registers
in use, from a frame over 32 KiB (incoming area beyond the scaled-offset range), through func_addr,
symbol_value and imports, at a loop exit, and a 100k-deep ping/pong (`tail` convention) that
permutes its stack arguments on every hop and returns how far SP moved (must be 0)."""
from clifgen import *

out = []
w = out.append
P = [3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41]


def g(xs):
    return wrap(sum(x * P[k] for k, x in enumerate(xs)))


def mix2(a, b):
    return wrap(wrap(a) * 0x9e3779b97f4a7c15 ^ (wrap(b) >> 3))


def host_mix(a, b):
    b = wrap(b)
    return wrap(wrap(a) * 31 ^ wrap((b << 7) | (b >> 57)))


def params(n, t="i64"):
    return ", ".join([t] * n)


def block0(n):
    return "block0(" + ", ".join(f"v{k}: i64" for k in range(n)) + "):"


w("test interpret")
w("target aarch64")
w("; Tail calls: stack arguments written into the caller's own incoming area while they are permuted")
w("; from that same area, narrow stack arguments, framed callers (callee-saved registers, a frame over")
w("; 32 KiB), indirect/import targets, a loop exit, and a 100k-deep ping/pong whose SP must not move.")
w("; Expected values: corpus/adversarial/tools/gen_tail.py (independent of the interpreter).")
w("; import: %host_mix from \"host.dll\"")
w("")

for n in (10, 12):
    w(f"function %g{n}({params(n)}) -> i64 {{")
    w(block0(n))
    acc = None
    c = n
    for k in range(n):
        w(f"    v{c} = imul_imm v{k}, {P[k]}"); m = f"v{c}"; c += 1
        if acc is None:
            acc = m
        else:
            w(f"    v{c} = iadd {acc}, {m}"); acc = f"v{c}"; c += 1
    w(f"    return {acc}")
    w("}")
    w("")

w("function %mix2(i64, i64) -> i64 {")
w("block0(v0: i64, v1: i64):")
w("    v2 = iconst.i64 0x9e3779b97f4a7c15")
w("    v3 = imul v0, v2")
w("    v4 = ushr_imm v1, 3")
w("    v5 = bxor v3, v4")
w("    return v5")
w("}")
w("")

A10 = [0x1000 + k * 0x1111 for k in range(10)]
A12 = [(-1) ** k * (0x10001 * (k + 1)) for k in range(12)]
NEG = [-(k + 1) * 0x123456789 for k in range(12)]

PERMS = [
    ("swap", 10, 10, [0, 1, 2, 3, 4, 5, 6, 7, 9, 8]),
    ("regstack", 10, 10, [8, 1, 2, 3, 4, 5, 6, 7, 0, 9]),
    ("regstack2", 10, 10, [9, 8, 2, 3, 4, 5, 6, 7, 1, 0]),
    ("dup", 10, 10, [0, 1, 2, 3, 4, 5, 6, 7, 8, 8]),
    ("dup2", 10, 10, [9, 9, 2, 3, 4, 5, 6, 7, 9, 9]),
    ("rot12", 12, 12, [0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 8]),
    ("rev12", 12, 12, list(range(11, -1, -1))),
    ("fewer", 12, 10, [0, 1, 2, 3, 4, 5, 6, 7, 11, 10]),
    ("fewer2", 12, 10, [8, 9, 10, 11, 4, 5, 6, 7, 3, 1]),
]
for name, n, m, perm in PERMS:
    w(f"function %tc_{name}({params(n)}) -> i64 {{")
    w(f"    fn0 = %g{m}({params(m)}) -> i64")
    w(block0(n))
    w("    return_call fn0(" + ", ".join(f"v{p}" for p in perm) + ")")
    w("}")
    for args in ([A10, A12][n == 12], NEG[:n]):
        w(run(f"tc_{name}", args, g([args[p] for p in perm])))
    w("")

# narrow stack arguments: the callee extends them; the caller passes ireduce'd values (garbage above)
NT = ["i64", "i8", "i16", "i32", "i64", "i8", "i16", "i32", "i8", "i16", "i32", "i8"]
w(f"function %gn({', '.join(NT)}) -> i64 {{")
w("block0(" + ", ".join(f"v{k}: {t}" for k, t in enumerate(NT)) + "):")
c = 12
acc = None
for k, t in enumerate(NT):
    if t == "i64":
        e = f"v{k}"
    else:
        op = "sextend" if k % 2 == 1 else "uextend"
        w(f"    v{c} = {op}.i64 v{k}"); e = f"v{c}"; c += 1
    w(f"    v{c} = imul_imm {e}, {P[k]}"); mm = f"v{c}"; c += 1
    if acc is None:
        acc = mm
    else:
        w(f"    v{c} = iadd {acc}, {mm}"); acc = f"v{c}"; c += 1
w(f"    return {acc}")
w("}")
w("")


def gn(xs):
    acc = 0
    for k, t in enumerate(NT):
        b = BITS[t]
        v = sext(xs[k], b) if (k % 2 == 1 or b == 64) else wrap(xs[k], b)
        acc = wrap(acc + v * P[k])
    return acc


# caller: i64 params, permuted: stack slot k of the callee gets param perm[k]
NPERM = [0, 1, 2, 3, 4, 5, 6, 7, 11, 10, 9, 8]
w(f"function %tc_narrow({params(12)}) -> i64 {{")
w(f"    fn0 = %gn({', '.join(NT)}) -> i64")
w(block0(12))
c = 12
argv = []
for k, t in enumerate(NT):
    src = f"v{NPERM[k]}"
    if t == "i64":
        argv.append(src)
    else:
        w(f"    v{c} = ireduce.{t} {src}"); argv.append(f"v{c}"); c += 1
w("    return_call fn0(" + ", ".join(argv) + ")")
w("}")
G = 0xdeadbeefcafebabe
for args in ([G ^ k for k in range(12)], [0xffffffffffffff80 | k for k in range(12)], [0x7f7f7f7f7f7f7f7f] * 12):
    args = [sext(a) for a in args]
    w(run("tc_narrow", args, gn([args[p] for p in NPERM])))
w("")

# framed caller: 10 values live across two calls, then a tail call with swapped stack args
w(f"function %tc_framed({params(10)}) -> i64 {{")
w("    fn0 = %g10(" + params(10) + ") -> i64")
w("    fn1 = %mix2(i64, i64) -> i64")
w(block0(10))
w("    v10 = call fn1(v0, v1)")
w("    v11 = call fn1(v8, v9)")
w("    v12 = iadd v10, v11")
w("    return_call fn0(v12, v2, v3, v4, v5, v6, v7, v11, v9, v8)")
w("}")


def tc_framed(a):
    v10 = mix2(a[0], a[1]); v11 = mix2(a[8], a[9])
    return g([wrap(v10 + v11), a[2], a[3], a[4], a[5], a[6], a[7], v11, a[9], a[8]])


for args in (A10, NEG[:10]):
    w(run("tc_framed", args, tc_framed(args)))
w("")

# a frame over 32 KiB: the incoming area is beyond str's scaled 12-bit offset
w(f"function %tc_bigframe({params(10)}) -> i64 {{")
w("    ss0 = explicit_slot 40000")
w("    fn0 = %g10(" + params(10) + ") -> i64")
w(block0(10))
w("    stack_store v9, ss0+39992")
w("    stack_store v8, ss0")
w("    v10 = stack_load.i64 ss0+39992")
w("    v11 = stack_load.i64 ss0")
w("    v12 = iadd v10, v0")
w("    return_call fn0(v1, v12, v2, v3, v4, v5, v6, v7, v10, v11)")
w("}")
for args in (A10, NEG[:10]):
    w(run("tc_bigframe", args, g([args[1], wrap(args[9] + args[0]), args[2], args[3], args[4], args[5], args[6], args[7], args[9], args[8]])))
w("")

# a framed big caller calling normally too (callee-saved + big frame + call)
w(f"function %tc_bigframe_call({params(10)}) -> i64 {{")
w("    ss0 = explicit_slot 40000")
w("    fn0 = %g10(" + params(10) + ") -> i64")
w("    fn1 = %mix2(i64, i64) -> i64")
w(block0(10))
w("    stack_store v9, ss0+39992")
w("    v10 = call fn1(v8, v0)")
w("    v11 = stack_load.i64 ss0+39992")
w("    return_call fn0(v11, v1, v2, v3, v4, v5, v6, v7, v10, v8)")
w("}")
for args in (A10, NEG[:10]):
    w(run("tc_bigframe_call", args, g([args[9], args[1], args[2], args[3], args[4], args[5], args[6], args[7], mix2(args[8], args[0]), args[8]])))
w("")

# indirect: func_addr chosen by a select, the callee pointer live while stack args move
w(f"function %tc_indirect({params(10)}) -> i64 {{")
w("    sig0 = (" + params(10) + ") -> i64")
w("    fn0 = %g10(" + params(10) + ") -> i64")
w("    fn1 = %tc_swap(" + params(10) + ") -> i64")
w(block0(10))
w("    v10 = func_addr.i64 fn0")
w("    v11 = func_addr.i64 fn1")
w("    v12 = band_imm v0, 1")
w("    v13 = select v12, v11, v10")
w("    return_call_indirect sig0, v13(v9, v1, v2, v3, v4, v5, v6, v7, v8, v0)")
w("}")


def tc_indirect(a):
    xs = [a[9], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[0]]
    if a[0] & 1:
        xs = xs[:8] + [xs[9], xs[8]]
    return g(xs)


for args in (A10, [0x1001] + A10[1:], NEG[:10]):
    w(run("tc_indirect", args, tc_indirect(args)))
w("")

# symbol_value of a function, callee pointer arriving as a stack argument after framing
w(f"function %tc_symbol({params(10)}) -> i64 {{")
w("    sig0 = (" + params(10) + ") -> i64")
w("    fn1 = %mix2(i64, i64) -> i64")
w("    gv0 = symbol %g10")
w(block0(10))
w("    v10 = symbol_value.i64 gv0")
w("    v11 = call fn1(v9, v8)")
w("    return_call_indirect sig0, v10(v11, v1, v2, v3, v4, v5, v6, v7, v0, v9)")
w("}")
for args in (A10, NEG[:10]):
    w(run("tc_symbol", args, g([mix2(args[9], args[8])] + args[1:8] + [args[0], args[9]])))
w("")

# imports: direct return_call to an import from a framed and a frameless function
w("function %tc_import(i64, i64) -> i64 {")
w("    fn0 = %host_mix(i64, i64) -> i64")
w("block0(v0: i64, v1: i64):")
w("    return_call fn0(v1, v0)")
w("}")
w("function %tc_import_framed(i64, i64) -> i64 {")
w("    fn0 = %host_mix(i64, i64) -> i64")
w("    fn1 = %mix2(i64, i64) -> i64")
w("block0(v0: i64, v1: i64):")
w("    v2 = call fn1(v0, v1)")
w("    v3 = call fn0(v2, v1)")
w("    return_call fn0(v3, v2)")
w("}")
for a, b in ((1, 2), (-1, 0x123456789abcdef), (0x7fffffffffffffff, -0x8000000000000000)):
    w(run("tc_import", [a, b], host_mix(b, a)))
    v2 = mix2(a, b); v3 = host_mix(v2, b)
    w(run("tc_import_framed", [a, b], host_mix(v3, v2)))
w("")

# a tail call at a loop exit with values carried through block params
w("function %tc_loop(i64, i64) -> i64 {")
w("    fn0 = %mix2(i64, i64) -> i64")
w("block0(v0: i64, v1: i64):")
w("    v2 = iconst.i64 0")
w("    jump block1(v0, v1, v2)")
w("block1(v3: i64, v4: i64, v5: i64):")
w("    brif v3, block2, block3")
w("block2:")
w("    v6 = imul_imm v4, 3")
w("    v7 = iadd v6, v5")
w("    v8 = iadd_imm v5, 1")
w("    v9 = iadd_imm v3, -1")
w("    jump block1(v9, v7, v8)")
w("block3:")
w("    return_call fn0(v5, v4)")
w("}")


def tc_loop(n, acc):
    i = 0
    while n:
        acc = wrap(acc * 3 + i); i += 1; n -= 1
    return mix2(i, acc)


for n, acc in ((0, 5), (1, 5), (10, -3), (300, 0x1234)):
    w(run("tc_loop", [n, acc], tc_loop(n, acc)))
w("")

# ping/pong in the tail convention: every hop permutes the register and stack arguments; pong has a
# frame (it calls mix2). ping returns acc + 0x1000 * (SP at the first ping - SP now): 0 growth.
PP = params(10)
w(f"function %ping({PP}) -> i64 tail {{")
w(f"    fn0 = %pong({PP}) -> i64 tail")
w(block0(10))
w("    v10 = get_stack_pointer.i64")
w("    v11 = select v1, v1, v10")
w("    brif v0, block1, block2")
w("block1:")
w("    v12 = iadd_imm v0, -1")
w("    v13 = iadd v9, v0")
w("    v14 = bxor v8, v2")
w("    return_call fn0(v12, v11, v3, v4, v5, v6, v7, v2, v13, v14)")
w("block2:")
w("    v15 = isub v11, v10")
w("    v16 = imul_imm v15, 0x1000")
w("    v17 = iadd v2, v3")
w("    v18 = iadd v17, v4")
w("    v19 = iadd v18, v5")
w("    v20 = iadd v19, v6")
w("    v21 = iadd v20, v7")
w("    v22 = imul_imm v8, 3")
w("    v23 = imul_imm v9, 5")
w("    v24 = iadd v21, v22")
w("    v25 = iadd v24, v23")
w("    v26 = iadd v25, v16")
w("    return v26")
w("}")
w(f"function %pong({PP}) -> i64 tail {{")
w(f"    fn0 = %ping({PP}) -> i64 tail")
w("    fn1 = %mix2(i64, i64) -> i64")
w(block0(10))
w("    v10 = call fn1(v8, v9)")
w("    v11 = ushr_imm v10, 40")
w("    return_call fn0(v0, v1, v2, v3, v4, v5, v6, v7, v9, v11)")
w("}")
w("function %pingpong(i64) -> i64 {")
w(f"    fn0 = %ping({PP}) -> i64 tail")
w("block0(v0: i64):")
w("    v1 = iconst.i64 0")
for k in range(2, 10):
    w(f"    v{k} = iconst.i64 {k * 0x101}")
w("    v10 = call fn0(v0, v1, v2, v3, v4, v5, v6, v7, v8, v9)")
w("    return v10")
w("}")


def pingpong(n):
    r = [k * 0x101 for k in range(2, 8)]
    s8, s9 = 8 * 0x101, 9 * 0x101
    while True:
        if n == 0:
            return wrap(sum(r) + 3 * s8 + 5 * s9)
        # ping -> pong
        r2 = r[1:] + r[:1]
        s8, s9 = wrap(s9 + n), wrap(s8 ^ r[0])
        n -= 1
        r = r2
        # pong -> ping
        v10 = mix2(s8, s9)
        s8, s9 = s9, v10 >> 40


for n in (0, 1, 2, 7, 100):
    w(run("pingpong", [n], pingpong(n)))
# Deep runs last: the interpreter (harness fuel) stops comparing at the first one it cannot finish.
for n in (100000,):
    w(run("pingpong", [n], pingpong(n)))
w("")

print("\n".join(out))
