"""corpus/adversarial/unwind.clif: prologue/epilogue shapes for the Unwind check: 0..11 values
live across a call (odd and even numbers of callee-saved registers, then spills), frames of
0/8/4000/4088/4096/5000/70000 bytes (the last ones through __chkstk), 1..40 return points (more
than 31 epilogues needs the .xdata extension word), and recursion with stack arguments."""
from clifgen import *

out = []
w = out.append
w("test interpret")
w("target aarch64")
w("; Frames for the Unwind check: odd/even callee-saved counts, frames around the 4 KiB probe size,")
w("; up to 40 epilogues, recursion with stack arguments.")
w("; Expected values: corpus/adversarial/tools/gen_unwind.py (independent of the interpreter).")
w("")
w("function %twist(i64) -> i64 {")
w("block0(v0: i64):")
w("    v1 = imul_imm v0, 0x9e3779b9")
w("    v2 = ushr_imm v1, 7")
w("    v3 = bxor v1, v2")
w("    return v3")
w("}")

def twist(x):
    v1 = wrap(x * 0x9e3779b9)
    return v1 ^ (v1 >> 7)

CASES = [(1, None, 1), (2, 8, 2), (3, 4000, 40), (4, 4088, 3), (5, 5000, 3), (7, 70000, 33), (9, None, 40),
         (10, 4096, 5), (11, 100, 2), (0, 4096, 35), (6, None, 32), (8, 16, 31)]
for (K, slot, R) in CASES:
    fn = f"shape_k{K}_s{slot or 0}_r{R}"
    w("")
    w(f"function %{fn}(i32, i64) -> i64 {{")
    if slot:
        w(f"    ss0 = explicit_slot {slot}")
    w("    fn0 = colocated %twist(i64) -> i64")
    w("block0(v0: i32, v1: i64):")
    for k in range(K):
        w(f"    v{10 + k} = iadd_imm v1, {k * 7 + 1}")
    if slot:
        w(f"    stack_store v1, ss0+{slot - 8 if slot >= 8 else 0}")
    w("    v2 = call fn0(v1)")
    if slot:
        w(f"    v3 = stack_load.i64 ss0+{slot - 8 if slot >= 8 else 0}")
    else:
        w("    v3 = iadd_imm v1, 0")
    w("    v4 = iadd v2, v3")
    w("    br_table v0, block1, [" + ", ".join(f"block{r + 2}" for r in range(R - 1)) + "]")
    for r in range(R):
        w(f"block{r + 1}:")
        acc = "v4"
        n = 100 + 20 * r
        for k in range(K):
            if (k + r) % 3 == 0:
                continue
            w(f"    v{n} = imul_imm v{10 + k}, {r + k + 1}")
            w(f"    v{n + 1} = iadd {acc}, v{n}")
            acc = f"v{n + 1}"
            n += 2
        w(f"    v{n} = iadd_imm {acc}, {r}")
        w(f"    return v{n}")
    w("}")

    def val(sel, x, K=K, R=R):
        r = sel + 1 if 0 <= sel < R - 1 else 0
        vs = [wrap(x + k * 7 + 1) for k in range(K)]
        acc = wrap(twist(x) + x)
        for k in range(K):
            if (k + r) % 3 == 0:
                continue
            acc = wrap(acc + vs[k] * (r + k + 1))
        return wrap(acc + r)

    sels = sorted(set([0, R - 2, R - 1, R, -1, R // 2]))
    for s in sels:
        w(run(fn, [s, 12345], val(s, 12345)))

# recursion with 12 arguments (4 on the stack, narrow ones), depth n
w("")
w("function %rec(i64, i64, i64, i64, i64, i64, i64, i64, i8, i16, i32, i64) -> i64 {")
w("    fn0 = colocated %rec(i64, i64, i64, i64, i64, i64, i64, i64, i8, i16, i32, i64) -> i64")
w("    ss0 = explicit_slot 24")
w("block0(v0: i64, v1: i64, v2: i64, v3: i64, v4: i64, v5: i64, v6: i64, v7: i64, v8: i8, v9: i16, v10: i32, v11: i64):")
w("    brif v0, block1, block2")
w("block1:")
w("    stack_store v11, ss0+16")
w("    v12 = iadd_imm v0, -1")
w("    v13 = iadd_imm v8, 3")
w("    v14 = iadd_imm v9, 1000")
w("    v15 = imul_imm v10, 3")
w("    v16 = iadd v11, v1")
w("    v17 = call fn0(v12, v2, v3, v4, v5, v6, v7, v1, v13, v14, v15, v16)")
w("    v18 = stack_load.i64 ss0+16")
w("    v19 = bxor v17, v18")
w("    v20 = imul_imm v19, 5")
w("    return v20")
w("block2:")
w("    v21 = sextend.i64 v8")
w("    v22 = sextend.i64 v9")
w("    v23 = sextend.i64 v10")
w("    v24 = iadd v21, v22")
w("    v25 = iadd v24, v23")
w("    v26 = iadd v25, v11")
w("    v27 = iadd v26, v7")
w("    return v27")
w("}")

def rec(a):
    n, r1, r2, r3, r4, r5, r6, r7, a8, a16, a32, a64 = a
    if wrap(n) == 0:
        return wrap(sext(a8, 8) + sext(a16, 16) + sext(a32, 32) + a64 + r7)
    sub = rec([wrap(n - 1), r2, r3, r4, r5, r6, r7, r1, wrap(a8 + 3, 8), wrap(a16 + 1000, 16), wrap(a32 * 3, 32), wrap(a64 + r1)])
    return wrap((sub ^ wrap(a64)) * 5)

for n in [0, 1, 2, 7, 100]:
    a = [n, 1, 2, 3, 4, 5, 6, 7, 120, 32000, 0x7ffffff0, 9]
    w(run("rec", [n, 1, 2, 3, 4, 5, 6, 7, sext(120, 8), sext(32000, 16), sext(0x7ffffff0, 32), 9], rec(a)))

open("../unwind.clif", "w").write("\n".join(out) + "\n")
