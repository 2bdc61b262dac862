package dev.a64w.bench;

import java.util.List;

/**
 * The synthetic inputs of {@link LlvmFloor}: listings and LLVM IR modules of a chosen size, so
 * that time can be fitted against size. Deterministic; valid for LLVM (a test assembles and
 * compiles them).
 *
 * <p>A listing is functions in the subject's shape (the {@code .def} block, an SEH prologue and
 * epilogue) whose bodies repeat {@link #BODY}: a cycle of twenty instructions and a label, in
 * roughly the proportions of the subject's listings of generated modules (mov and ldr lead, then
 * add, str, cmp, branches, ldp, cset, adrp). An IR module is functions of about 150 instructions
 * whose bodies repeat a cycle of loads, arithmetic, a store, a compare and select, a call to an
 * external and a diamond with a phi, so that O2 has work that it cannot fold away.
 */
final class FloorInputs {
    /** One cycle of a function body; {@code %F} is the function's name, {@code %L} a fresh label. */
    static final List<String> BODY = List.of(
            "%L:",
            "\tmov x9, x10",
            "\tldr x16, [sp, #72]",
            "\tmov x11, #8843",
            "\tadd x12, x16, x9",
            "\tldr x17, [sp, #80]",
            "\tstr x12, [sp, #88]",
            "\tcmp w12, #0",
            "\tcset w13, eq",
            "\tmov w14, w13",
            "\tldp x19, x20, [sp, #16]",
            "\tadrp x16, %F",
            "\tadd x16, x16, :lo12:%F",
            "\tsub x9, x9, x11",
            "\tand x10, x9, #0xff",
            "\tldr x15, [x16, #8]",
            "\tcsel x0, x1, x2, ne",
            "\tlsr x3, x4, #3",
            "\tmul x5, x6, x7",
            "\tb.ne %L",
            "\tmov x0, x12");

    /** Body cycles per function, so that a function stays of a generated module's size. */
    private static final int CYCLES_PER_FUNCTION = 5;
    private static final int IR_CYCLES_PER_FUNCTION = 10;

    private FloorInputs() {}

    /** A listing of at least {@code lines} lines (exactly, up to one function's frame), or "" for 0. */
    static String listing(int lines) {
        if (lines <= 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        int count = 0;
        int function = 0;
        while (count < lines) {
            String name = "f" + function;
            String head = "\t.text\n\t.def " + name + "\n\t.scl 2\n\t.type 32\n\t.endef\n\t.globl " + name
                    + "\n\t.p2align 2\n" + name + ":\n\t.seh_proc " + name + "\n\tstp x29, x30, [sp, #-16]!\n"
                    + "\t.seh_save_fplr_x 16\n\tmov x29, sp\n\t.seh_set_fp\n\t.seh_endprologue\n";
            sb.append(head);
            count += 14;
            for (int c = 0; c < CYCLES_PER_FUNCTION && count < lines; c++) {
                String label = ".L" + name + "_" + c;
                for (String line : BODY) {
                    sb.append(line.replace("%L", label).replace("%F", name)).append('\n');
                }
                count += BODY.size();
            }
            sb.append("\tbl f0\n\t.seh_startepilogue\n\tldp x29, x30, [sp], #16\n\t.seh_save_fplr_x 16\n"
                    + "\t.seh_endepilogue\n\tret\n\t.seh_endfunclet\n\t.seh_endproc\n");
            count += 8;
            function++;
        }
        return sb.toString();
    }

    /** The number of lines of {@code listing}. */
    static int lines(String listing) {
        return (int) listing.lines().count();
    }

    /** A listing of {@code lines} copies of one instruction line in one function, or "" for 0. */
    static String repeated(String line, int lines) {
        if (lines <= 0) {
            return "";
        }
        return "\t.text\n\t.globl f\n\t.p2align 2\nf:\n" + ("\t" + line + "\n").repeat(lines) + "\tret\n";
    }

    /** An LLVM IR module of about {@code instructions} instructions (see {@link #instructions}), or "" for 0. */
    static String ir(int instructions) {
        if (instructions <= 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder("target triple = \"aarch64-pc-windows-msvc\"\n\ndeclare i64 @ext(i64)\n");
        int count = 0;
        int function = 0;
        while (count < instructions) {
            sb.append("\ndefine i64 @g").append(function).append("(i64 %a, i64 %b, ptr %p) {\nentry:\n");
            String block = "entry";
            String last = "%a";
            for (int c = 0; c < IR_CYCLES_PER_FUNCTION && count < instructions; c++) {
                String v = "%c" + c + "_";
                sb.append("  ").append(v).append("0 = load i64, ptr %p, align 8\n")
                  .append("  ").append(v).append("1 = mul i64 ").append(last).append(", ").append(v).append("0\n")
                  .append("  ").append(v).append("2 = xor i64 ").append(v).append("1, ").append(7919 * (c + 1)).append('\n')
                  .append("  ").append(v).append("3 = lshr i64 ").append(v).append("2, 3\n")
                  .append("  ").append(v).append("4 = add i64 ").append(v).append("3, %a\n")
                  .append("  store i64 ").append(v).append("4, ptr %p, align 8\n")
                  .append("  ").append(v).append("5 = icmp ult i64 ").append(v).append("4, %b\n")
                  .append("  ").append(v).append("6 = select i1 ").append(v).append("5, i64 ").append(v).append("4, i64 ")
                  .append(v).append("2\n")
                  .append("  ").append(v).append("7 = call i64 @ext(i64 ").append(v).append("6)\n")
                  .append("  ").append(v).append("8 = sub i64 ").append(v).append("7, ").append(v).append("1\n")
                  .append("  ").append(v).append("9 = icmp eq i64 ").append(v).append("8, 0\n")
                  .append("  br i1 ").append(v).append("9, label %t").append(c).append(", label %j").append(c).append('\n')
                  .append("t").append(c).append(":\n")
                  .append("  ").append(v).append("10 = add i64 ").append(v).append("8, 1\n")
                  .append("  br label %j").append(c).append('\n')
                  .append("j").append(c).append(":\n")
                  .append("  ").append(v).append("11 = phi i64 [ ").append(v).append("8, %").append(block).append(" ], [ ")
                  .append(v).append("10, %t").append(c).append(" ]\n");
                block = "j" + c;
                last = v + "11";
                count += 15;
            }
            sb.append("  ret i64 ").append(last).append("\n}\n");
            count += 1;
            function++;
        }
        return sb.toString();
    }

    /** The number of instructions of an IR module made by {@link #ir} (lines indented by two spaces). */
    static int instructions(String ir) {
        return (int) ir.lines().filter(l -> l.startsWith("  ")).count();
    }
}
