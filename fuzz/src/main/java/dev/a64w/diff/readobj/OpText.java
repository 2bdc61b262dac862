package dev.a64w.diff.readobj;

import dev.a64w.check.unwind.MalformedUnwindException;
import dev.a64w.check.unwind.Sequence;
import dev.a64w.check.unwind.UnwindCode;
import dev.a64w.check.unwind.UnwindOp;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One canonical text for the meaning of an unwind code, reached from both sides: from our decoder's
 * {@link UnwindOp} (via {@link Sequence#fromCodes}) and from llvm-readobj's mnemonic text in any of
 * its three phrasings (prologue {@code "stp x19, x20, [sp, #-64]!"}, epilogue
 * {@code "ldp x19, x20, [sp], #64"}, packed synthesis {@code "sub sp, sp, #16"}). Canonical forms:
 * {@code alloc N}, {@code save x19,x20 [sp,#N]}, {@code save x19,x20 [sp,#-N]!}, {@code set_fp N},
 * {@code nop}, {@code pac_sign_lr}, {@code special 0xe8}, {@code end}, {@code end_c},
 * {@code save_next}, {@code reserved}, {@code invalid}; {@code ?TEXT} for anything not understood.
 * Registers: {@code lr} is x30, {@code fp} is x29.
 */
public final class OpText {
    private static final String REG = "(x\\d+|d\\d+|q\\d+|lr|fp)";
    private static final Pattern ALLOC = Pattern.compile("^(?:sub|add) sp, (?:sp, )?#(-?\\d+)$");
    private static final Pattern SET_FP = Pattern.compile("^(?:mov (?:fp|x29), sp|mov sp, fp)$");
    private static final Pattern ADD_FP = Pattern.compile("^(?:add fp, sp|sub sp, fp), #(\\d+)$");
    private static final Pattern STORE = Pattern.compile(
            "^(stp|ldp|str|ldr) " + REG + "(?:, " + REG + ")?, \\[sp(?:, #(-?\\d+)\\]!?|\\], #(\\d+)|\\])$");

    private OpText() {
    }

    /** Our decoder's meaning of one code. */
    public static String ours(UnwindCode code) {
        return switch (code) {
            case UnwindCode.End c -> "end";
            case UnwindCode.EndC c -> "end_c";
            case UnwindCode.SaveNext c -> "save_next";
            case UnwindCode.Reserved c -> "reserved";
            default -> {
                try {
                    List<UnwindOp> ops = Sequence.fromCodes(List.of(code)).ops();
                    yield ops.size() == 1 ? of(ops.get(0)) : "?" + ops;
                } catch (MalformedUnwindException e) {
                    yield "invalid";
                }
            }
        };
    }

    /** The canonical text of one op of our decoder (a code's meaning, or a packed expansion step). */
    public static String of(UnwindOp op) {
        return switch (op) {
            case UnwindOp.Alloc a -> "alloc " + a.bytes();
            case UnwindOp.Save s -> save(s.regs().stream().map(UnwindOp.Reg::toString).toList(), s.offset(), s.writeback());
            case UnwindOp.SetFp f -> "set_fp " + f.offset();
            case UnwindOp.Nop n -> "nop";
            case UnwindOp.PacSignLr p -> "pac_sign_lr";
            case UnwindOp.Special s -> String.format("special 0x%02x", s.code());
        };
    }

    /**
     * The canonical text of one llvm-readobj mnemonic. With {@code packedSynthesis}, a non-writeback
     * {@code stp} of argument registers x0..x7 is the homing store, which the packed format describes
     * as a {@code nop}.
     */
    public static String llvm(String text, boolean packedSynthesis) {
        String t = text.strip();
        switch (t) {
            case "end" -> { return "end"; }
            case "end_c" -> { return "end_c"; }
            case "nop" -> { return "nop"; }
            case "save next", "restore next" -> { return "save_next"; }
            case "pacibsp", "autibsp" -> { return "pac_sign_lr"; }
            case "trap frame" -> { return "special 0xe8"; }
            case "machine frame" -> { return "special 0xe9"; }
            case "context" -> { return "special 0xea"; }
            case "EC context" -> { return "special 0xeb"; }
            case "clear unwound to call" -> { return "special 0xec"; }
            case "Bad opcode!" -> { return "reserved"; }
            case "invalid save_any_reg encoding", "INVALID!" -> { return "invalid"; }
            default -> { }
        }
        Matcher m;
        if ((m = ALLOC.matcher(t)).matches()) {
            return "alloc " + m.group(1);
        }
        if (SET_FP.matcher(t).matches()) {
            return "set_fp 0";
        }
        if ((m = ADD_FP.matcher(t)).matches()) {
            return "set_fp " + m.group(1);
        }
        if ((m = STORE.matcher(t)).matches()) {
            List<String> regs = m.group(3) == null ? List.of(reg(m.group(2))) : List.of(reg(m.group(2)), reg(m.group(3)));
            boolean pair = m.group(1).endsWith("p");
            if (pair != (regs.size() == 2)) {
                return "?" + t;
            }
            long offset;
            boolean writeback;
            if (m.group(4) != null) {
                offset = Long.parseLong(m.group(4));
                writeback = t.endsWith("]!");
                if (writeback != offset < 0 && !(writeback && offset == 0)) {
                    return "?" + t;
                }
                offset = Math.abs(offset);
            } else if (m.group(5) != null) {
                offset = Long.parseLong(m.group(5));
                writeback = true;
            } else {
                offset = 0;
                writeback = false;
            }
            if (packedSynthesis && pair && !writeback && isArgumentRegister(regs.get(0))) {
                return "nop";
            }
            return save(regs, offset, writeback);
        }
        return "?" + t;
    }

    private static boolean isArgumentRegister(String reg) {
        return reg.startsWith("x") && Integer.parseInt(reg.substring(1)) < 8;
    }

    private static String reg(String r) {
        return switch (r) {
            case "lr" -> "x30";
            case "fp" -> "x29";
            default -> r.toLowerCase(Locale.ROOT);
        };
    }

    private static String save(List<String> regs, long offset, boolean writeback) {
        return "save " + String.join(",", regs) + (writeback ? " [sp,#-" + offset + "]!" : " [sp,#" + offset + "]");
    }
}
