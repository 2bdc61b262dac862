package dev.a64w.backend.regalloc;

import dev.a64w.backend.CompileException;
import dev.a64w.backend.MachineBuffer;
import dev.a64w.backend.a64.FReg;
import dev.a64w.backend.a64.FpSize;
import dev.a64w.backend.a64.Gpr;
import dev.a64w.backend.a64.MReg;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;

/**
 * Prints VCode as text, before or after allocation, deterministically:
 * <pre>
 * block0(%0, %1):
 *   params %0, %1
 *   %2 = op block0/inst0 uses %0, %1
 *       add x0, x0, x1
 *   ret %2
 * </pre>
 * An {@code op}'s machine code is an {@link OpEmitter} (code, not data), so the printer shows where
 * the lowering made it, its operands, and, after allocation, the instructions it emits with the
 * allocated registers (run into a scratch buffer) when none of its operands is spilled. The
 * allocation follows: every vreg with its class and location.
 */
public final class VCodePrinter {
    private VCodePrinter() {}

    /** The code alone (before allocation). */
    public static String print(VCode code) {
        return print(code, null);
    }

    /** The code, each op with its emitted instructions, then the allocation ({@code alloc} may be null). */
    public static String print(VCode code, Allocation alloc) {
        return print(code, alloc, null);
    }

    /**
     * The same, with the frame's stack slot offsets ({@code slotOffset}, from SP; may be null, and
     * then an op that addresses a slot is shown as not printable alone).
     */
    public static String print(VCode code, Allocation alloc, IntUnaryOperator slotOffset) {
        StringBuilder sb = new StringBuilder();
        sb.append("function ").append(code.name()).append(code.leaf() ? " leaf" : "")
                .append(" vregs=").append(code.vregCount())
                .append(" outgoing=").append(code.outgoingBytes());
        if (!code.slots().isEmpty()) sb.append(" slots=").append(code.slots());
        sb.append('\n');
        for (VBlock b : code.blocks()) {
            sb.append(b.name()).append('(').append(join(b.params())).append("):\n");
            for (VInst i : b.insts()) {
                sb.append("  ").append(inst(i)).append('\n');
                if (alloc != null && i instanceof VInst.Op op) {
                    for (String line : emitted(code, op, alloc, slotOffset)) sb.append("      ").append(line).append('\n');
                }
            }
            sb.append("  ").append(term(code, b.term())).append('\n');
        }
        if (alloc != null) allocation(sb, code, alloc);
        return sb.toString();
    }

    public static String inst(VInst inst) {
        return switch (inst) {
            case VInst.Params p -> p.params().isEmpty() ? "params" : "params " + join(p.params());
            case VInst.Op op -> {
                StringBuilder sb = new StringBuilder();
                if (!op.defs().isEmpty()) sb.append(join(op.defs())).append(" = ");
                sb.append(op.earlyDef() ? "op.early" : "op");
                if (op.origin().block() != null) sb.append(' ').append(op.origin());
                if (!op.uses().isEmpty()) sb.append(" uses ").append(join(op.uses()));
                if (!op.temps().isEmpty()) sb.append(" temps ").append(join(op.temps()));
                yield sb.toString();
            }
            case VInst.Call c -> (c.results().isEmpty() ? "" : join(c.results()) + " = ") + "call " + target(c.target()) + "(" + join(c.args()) + ")";
        };
    }

    private static String target(CallTarget t) {
        return switch (t) {
            case CallTarget.Direct d -> d.name();
            case CallTarget.Import i -> "import " + i.name();
            case CallTarget.Indirect i -> "indirect " + i.callee();
        };
    }

    public static String term(VCode code, VTerm t) {
        return switch (t) {
            case VTerm.Jump j -> "jump " + edge(code, j.target());
            case VTerm.Branch br -> "branch" + (br.testUses().isEmpty() ? "" : " uses " + join(br.testUses()))
                    + " taken " + edge(code, br.taken()) + " else " + edge(code, br.notTaken());
            case VTerm.Table tab -> {
                List<String> targets = new ArrayList<>();
                for (Edge e : tab.targets()) targets.add(edge(code, e));
                yield "br_table " + tab.index() + " i" + tab.indexBits() + " default " + edge(code, tab.fallback()) + " [" + String.join(", ", targets) + "]";
            }
            case VTerm.Ret r -> "ret" + (r.values().isEmpty() ? "" : " " + join(r.values()));
            case VTerm.TailCall tc -> "return_call " + target(tc.target()) + "(" + join(tc.args()) + ")";
            case VTerm.Trap tr -> "trap " + tr.imm();
        };
    }

    private static String edge(VCode code, Edge e) {
        return code.blocks().get(e.block()).name() + "(" + join(e.args()) + ")";
    }

    private static String join(List<VReg> regs) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < regs.size(); k++) sb.append(k == 0 ? "" : ", ").append(regs.get(k));
        return sb.toString();
    }

    /** A location as text: {@code x3}, {@code d9} (the low 64 bits of v9), {@code spill2}. */
    public static String loc(Loc l) {
        return switch (l) {
            case Loc.InReg r -> reg(r.reg());
            case Loc.Spill s -> "spill" + s.slot();
        };
    }

    private static String reg(MReg r) {
        return switch (r) {
            case Gpr g -> g.toString();
            case FReg f -> f.name(FpSize.D);
        };
    }

    private static void allocation(StringBuilder sb, VCode code, Allocation alloc) {
        sb.append("allocation: spills=").append(alloc.spillSlots())
                .append(" saved=").append(alloc.savedGprs()).append(' ').append(alloc.savedFregs().stream().map(f -> f.name(FpSize.D)).toList())
                .append('\n');
        // every vreg some instruction names, by id, with its class
        TreeMap<Integer, VReg> named = new TreeMap<>();
        for (VBlock b : code.blocks()) {
            for (VReg v : b.params()) named.put(v.id(), v);
            for (VInst i : b.insts()) {
                for (VReg v : i.defs()) named.put(v.id(), v);
                for (VReg v : i.uses()) named.put(v.id(), v);
                if (i instanceof VInst.Op op) for (VReg v : op.temps()) named.put(v.id(), v);
            }
            for (VReg v : b.term().uses()) named.put(v.id(), v);
        }
        for (VReg v : named.values()) {
            sb.append("  ").append(v).append(' ').append(v.cls()).append(' ')
                    .append(alloc.loc(v).map(VCodePrinter::loc).orElse("-")).append('\n');
        }
    }

    /** The instructions {@code op} emits with the allocated registers, or a note when an operand is spilled. */
    private static List<String> emitted(VCode code, VInst.Op op, Allocation alloc, IntUnaryOperator slotOffset) {
        List<VReg> operands = new ArrayList<>(op.uses());
        operands.addAll(op.defs());
        operands.addAll(op.temps());
        for (VReg v : operands) {
            if (!(alloc.loc(v).orElse(null) instanceof Loc.InReg)) return List.of("; " + v + " spilled: reloaded/stored through x15..x17 when emitted");
        }
        OpCtx ctx = new OpCtx() {
            @Override
            public MReg mreg(VReg v) {
                if (!operands.contains(v)) throw new IllegalStateException(v + " is not an operand");
                return ((Loc.InReg) alloc.loc(v).orElseThrow()).reg();
            }

            @Override
            public int slotOffset(int slotId) {
                if (slotOffset == null) throw new IllegalStateException("no frame for stack slot ss" + slotId);
                return slotOffset.applyAsInt(slotId);
            }
        };
        MachineBuffer buf = new MachineBuffer(code.name());
        try {
            op.emit().emit(ctx, buf);
            return buf.finish(false).asm();
        } catch (CompileException | IllegalStateException | IllegalArgumentException e) {
            return List.of("; not printable alone: " + e.getMessage());
        }
    }
}
