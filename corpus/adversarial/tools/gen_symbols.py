"""corpus/adversarial/symbols.clif: symbol_value offsets at and beyond the +-1 MiB ADRP addend
limit (folded vs added separately), loads and stores far inside a 1.2 MB object, every load width
from data objects of alignment 1..4096 at every offset (no :lo12: load may target unaligned data),
ADDR64 pointers with addends, function addresses through data and global values."""
from clifgen import *

out = []
w = out.append
w("test interpret")
w("target aarch64")
w("; Symbol addresses with offsets around the ADRP addend limit, far accesses into a big object,")
w("; every load width from objects of every alignment, pointers (ADDR64) with addends in data.")
w("; Expected values: corpus/adversarial/tools/gen_symbols.py (independent of the interpreter).")
BIG = 1200000
w(f"; data: %big align=4096 zero={BIG}")
OBJS = [("a1", 1, [0x81, 0x42, 0xc3]), ("a2", 2, [0x11, 0x92, 0x33, 0xf4, 0x55]),
        ("a4", 4, [0xa1, 0xb2, 0xc3, 0xd4, 0xe5, 0xf6, 0x07]),
        ("a16", 16, [(0x9d * k + 0x31) & 0xff for k in range(33)]),
        ("a4096", 4096, [0xfe]), ("b1", 1, [0x7f, 0x80, 0x01, 0xff, 0x00, 0x10, 0x20, 0x30, 0x40])]
for name, al, bs in OBJS:
    kind = "rodata" if name in ("a2", "a16") else "data"
    w(f"; {kind}: %{name} align={al} bytes=" + " ".join(f"{b:02x}" for b in bs))
w("; data: %after align=8 bytes=01 02 03 04 05 06 07 08")
w("; rodata: %ptrs align=8 addr=%big+0x100008 addr=%big-0x10 addr=%after+3 addr=%target addr=%a16+32")
w("")

OFFS = [0xfffff, 0x100000, 0x100001, -0xfffff, -0x100000, -0x100001, 0x7fffffff, -0x80000000]
def gvoff(o):
    return f"+{hex(o)}" if o >= 0 else f"-{hex(-o)}"

w("function %sym_diffs() -> i64, i64, i64, i64, i64, i64, i64, i64 {")
w("    gv0 = symbol colocated %big")
for k, o in enumerate(OFFS):
    w(f"    gv{k + 1} = symbol colocated %big{gvoff(o)}")
w("block0:")
w("    v0 = symbol_value.i64 gv0")
for k in range(len(OFFS)):
    w(f"    v{k + 1} = symbol_value.i64 gv{k + 1}")
    w(f"    v{k + 20} = isub v{k + 1}, v0")
w("    return " + ", ".join(f"v{k + 20}" for k in range(len(OFFS))))
w("}")
w(run("sym_diffs", [], OFFS))
w("")

OFFS2 = [0x123456789, -0x123456789, 0x1000, 0xfff000, 0x1000000, 0x7ffff, -0x80000, 0xffffff]
w("function %sym_diffs2() -> i64, i64, i64, i64, i64, i64, i64, i64 {")
w("    gv0 = symbol colocated %a4096")
for k, o in enumerate(OFFS2):
    w(f"    gv{k + 1} = symbol %a4096{gvoff(o)}")
w("block0:")
w("    v0 = symbol_value.i64 gv0")
for k in range(len(OFFS2)):
    w(f"    v{k + 1} = symbol_value.i64 gv{k + 1}")
    w(f"    v{k + 20} = isub v{k + 1}, v0")
w("    return " + ", ".join(f"v{k + 20}" for k in range(len(OFFS2))))
w("}")
w(run("sym_diffs2", [], OFFS2))
w("")

# far stores and loads inside %big through offset global values and large instruction offsets
w("function %big_access(i64) -> i64 {")
w("    gv0 = symbol colocated %big")
w("    gv1 = symbol colocated %big+0xffff8")
w("    gv2 = symbol colocated %big+0x100000")
w("    gv3 = symbol colocated %big+0x123450")
w("block0(v0: i64):")
w("    v1 = symbol_value.i64 gv1")
w("    v2 = symbol_value.i64 gv2")
w("    v3 = symbol_value.i64 gv3")
w("    v4 = symbol_value.i64 gv0")
w("    store.i64 v0, v1")
w("    v5 = bnot v0")
w("    store.i64 v5, v2")
w("    v6 = iadd_imm v0, 0x1111")
w("    istore32 v6, v3")
w("    v7 = ireduce.i16 v0")
w("    store.i16 v7, v4+0x100010")
w("    v8 = ireduce.i8 v0")
w("    store.i8 v8, v4+0x123457")
w("    v9 = load.i64 v4+0xffff8")
w("    v10 = load.i64 v1+8")
w("    v11 = uload32.i64 v4+0x123450")
w("    v12 = sload16.i64 v2+16")
w("    v13 = sload8.i64 v3+7")
w("    v14 = iconst.i64 0x123450")
w("    v15 = iadd v4, v14")
w("    v16 = load.i64 v15")
w("    v17 = bxor v9, v10")
w("    v18 = iadd v17, v11")
w("    v19 = iadd v18, v12")
w("    v20 = iadd v19, v13")
w("    v21 = imul_imm v16, 3")
w("    v22 = iadd v20, v21")
w("    return v22")
w("}")

def big_access(x):
    x = wrap(x)
    mem = bytearray(BIG)
    def st(off, v, n):
        mem[off:off + n] = wrap(v, 8 * n).to_bytes(n, "little")
    def ld(off, n):
        return int.from_bytes(mem[off:off + n], "little")
    st(0xffff8, x, 8); st(0x100000, ~x, 8); st(0x123450, x + 0x1111, 4)
    st(0x100010, x, 2); st(0x123457, x, 1)
    v9 = ld(0xffff8, 8); v10 = ld(0x100000, 8); v11 = ld(0x123450, 4)
    v12 = wrap(sext(ld(0x100010, 2), 16)); v13 = wrap(sext(ld(0x123457, 1), 8)); v16 = ld(0x123450, 8)
    return wrap((v9 ^ v10) + v11 + v12 + v13 + 3 * v16)

for x in [0, 1, -1, 0x0123456789abcdef, 0x80]:
    w(run("big_access", [sext(x)], big_access(x)))
w("")

# every width from every object at every in-bounds offset (dynamic offset argument)
for name, al, bs in OBJS:
    for op, n, signed in [("uload8", 1, False), ("sload8", 1, True), ("uload16", 2, False), ("sload16", 2, True),
                          ("uload32", 4, False), ("sload32", 4, True), ("load", 8, False)]:
        if n > len(bs):
            continue
        fn = f"{op}_{name}"
        w(f"function %{fn}(i64) -> i64 {{")
        w(f"    gv0 = symbol colocated %{name}")
        w("block0(v0: i64):")
        w("    v1 = symbol_value.i64 gv0")
        w("    v2 = iadd v1, v0")
        w(f"    v3 = {op}.i64 v2" if op != "load" else "    v3 = load.i64 v2")
        w("    return v3")
        w("}")
        for off in range(0, len(bs) - n + 1):
            v = int.from_bytes(bytes(bs[off:off + n]), "little")
            if signed:
                v = wrap(sext(v, 8 * n))
            w(run(fn, [off], v))
        w("")
    # constant offsets in the instruction (the :lo12: form would be wrong for unaligned ones)
    fn = f"const_{name}"
    w(f"function %{fn}() -> i64 {{")
    w(f"    gv0 = symbol colocated %{name}")
    w(f"    gv1 = symbol colocated %{name}+1")
    w("block0:")
    w("    v1 = symbol_value.i64 gv0")
    w("    v2 = symbol_value.i64 gv1")
    acc = None
    n = 3
    expect = 0
    for off in range(len(bs)):
        for size, op in [(1, "uload8"), (2, "uload16"), (4, "uload32"), (8, "load")]:
            if off + size > len(bs):
                continue
            base, o = ("v1", off) if off % 2 == 0 else ("v2", off - 1)
            w(f"    v{n} = {op}.i64 {base}+{o}" if op != "load" else f"    v{n} = load.i64 {base}+{o}")
            v = int.from_bytes(bytes(bs[off:off + size]), "little")
            w(f"    v{n + 1} = imul_imm v{n}, {n}")
            expect = wrap(expect + v * n)
            if acc is None:
                acc = f"v{n + 1}"
                n += 2
            else:
                w(f"    v{n + 2} = iadd {acc}, v{n + 1}")
                acc = f"v{n + 2}"
                n += 3
    w(f"    return {acc}")
    w("}")
    w(run(fn, [], expect))
    w("")

w("function %target(i64) -> i64 {")
w("block0(v0: i64):")
w("    v1 = imul_imm v0, 7")
w("    return v1")
w("}")
w("")
w("function %pointers(i64) -> i64 {")
w("    gv0 = symbol colocated %ptrs")
w("    gv1 = symbol colocated %big")
w("    gv2 = symbol colocated %after")
w("    gv3 = symbol colocated %a16")
w("    gv4 = symbol colocated %target")
w("    sig0 = (i64) -> i64")
w("block0(v0: i64):")
w("    v1 = symbol_value.i64 gv0")
w("    v2 = symbol_value.i64 gv1")
w("    v3 = load.i64 v1")
w("    v4 = isub v3, v2")
w("    v5 = load.i64 v1+8")
w("    v6 = isub v5, v2")
w("    v7 = load.i64 v1+16")
w("    v8 = uload8.i64 v7")
w("    v9 = load.i64 v1+24")
w("    v10 = call_indirect sig0, v9(v0)")
w("    v11 = load.i64 v1+32")
w("    v12 = uload8.i64 v11")
w("    v13 = symbol_value.i64 gv4")
w("    v14 = call_indirect sig0, v13(v10)")
w("    v15 = iadd v4, v6")
w("    v16 = iadd v15, v8")
w("    v17 = iadd v16, v14")
w("    v18 = iadd v17, v12")
w("    return v18")
w("}")
a16 = OBJS[3][2]
for x in [0, 1, 5]:
    w(run("pointers", [x], wrap(0x100008 - 0x10 + 4 + 49 * x + a16[32])))

open("../symbols.clif", "w").write("\n".join(out) + "\n")
