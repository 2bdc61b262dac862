"""corpus/adversarial/frames.clif: stack slots accessed at the scaled-offset limits (4095*size,
4096*size), unaligned and beyond 32 KiB from SP, 16-aligned slots, frames of 40 KB and 900 KB
(__chkstk), incoming stack arguments beyond 32 KiB from SP, spills and calls in big frames, and a
20 MiB frame that is only compiled (its epilogue materializes the size)."""
from clifgen import *

out = []
w = out.append
w("test interpret")
w("target aarch64")
w("; Stack frames: slot accesses at every offset-encoding boundary, 16-aligned slots, frames that")
w("; need __chkstk, incoming stack arguments far from SP, spills in big frames.")
w("; Expected values: corpus/adversarial/tools/gen_frames.py (independent of the interpreter).")
w("")

TY = {1: "i8", 2: "i16", 4: "i32", 8: "i64"}
# (size, offset) in slot ss0 of 40000 bytes; stores in this order, then loads in reverse order
ACC = [(1, 0), (1, 4095), (1, 4096), (1, 39999), (2, 8190), (2, 8192), (2, 8195), (2, 39997),
       (4, 16380), (4, 16384), (4, 16391), (4, 39990), (8, 32760), (8, 32768), (8, 32777),
       (8, 39976), (8, 248), (8, 256), (4, 251), (2, 255), (8, 30001), (1, 30000)]

def frame_fn(name, slot, extra_calls):
    global n
    w(f"function %{name}(i64) -> i64 {{")
    w(f"    ss0 = explicit_slot {slot}")
    w("    ss1 = explicit_slot 24, align = 16")
    w("    ss2 = explicit_slot 8")
    if extra_calls:
        w("    fn0 = colocated %big_callee(i64, i64, i64, i64, i64, i64, i64, i64, i8, i16, i32, i64) -> i64")
    w("block0(v0: i64):")
    n = 1
    for k, (size, off) in enumerate(ACC):
        t = TY[size]
        w(f"    v{n} = imul_imm v0, {0x0101010101010101 * (k + 1) & M64 if (0x0101010101010101 * (k + 1)) < (1 << 63) else sext(0x0101010101010101 * (k + 1))}"); n += 1
        w(f"    v{n} = iadd_imm v{n - 1}, {k * 0x1357 + 0x55}"); n += 1
        if t != "i64":
            w(f"    v{n} = ireduce.{t} v{n - 1}"); n += 1
        w(f"    stack_store v{n - 1}, ss0+{off}"); 
    if extra_calls:
        w(f"    v{n} = ireduce.i8 v0"); a8 = n; n += 1
        w(f"    v{n} = ireduce.i16 v0"); a16 = n; n += 1
        w(f"    v{n} = ireduce.i32 v0"); a32 = n; n += 1
        w(f"    v{n} = call fn0(v0, v0, v0, v0, v0, v0, v0, v0, v{a8}, v{a16}, v{a32}, v0)"); callres = n; n += 1
    w(f"    v{n} = iconst.i64 0"); acc = n; n += 1
    for k, (size, off) in reversed(list(enumerate(ACC))):
        t = TY[size]
        if t == "i64":
            w(f"    v{n} = stack_load.i64 ss0+{off}"); n += 1
        else:
            w(f"    v{n} = stack_load.{t} ss0+{off}"); n += 1
            w(f"    v{n} = {'sextend' if k % 2 else 'uextend'}.i64 v{n - 1}"); n += 1
        w(f"    v{n} = imul_imm v{n - 1}, {2 * k + 1}"); n += 1
        w(f"    v{n} = iadd v{acc}, v{n - 1}"); acc = n; n += 1
    w(f"    v{n} = stack_addr.i64 ss1"); n += 1
    w(f"    v{n} = band_imm v{n - 1}, 15"); n += 1
    w(f"    v{n} = ishl_imm v{n - 1}, 60"); n += 1
    w(f"    v{n} = bor v{acc}, v{n - 1}"); acc = n; n += 1
    w(f"    stack_store v{acc}, ss2")
    w(f"    v{n} = stack_load.i64 ss2"); acc = n; n += 1
    if extra_calls:
        w(f"    v{n} = bxor v{acc}, v{callres}"); acc = n; n += 1
    w(f"    return v{acc}")
    w("}")

def frame_val(x, with_call):
    mem = {}
    vals = []
    for k, (size, off) in enumerate(ACC):
        v = wrap(wrap(x * (0x0101010101010101 * (k + 1))) + k * 0x1357 + 0x55)
        for i in range(size):
            mem[off + i] = (v >> (8 * i)) & 0xff
    acc = 0
    for k, (size, off) in reversed(list(enumerate(ACC))):
        v = sum(mem[off + i] << (8 * i) for i in range(size))
        if size < 8:
            v = wrap(sext(v, 8 * size)) if k % 2 else v
        acc = wrap(acc + v * (2 * k + 1))
    if with_call:
        acc ^= big_callee([x] * 8 + [x, x, x, x])
    return acc

def big_callee(a):
    # params 8..11: i8 (sextend), i16 (uextend), i32 (sextend), i64; stored to a far slot and reloaded
    s8 = wrap(sext(a[8], 8)); u16 = wrap(a[9], 16); s32 = wrap(sext(a[10], 32)); x = wrap(a[11])
    acc = wrap(s8 * 3 + u16 * 5 + s32 * 7 + x * 11)
    for k in range(8):
        acc = wrap(acc * 31 + wrap(a[k]))
    return acc

w("function %big_callee(i64, i64, i64, i64, i64, i64, i64, i64, i8, i16, i32, i64) -> i64 {")
w("    ss0 = explicit_slot 40000")
w("block0(v0: i64, v1: i64, v2: i64, v3: i64, v4: i64, v5: i64, v6: i64, v7: i64, v8: i8, v9: i16, v10: i32, v11: i64):")
w("    stack_store v8, ss0+39999")
w("    stack_store v9, ss0+39990")
w("    stack_store v10, ss0+33000")
w("    stack_store v11, ss0+32768")
w("    v12 = stack_load.i8 ss0+39999")
w("    v13 = stack_load.i16 ss0+39990")
w("    v14 = stack_load.i32 ss0+33000")
w("    v15 = stack_load.i64 ss0+32768")
w("    v16 = sextend.i64 v12")
w("    v17 = uextend.i64 v13")
w("    v18 = sextend.i64 v14")
w("    v19 = imul_imm v16, 3")
w("    v20 = imul_imm v17, 5")
w("    v21 = imul_imm v18, 7")
w("    v22 = imul_imm v15, 11")
w("    v23 = iadd v19, v20")
w("    v24 = iadd v23, v21")
w("    v25 = iadd v24, v22")
n = 26
acc = 25
for k in range(8):
    w(f"    v{n} = imul_imm v{acc}, 31"); n += 1
    w(f"    v{n} = iadd v{n - 1}, v{k}"); acc = n; n += 1
w(f"    return v{acc}")
w("}")
for a in [[1, 2, 3, 4, 5, 6, 7, 8, -1, -1, -1, -1], [0] * 8 + [0x7f, 0x8000, -0x80000000, 0x123456789], [9] * 8 + [-128, 0xffff, 0x7fffffff, -9]]:
    w(run("big_callee", a, big_callee(a)))
w("")

frame_fn("frame_40k", 40000, False)
for x in [0, 1, -1, 0x0123456789abcdef]:
    w(run("frame_40k", [sext(x)], frame_val(x, False)))
w("")
frame_fn("frame_900k", 0xE0000, True)
for x in [0, 3, -5]:
    w(run("frame_900k", [x], frame_val(x, True)))
w("")

# caller with garbage in narrow stack args, many values live across the call
w("function %big_caller(i64) -> i64 {")
w("    fn0 = colocated %big_callee(i64, i64, i64, i64, i64, i64, i64, i64, i8, i16, i32, i64) -> i64")
w("    ss0 = explicit_slot 5000")
w("block0(v0: i64):")
w("    v1 = iconst.i64 0x7eadbeefcafef00d")
w("    v2 = iadd v0, v1")
w("    v3 = ireduce.i8 v2")
w("    v4 = ireduce.i16 v2")
w("    v5 = ireduce.i32 v2")
w("    stack_store v2, ss0+4992")
n = 6
live = []
for j in range(8):
    w(f"    v{n} = iadd_imm v0, {j * 1000 + 1}"); live.append(n); n += 1
w(f"    v{n} = call fn0(" + ", ".join(f"v{l}" for l in live) + f", v3, v4, v5, v2)"); r = n; n += 1
w(f"    v{n} = stack_load.i64 ss0+4992"); n += 1
w(f"    v{n} = bxor v{r}, v{n - 1}"); acc = n; n += 1
for l in live:
    w(f"    v{n} = iadd v{acc}, v{l}"); acc = n; n += 1
w(f"    return v{acc}")
w("}")

def big_caller(x):
    y = wrap(x + 0x7eadbeefcafef00d)
    live = [wrap(x + j * 1000 + 1) for j in range(8)]
    acc = big_callee(live + [y, y, y, y]) ^ y
    for l in live:
        acc = wrap(acc + l)
    return acc

for x in [0, 1, -1, 0x80]:
    w(run("big_caller", [x], big_caller(x)))
w("")

w("; Compiled, linked and compared with LLVM MC only: the frame is larger than any test stack.")
w("function %frame_20m(i64) -> i64 {")
w("    ss0 = explicit_slot 0x1400000")
w("block0(v0: i64):")
w("    stack_store v0, ss0+0x13ffff8")
w("    v1 = stack_addr.i64 ss0+0x1000010")
w("    v2 = load.i64 v1")
w("    v3 = stack_load.i64 ss0+0x13ffff8")
w("    v4 = iadd v2, v3")
w("    return v4")
w("}")

open("../frames.clif", "w").write("\n".join(out) + "\n")
