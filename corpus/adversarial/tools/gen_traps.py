"""corpus/adversarial/traps.clif: division traps at every width with garbage above the divisor's
width, INT_MIN / -1, trapz/trapnz on narrow conditions with garbage, every trap code through the
trap terminator and conditional traps, uadd_overflow_trap at both widths.
'; trap: %f(args) == code' lines (read by AdversarialCorpusTest) expect a trap with that code."""
from clifgen import *

G = 0xdeadbeefcafebabe
out = []
w = out.append
w("test interpret")
w("target aarch64")
w("; Traps: division by a zero whose register has garbage above the width, INT_MIN / -1, trapz and")
w("; trapnz on narrow values, every trap code, uadd_overflow_trap.")
w("; '; trap: %f(args) == code' lines expect a trap (AdversarialCorpusTest checks them on both the")
w("; interpreter and the subject); '; run:' lines expect values.")
w("; Expected values: corpus/adversarial/tools/gen_traps.py (independent of the interpreter).")
w("")

def full(v, b):
    return wrap(v) if b == 64 else wrap((G & ~((1 << b) - 1)) | wrap(v, b))

def trapline(fn, args, code):
    return f"; trap: %{fn}(" + ", ".join(str(a) for a in args) + f") == {code}"

def sdiv_t(a, b):
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q

for t in ["i8", "i16", "i32", "i64"]:
    B = BITS[t]
    for op in ["udiv", "sdiv", "urem", "srem"]:
        fn = f"{op}_{t}"
        w(f"function %{fn}(i64, i64) -> i64 {{")
        w("block0(v0: i64, v1: i64):")
        if t == "i64":
            a, b = "v0", "v1"
        else:
            w(f"    v2 = ireduce.{t} v0")
            w(f"    v3 = ireduce.{t} v1")
            a, b = "v2", "v3"
        w(f"    v4 = {op} {a}, {b}")
        w("    v5 = sextend.i64 v4" if t != "i64" else "    v5 = iadd_imm v4, 0")
        w("    return v5")
        w("}")
        imin = 1 << (B - 1)
        w(trapline(fn, [sext(full(5, B)), sext(full(0, B))], "int_divz"))
        w(trapline(fn, [sext(full(imin, B)), sext(full(0, B))], "int_divz"))
        if op == "sdiv":
            w(trapline(fn, [sext(full(imin, B)), sext(full(-1, B))], "int_ovf"))
        else:
            a_, b_ = sext(imin, B), -1
            if op == "srem":
                v = a_ - sdiv_t(a_, b_) * b_
            elif op == "udiv":
                v = wrap(imin, B) // wrap(-1, B)
            else:
                v = wrap(imin, B) % wrap(-1, B)
            w(run(fn, [sext(full(imin, B)), sext(full(-1, B))], wrap(sext(v, B))))
        # a divisor that is non-zero only above the width must still trap; one that is non-zero
        # only in the lowest bit must not
        w(run(fn, [sext(full(7, B)), sext(full(1, B))], 0 if op.endswith("rem") else 7))
        w("")
    # trapz / trapnz on a narrow condition
    for op in ["trapz", "trapnz"]:
        fn = f"{op}_{t}"
        w(f"function %{fn}(i64) -> i64 {{")
        w("block0(v0: i64):")
        c = "v0"
        if t != "i64":
            w(f"    v1 = ireduce.{t} v0"); c = "v1"
        w(f"    {op} {c}, user{B}")
        w("    v2 = iconst.i64 1")
        w("    return v2")
        w("}")
        for x in [0, 1, 1 << (B - 1)]:
            traps = (wrap(x, B) == 0) == (op == "trapz")
            if traps:
                w(trapline(fn, [sext(full(x, B))], f"user{B}"))
            else:
                w(run(fn, [sext(full(x, B))], 1))
        w("")
for t in ["i32", "i64"]:
    B = BITS[t]
    fn = f"uadd_trap_{t}"
    w(f"function %{fn}(i64, i64) -> i64 {{")
    w("block0(v0: i64, v1: i64):")
    if t == "i64":
        a, b = "v0", "v1"
    else:
        w("    v2 = ireduce.i32 v0")
        w("    v3 = ireduce.i32 v1")
        a, b = "v2", "v3"
    w(f"    v4 = uadd_overflow_trap {a}, {b}, user7")
    w("    v5 = uextend.i64 v4" if t != "i64" else "    v5 = iadd_imm v4, 0")
    w("    return v5")
    w("}")
    m = (1 << B) - 1
    for x, y in [(1, 2), (m, 0), (m, 1), (1 << (B - 1), 1 << (B - 1)), (m - 5, 5), (m - 5, 6)]:
        if x + y > m:
            w(trapline(fn, [sext(full(x, B)), sext(full(y, B))], "user7"))
        else:
            w(run(fn, [sext(full(x, B)), sext(full(y, B))], x + y))
    w("")

CODES = ["int_divz", "int_ovf", "heap_oob", "stk_ovf", "bad_sig", "bad_toint", "unreachable", "user0", "user1", "user42", "user255"]
w("function %every_code(i32) -> i32 {")
w("block0(v0: i32):")
w("    br_table v0, block99, [" + ", ".join(f"block{k + 1}" for k in range(len(CODES))) + "]")
for k, c in enumerate(CODES):
    w(f"block{k + 1}:")
    w(f"    trap {c}")
w("block99:")
w("    v1 = iconst.i32 -1")
w("    return v1")
w("}")
for k, c in enumerate(CODES):
    w(trapline("every_code", [k], c))
w(run("every_code", [len(CODES)], -1))
w("")
# the same codes through conditional traps inside one block (each traps only for its index)
w("function %every_condtrap(i64) -> i64 {")
w("block0(v0: i64):")
n = 1
for k, c in enumerate(CODES):
    w(f"    v{n} = icmp_imm eq v0, {k}")
    w(f"    trapnz v{n}, {c}")
    n += 1
w("    v99 = iconst.i64 5")
w("    return v99")
w("}")
for k, c in enumerate(CODES):
    w(trapline("every_condtrap", [k], c))
w(run("every_condtrap", [100], 5))
w("")
# a trap after a call in a framed function (the frame is live when the brk fires)
w("function %trap_after_call(i64) -> i64 {")
w("    fn0 = colocated %udiv_i64(i64, i64) -> i64")
w("block0(v0: i64):")
w("    v1 = iconst.i64 100")
w("    v2 = call fn0(v1, v0)")
w("    v3 = icmp_imm ugt v2, 10")
w("    trapnz v3, user3")
w("    return v2")
w("}")
w(trapline("trap_after_call", [0], "int_divz"))
w(trapline("trap_after_call", [5], "user3"))
w(run("trap_after_call", [50], 2))

open("../traps.clif", "w").write("\n".join(out) + "\n")
