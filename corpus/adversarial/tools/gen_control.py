"""corpus/adversarial/control.clif: block parameters permuted in cycles (2-, 3- and 20-cycles,
self-loops) under register pressure so the cycles run through spill slots; brif with both edges to
the same block with different permutations; br_table with 300 entries carrying block arguments,
indexed by an i32 with garbage above it; a block with many predecessors."""
from clifgen import *

out = []
w = out.append
w("test interpret")
w("target aarch64")
w("; Block parameter cycles through registers and spill slots, brif/br_table edges with arguments.")
w("; Expected values: corpus/adversarial/tools/gen_control.py (independent of the interpreter).")
w("")

# rotate R values through block params for n iterations, plus a 3-cycle and a swap inside
R = 24
w("function %rotate(i64) -> i64 {")
w("block0(v0: i64):")
for k in range(R):
    w(f"    v{k + 1} = iconst.i64 {k * 0x10001 + 1}")
w(f"    jump block1(v0, " + ", ".join(f"v{k + 1}" for k in range(R)) + ")")
w("")
params = [f"v{100 + k}" for k in range(R)]
w("block1(v99: i64, " + ", ".join(f"{p}: i64" for p in params) + "):")
w("    brif v99, block2, block3")
w("")
w("block2:")
w("    v98 = iadd_imm v99, -1")
# new order: rotate all by one, but add 1 to the first so the values change
w("    v97 = iadd_imm v100, 1")
rot = params[1:] + ["v97"]
# 3-cycle on positions 0,1,2 and swap on positions 5,6 on top of the rotation
rot[0], rot[1], rot[2] = rot[1], rot[2], rot[0]
rot[5], rot[6] = rot[6], rot[5]
w("    jump block1(v98, " + ", ".join(rot) + ")")
w("")
w("block3:")
acc = "v100"
n = 200
for k in range(1, R):
    w(f"    v{n} = imul_imm {acc}, 31"); n += 1
    w(f"    v{n} = iadd v{n - 1}, {params[k]}"); acc = f"v{n}"; n += 1
w(f"    return {acc}")
w("}")

def rotate(cnt):
    vals = [k * 0x10001 + 1 for k in range(R)]
    for _ in range(cnt):
        r = vals[1:] + [wrap(vals[0] + 1)]
        r[0], r[1], r[2] = r[1], r[2], r[0]
        r[5], r[6] = r[6], r[5]
        vals = r
    acc = vals[0]
    for k in range(1, R):
        acc = wrap(acc * 31 + vals[k])
    return acc

for c in [0, 1, 2, 3, 7, 24, 100]:
    w(run("rotate", [c], rotate(c)))
w("")

# swap in a self-loop, both brif edges to the same block with different permutations
w("function %swapper(i64, i64, i64) -> i64 {")
w("block0(v0: i64, v1: i64, v2: i64):")
w("    jump block1(v0, v1, v2)")
w("")
w("block1(v3: i64, v4: i64, v5: i64):")
w("    v6 = iadd_imm v3, -1")
w("    v7 = band_imm v3, 1")
w("    v8 = icmp_imm sgt v6, 0")
w("    brif v8, block2, block3")
w("")
w("block2:")
w("    brif v7, block1(v6, v5, v4), block1(v6, v4, v5)")
w("")
w("block3:")
w("    v9 = imul_imm v4, 1000")
w("    v10 = iadd v9, v5")
w("    return v10")
w("}")

def swapper(n, a, b):
    while True:
        n1 = n - 1
        if n1 > 0:
            if n & 1:
                a, b = b, a
            n = n1
        else:
            return wrap(a * 1000 + b)

for n0 in [1, 2, 3, 4, 5, 10, 11]:
    w(run("swapper", [n0, 3, 7], swapper(n0, 3, 7)))
w("")

# br_table with 300 entries, arguments differ per entry; index from an i64 with garbage above
NT = 300
TARGETS = 7
w("function %table(i64, i64, i64) -> i64 {")
w("block0(v0: i64, v1: i64, v2: i64):")
w("    v3 = ireduce.i32 v0")
w("    v4 = iadd_imm v1, 1")
w("    v5 = iadd_imm v2, 2")
ents = []
ARGS = ["v1", "v2", "v4", "v5"]
for e in range(NT):
    tgt = (e * 5) % TARGETS
    a, b = ARGS[e % 4], ARGS[(e // 4) % 4]
    ents.append((tgt, a, b))
w("    br_table v3, block20(v2, v1), [" + ", ".join(f"block{10 + t}({a}, {b})" for t, a, b in ents) + "]")
for t in range(TARGETS):
    w("")
    w(f"block{10 + t}(v{30 + 2 * t}: i64, v{31 + 2 * t}: i64):")
    w(f"    v{60 + t} = imul_imm v{30 + 2 * t}, {t + 2}")
    w(f"    v{70 + t} = isub v{60 + t}, v{31 + 2 * t}")
    w(f"    jump block21(v{70 + t})")
w("")
w("block20(v80: i64, v81: i64):")
w("    v82 = isub v80, v81")
w("    v83 = iadd_imm v82, 0x7000")
w("    jump block21(v83)")
w("")
w("block21(v90: i64):")
w("    return v90")
w("}")

def table(i, x, y):
    idx = wrap(i, 32)
    vals = {"v1": wrap(x), "v2": wrap(y), "v4": wrap(x + 1), "v5": wrap(y + 2)}
    if idx >= NT:
        return wrap(wrap(y - x) + 0x7000)
    t, a, b = ents[idx]
    return wrap(vals[a] * (t + 2) - vals[b])

for i in [0, 1, 2, 3, 4, 5, 6, 7, 8, 99, 150, 298, 299, 300, 301, 0x7fffffff, -1, 0x100000000 + 5, 0xabcdef00000000 + 299, -0x100000000 + 7]:
    w(run("table", [sext(i), 1000, 77], table(i, 1000, 77)))
w("")

# one join block with many predecessors, each passing a different permutation
P = 12
w("function %join(i32, i64, i64, i64) -> i64 {")
w("block0(v0: i32, v1: i64, v2: i64, v3: i64):")
w("    br_table v0, block30(v1, v2, v3), [" + ", ".join(f"block{40 + k}" for k in range(P)) + "]")
perms = [(0, 1, 2), (0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0)]
for k in range(P):
    p = perms[k % 6]
    src = ["v1", "v2", "v3"]
    w("")
    w(f"block{40 + k}:")
    if k >= 6:
        w(f"    v{100 + k} = iadd_imm v1, {k}")
        src[0] = f"v{100 + k}"
    w(f"    jump block30(" + ", ".join(src[i] for i in p) + ")")
w("")
w("block30(v10: i64, v11: i64, v12: i64):")
w("    v13 = imul_imm v10, 10000")
w("    v14 = imul_imm v11, 100")
w("    v15 = iadd v13, v14")
w("    v16 = iadd v15, v12")
w("    return v16")
w("}")

def join(i, a, b, c):
    i = wrap(i, 32)
    if i >= P:
        v = (a, b, c)
    else:
        src = [a + (i if i >= 6 else 0), b, c]
        p = perms[i % 6]
        v = tuple(src[j] for j in p)
    return wrap(v[0] * 10000 + v[1] * 100 + v[2])

for i in list(range(P + 2)) + [-1]:
    w(run("join", [sext(i, 32), 1, 2, 3], join(i, 1, 2, 3)))

open("../control.clif", "w").write("\n".join(out) + "\n")
