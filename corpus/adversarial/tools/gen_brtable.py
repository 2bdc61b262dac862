"""corpus/adversarial/br_table.clif: br_table with i32 indices (ireduce of an i64: garbage above bit 31)
at 0, last, last+1, 0xffffffff and huge values; an empty table; a table of 5000 entries
(the bound does not fit an add/sub immediate); targets with block arguments and repeated targets;
call_indirect through function-pointer tables in .data and .rdata (one at an odd offset)."""
from clifgen import *

G = 0xdeadbeefcafebabe
out = []
w = out.append


def full(v, b):
    return wrap(v) if b == 64 else wrap((G & ~((1 << b) - 1)) | wrap(v, b))


w("test interpret")
w("target aarch64")
w("; br_table: index widths with garbage, edge indices, empty and 5000-entry tables, block arguments;")
w("; call_indirect through pointer tables in .data/.rdata (one misaligned).")
w("; Expected values: corpus/adversarial/tools/gen_brtable.py (independent of the interpreter).")
w("; data: %ftab align=8 addr=%t0+0 addr=%t1+0 addr=%t2+0")
w("; rodata: %rtab align=1 bytes=aa addr=%t2+0 addr=%t0+0 addr=%t1+0")
w("")

for t in ["i32"]:  # the verifier (as Cranelift) takes only i32 indices
    B = BITS[t]
    n = 4
    w(f"function %bt_{t}(i64, i64) -> i64 {{")
    w("block0(v0: i64, v1: i64):")
    idx = "v0"
    if t != "i64":
        w(f"    v2 = ireduce.{t} v0"); idx = "v2"
    # targets: block1(v1), block2, block1(v0), block3 ; default block4(v1)
    w(f"    br_table {idx}, block4(v1), [block1(v1), block2, block1(v0), block3]")
    w("block1(v3: i64):")
    w("    v4 = iadd_imm v3, 0x100")
    w("    return v4")
    w("block2:")
    w("    v5 = iconst.i64 2")
    w("    return v5")
    w("block3:")
    w("    v6 = imul_imm v1, 3")
    w("    return v6")
    w("block4(v7: i64):")
    w("    v8 = bnot v7")
    w("    return v8")
    w("}")

    def bt(x, y):
        i = wrap(x, B)
        if i == 0:
            return wrap(y + 0x100)
        if i == 1:
            return 2
        if i == 2:
            return wrap(x + 0x100)
        if i == 3:
            return wrap(3 * y)
        return wrap(~y)

    idxs = [0, 1, 2, 3, 4, 5, (1 << B) - 1, 1 << (B - 1), (1 << B) - 4]
    if B < 64:
        idxs += [1 << B, (1 << B) + 2, (1 << B) + 3]
    else:
        idxs += [1 << 32, (1 << 32) + 1, 0xffffffff]
    for i in idxs:
        x = full(i, B) if i < (1 << B) else i
        w(run(f"bt_{t}", [sext(x), 7], bt(x, 7)))
    w("")

# an empty table: always the default
w("function %bt_empty(i64) -> i64 {")
w("block0(v0: i64):")
w("    v1 = ireduce.i32 v0")
w("    br_table v1, block1(v0), []")
w("block1(v2: i64):")
w("    v3 = iadd_imm v2, 1")
w("    return v3")
w("}")
for x in (0, 1, 0xffffffff, -1):
    w(run("bt_empty", [x], wrap(x + 1)))
w("")

# 5000 entries: entry k goes to block1(k-th of a few values) or block2
N = 5000
w("function %bt_huge(i32) -> i64 {")
w("block0(v0: i32):")
w("    v1 = iconst.i64 11")
w("    v2 = iconst.i64 22")
w("    v3 = iconst.i64 33")
targets = []
for k in range(N):
    if k % 3 == 0:
        targets.append("block1(v1)")
    elif k % 3 == 1:
        targets.append("block2")
    else:
        targets.append("block1(v2)")
targets[N - 1] = "block3"
w("    br_table v0, block1(v3), [" + ", ".join(targets) + "]")
w("block1(v4: i64):")
w("    return v4")
w("block2:")
w("    v5 = iconst.i64 44")
w("    return v5")
w("block3:")
w("    v6 = iconst.i64 55")
w("    return v6")
w("}")


def huge(i):
    i = wrap(i, 32)
    if i >= N:
        return 33
    if i == N - 1:
        return 55
    return [11, 44, 22][i % 3]


for i in (0, 1, 2, 4095, 4096, 4097, N - 2, N - 1, N, N + 1, 0xffffffff, 0x80000000):
    w(run("bt_huge", [sext(i, 32)], huge(i)))
w("")

# call_indirect through function-pointer tables in .data and .rdata (the latter at offset 1)
for k, (mul, add) in enumerate([(3, 1), (5, 2), (7, 3)]):
    w(f"function %t{k}(i64) -> i64 {{")
    w("block0(v0: i64):")
    w(f"    v1 = imul_imm v0, {mul}")
    w(f"    v2 = iadd_imm v1, {add}")
    w("    return v2")
    w("}")


def tk(k, x):
    return wrap(x * [3, 5, 7][k] + [1, 2, 3][k])


w("function %via_tables(i64, i64) -> i64 {")
w("    sig0 = (i64) -> i64")
w("    gv0 = symbol colocated %ftab")
w("    gv1 = symbol colocated %rtab")
w("block0(v0: i64, v1: i64):")
w("    v2 = urem_imm v0, 3")
w("    v3 = ishl_imm v2, 3")
w("    v4 = symbol_value.i64 gv0")
w("    v5 = iadd v4, v3")
w("    v6 = load.i64 v5")
w("    v7 = call_indirect sig0, v6(v1)")
w("    v8 = symbol_value.i64 gv1")
w("    v9 = iadd v8, v3")
w("    v10 = load.i64 v9+1")
w("    v11 = call_indirect sig0, v10(v7)")
w("    return v11")
w("}")
for x, y in ((0, 1), (1, 2), (2, 3), (5, -1), (-1, 0x123456789)):
    i = wrap(x) % 3
    w(run("via_tables", [x, y], tk([2, 0, 1][i], tk(i, y))))
w("")

print("\n".join(out))
