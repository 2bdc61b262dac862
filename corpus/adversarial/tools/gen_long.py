"""corpus/adversarial/long_branches.clif: a frameless leaf function longer than 1 MiB whose
conditional branches (forward over the long block and a loop back-edge) exceed the +-1 MiB reach
of b.cond, so the backend must use its long-branch form."""
from clifgen import *

N = 26000   # popcnt.i64 lowers to 12 instructions, bxor to 1: about 1.1 MiB of code
out = []
w = out.append
w("test interpret")
w("target aarch64")
w("; Conditional branches across more than 1 MiB of code (forward brif and a loop back-edge) in a")
w("; frameless leaf function, which needs no .xdata (whose FunctionLength ends at 1 MiB).")
w("; Expected values: corpus/adversarial/tools/gen_long.py (independent of the interpreter).")
w("")
w("function %long_leaf(i64, i64) -> i64 {")
w("block0(v0: i64, v1: i64):")
w("    v2 = icmp_imm eq v1, 0")
w("    brif v2, block3(v0), block1(v0, v1)")
w("")
w("block1(v3: i64, v4: i64):")
n = 5
cur = "v3"
for k in range(N):
    if k % 8 == 7:
        w(f"    v{n} = bxor {cur}, v4"); cur = f"v{n}"; n += 1
    else:
        w(f"    v{n} = popcnt {cur}"); cur = f"v{n}"; n += 1
w(f"    v{n} = iadd_imm v4, -1"); cnt = f"v{n}"; n += 1
w(f"    v{n} = iadd {cur}, v3"); nxt = f"v{n}"; n += 1
w(f"    brif {cnt}, block1({nxt}, {cnt}), block3({nxt})")
w("")
w(f"block3(v{n}: i64):")
w(f"    v{n + 1} = iadd_imm v{n}, 7")
w(f"    return v{n + 1}")
w("}")

def popcnt(x):
    return bin(wrap(x)).count("1")

def long_leaf(x, c):
    x = wrap(x); c = wrap(c)
    if c == 0:
        return wrap(x + 7)
    while True:
        cur = x
        for k in range(N):
            cur = (cur ^ c) if k % 8 == 7 else popcnt(cur)
        c = wrap(c - 1)
        x = wrap(cur + x)
        if c == 0:
            return wrap(x + 7)

for a in [(5, 0), (-1, 0), (0x123456789, 1), (-3, 2)]:
    w(run("long_leaf", [a[0], a[1]], long_leaf(*a)))
open("../long_branches.clif", "w").write("\n".join(out) + "\n")
