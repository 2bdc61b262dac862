"""corpus/adversarial/fragments.clif: a framed function over 1 MiB whose dispatch br_table and 48
small target blocks (each with an epilogue: plain return, call then return, return_call,
return_call_indirect) straddle the first unwind fragment cut at 0xFFFFC bytes, so the cut must fall
next to (never inside) an epilogue, the jump table spans two fragments, and calls and tail calls
run from the second fragment while the unwind check walks every instruction they execute.
The filler (a popcnt.i8 chain, 13 instructions each) is only reached for x == 0 (no run line).

usage: gen_fragments.py [N]   (N = filler length; tuned so the dispatch starts ~0x200 before the cut)"""
import sys
from clifgen import *

N = int(sys.argv[1]) if len(sys.argv) > 1 else 20150
K = 48
out = []
w = out.append


def leaf(a, b):
    return wrap(a * 7 + b)


w("test interpret")
w("target aarch64")
w("; A framed function over 1 MiB: its br_table and 48 epilogue-ending target blocks (return, call +")
w("; return, return_call, return_call_indirect) straddle the unwind fragment cut at 0xFFFFC.")
w("; Expected values: corpus/adversarial/tools/gen_fragments.py (independent of the interpreter).")
w("")
w("function %leaf(i64, i64) -> i64 {")
w("block0(v0: i64, v1: i64):")
w("    v2 = imul_imm v0, 7")
w("    v3 = iadd v2, v1")
w("    return v3")
w("}")
w("")
w("function %frag(i64, i64) -> i64 {")
w("    ss0 = explicit_slot 16")
w("    sig0 = (i64, i64) -> i64")
w("    fn0 = %leaf(i64, i64) -> i64")
w("block0(v0: i64, v1: i64):")
w("    stack_store v1, ss0")
w("    v2 = ireduce.i32 v0")
w("    brif v1, block2, block1")
w("block1:")
w("    v3 = stack_load.i8 ss0")
prev = "v3"
n = 10
for k in range(N):
    w(f"    v{n} = popcnt {prev}"); prev = f"v{n}"; n += 1
w(f"    v{n} = uextend.i64 {prev}")
w(f"    return v{n}")
n += 1
w("block2:")
w("    br_table v2, block3, [" + ", ".join(f"block{4 + k}" for k in range(K)) + "]")
w("block3:")
w("    v4 = stack_load.i64 ss0")
w("    v5 = bnot v4")
w("    return v5")
for k in range(K):
    w(f"block{4 + k}:")
    a = f"v{n}"
    w(f"    {a} = stack_load.i64 ss0"); n += 1
    kind = k % 4
    if kind == 0:
        w(f"    v{n} = iadd_imm {a}, {k}"); w(f"    return v{n}"); n += 1
    elif kind == 1:
        w(f"    v{n} = iconst.i64 {k}"); c = f"v{n}"; n += 1
        w(f"    v{n} = call fn0({a}, {c})"); r = f"v{n}"; n += 1
        w(f"    v{n} = iadd_imm {r}, 1"); w(f"    return v{n}"); n += 1
    elif kind == 2:
        w(f"    v{n} = iconst.i64 {k}"); c = f"v{n}"; n += 1
        w(f"    return_call fn0({a}, {c})")
    else:
        w(f"    v{n} = iconst.i64 {k}"); c = f"v{n}"; n += 1
        w(f"    v{n} = func_addr.i64 fn0"); f = f"v{n}"; n += 1
        w(f"    return_call_indirect sig0, {f}({c}, {a})")
w("}")


def frag(sel, x):
    s = wrap(sel, 32)
    if s >= K:
        return wrap(~x)
    kind = s % 4
    if kind == 0:
        return wrap(x + s)
    if kind == 1:
        return wrap(leaf(x, s) + 1)
    if kind == 2:
        return leaf(x, s)
    return leaf(s, x)


for s in list(range(K + 1)) + [0xffffffff, 1 << 32]:
    w(run("frag", [s, 0x1234567], frag(s, 0x1234567)))
print("\n".join(out))
