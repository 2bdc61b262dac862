"""corpus/adversarial/moves.clif: parallel moves at calls, returns and entry: 8 results returned
reversed and rotated (swaps and an 8-cycle through the scratch register), call arguments that are
the caller's own parameters permuted (register and stack arguments exchanged), an indirect call
whose callee pointer arrives in x0 or on the stack while x0 receives an argument."""
from clifgen import *

out = []
w = out.append
w("test interpret")
w("target aarch64")
w("; Parallel moves: permuted returns, permuted call arguments from parameters (register <-> stack),")
w("; indirect calls whose callee pointer sits in an argument register or on the stack.")
w("; Expected values: corpus/adversarial/tools/gen_moves.py (independent of the interpreter).")
w("")
A8 = ", ".join(["i64"] * 8)
PV8 = ", ".join(f"v{k}: i64" for k in range(8))
for name, perm in [("rev", [7, 6, 5, 4, 3, 2, 1, 0]), ("rot", [1, 2, 3, 4, 5, 6, 7, 0]), ("mix", [3, 0, 1, 2, 5, 4, 7, 7])]:
    w(f"function %ret_{name}({A8}) -> {A8} {{")
    w(f"block0({PV8}):")
    w("    return " + ", ".join(f"v{p}" for p in perm))
    w("}")
    w(run(f"ret_{name}", list(range(10, 18)), [10 + p for p in perm]))
    w("")

W16 = [k * k + 3 for k in range(16)]
A16 = ", ".join(["i64"] * 16)
w(f"function %weigh16({A16}) -> i64 {{")
w("block0(" + ", ".join(f"v{k}: i64" for k in range(16)) + "):")
acc = None
n = 16
for k in range(16):
    w(f"    v{n} = imul_imm v{k}, {W16[k]}")
    if acc is None:
        acc = f"v{n}"; n += 1
    else:
        w(f"    v{n + 1} = iadd {acc}, v{n}"); acc = f"v{n + 1}"; n += 2
w(f"    return {acc}")
w("}")

def weigh(a):
    return wrap(sum(x * W16[k] for k, x in enumerate(a)))

PERMS = {"revall": list(range(15, -1, -1)), "swaphalves": list(range(8, 16)) + list(range(8)),
         "rot3": [(k + 3) % 16 for k in range(16)], "dup": [0, 0, 15, 15, 8, 8, 7, 7, 1, 9, 2, 10, 3, 11, 4, 12]}
for name, perm in PERMS.items():
    w("")
    w(f"function %perm_{name}({A16}) -> i64 {{")
    w(f"    fn0 = colocated %weigh16({A16}) -> i64")
    w("block0(" + ", ".join(f"v{k}: i64" for k in range(16)) + "):")
    w("    v16 = call fn0(" + ", ".join(f"v{p}" for p in perm) + ")")
    w("    v17 = call fn0(" + ", ".join(f"v{p}" for p in reversed(perm)) + ")")
    w("    v18 = imul_imm v17, 3")
    w("    v19 = iadd v16, v18")
    w("    v20 = iadd v19, v15")
    w("    return v20")
    w("}")
    args = [k * 1000 + 7 for k in range(16)]
    exp = wrap(weigh([args[p] for p in perm]) + 3 * weigh([args[p] for p in reversed(perm)]) + args[15])
    w(run(f"perm_{name}", args, exp))

w("")
w(f"function %ind_x0(i64, {A8}) -> i64 {{")
w(f"    sig0 = ({A8}) -> {A8}")
w("block0(v0: i64, " + ", ".join(f"v{k + 1}: i64" for k in range(8)) + "):")
w("    v10, v11, v12, v13, v14, v15, v16, v17 = call_indirect sig0, v0(" + ", ".join(f"v{k + 1}" for k in range(8)) + ")")
w("    v18 = imul_imm v10, 1")
acc = "v18"
n = 19
for k in range(1, 8):
    w(f"    v{n} = imul_imm v{10 + k}, {k + 1}")
    w(f"    v{n + 1} = iadd {acc}, v{n}")
    acc = f"v{n + 1}"; n += 2
w(f"    return {acc}")
w("}")
w("")
w("function %drive_ind() -> i64 {")
w(f"    fn0 = colocated %ind_x0(i64, {A8}) -> i64")
w(f"    fn1 = colocated %ret_rot({A8}) -> {A8}")
w(f"    fn2 = colocated %ind_stack({A8}, i64, i64) -> i64")
w(f"    fn3 = colocated %ret_rev({A8}) -> {A8}")
w("block0:")
w("    v0 = func_addr.i64 fn1")
for k in range(8):
    w(f"    v{k + 1} = iconst.i64 {100 + k}")
w("    v9 = call fn0(v0, " + ", ".join(f"v{k + 1}" for k in range(8)) + ")")
w("    v10 = func_addr.i64 fn3")
w("    v11 = call fn2(" + ", ".join(f"v{k + 1}" for k in range(8)) + ", v9, v10)")
w("    return v11")
w("}")
w("")
w(f"function %ind_stack({A8}, i64, i64) -> i64 {{")
w(f"    sig0 = ({A8}) -> {A8}")
w("block0(" + ", ".join(f"v{k}: i64" for k in range(10)) + "):")
w("    v10, v11, v12, v13, v14, v15, v16, v17 = call_indirect sig0, v9(v8, v7, v6, v5, v4, v3, v2, v1)")
w("    v18 = imul_imm v10, 10")
w("    v19 = iadd v18, v17")
w("    v20 = imul_imm v19, 10")
w("    v21 = iadd v20, v13")
w("    v22 = iadd v21, v0")
w("    return v22")
w("}")

def drive_ind():
    a = [100 + k for k in range(8)]
    r = a[1:] + a[:1]                   # ret_rot
    v9 = wrap(sum(r[k] * (k + 1) for k in range(8)))
    args = [v9, a[7], a[6], a[5], a[4], a[3], a[2], a[1]]
    rr = list(reversed(args))          # ret_rev
    return wrap(((rr[0] * 10 + rr[7]) * 10) + rr[3] + a[0])

w(run("drive_ind", [], drive_ind()))

open("../moves.clif", "w").write("\n".join(out) + "\n")
