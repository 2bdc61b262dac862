package dev.a64w.backend.regalloc;

import dev.a64w.backend.MachineBuffer;
import dev.a64w.backend.a64.A64Inst;
import dev.a64w.backend.a64.A64Printer;
import dev.a64w.backend.a64.FReg;
import dev.a64w.backend.a64.FpSize;
import dev.a64w.backend.a64.Gpr;
import dev.a64w.backend.a64.InstSink;
import dev.a64w.backend.a64.Label;
import dev.a64w.backend.a64.LocalLabel;
import dev.a64w.backend.a64.MReg;
import dev.a64w.backend.a64.Operands;
import dev.a64w.backend.a64.Reg;
import dev.a64w.backend.a64.Size;
import dev.a64w.backend.a64.VReg;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;

/**
 * Prints VCode as text, before or after allocation, deterministically:
 * <pre>
 * block0(%0, %1):
 *   params %0, %1
 *   %2 = op block0/inst0 uses %0, %1
 *       add %2, %0, %1
 *   ret %2
 * </pre>
 * Each op shows where the lowering made it, its operands, and its body: the machine instructions
 * over virtual registers, or, after allocation and when none of its operands is spilled, the same
 * instructions with the allocated registers (what emission encodes, but for the reloads around
 * spilled operands, and stack slots shown by number). A branch shows its test the same way. The
 * allocation follows: every vreg with its class and location.
 */
public final class VCodePrinter {
    private VCodePrinter() {}

    /** The code alone (before allocation). */
    public static String print(VCode code) {
        return print(code, null);
    }

    /** The code, each op with its instructions, then the allocation ({@code alloc} may be null: the code before allocation). */
    public static String print(VCode code, Allocation alloc) {
        return print(code, alloc, null);
    }

    /**
     * The same, with the frame's stack slot offsets ({@code slotOffset}, from SP; may be null, and
     * then stack slot accesses show the slot by number).
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
                if (i instanceof VInst.Op op) {
                    List<VReg> operands = new ArrayList<>(op.uses());
                    operands.addAll(op.defs());
                    operands.addAll(op.temps());
                    for (String line : steps(code.name(), op.body(), operands, alloc, slotOffset)) sb.append("      ").append(line).append('\n');
                }
            }
            sb.append("  ").append(term(code, b.term())).append('\n');
            if (b.term() instanceof VTerm.Branch br) {
                for (String line : steps(code.name(), br.test().steps(), br.testUses(), alloc, slotOffset)) sb.append("      ").append(line).append('\n');
                sb.append("      ; taken if ").append(br.test().cond().name().toLowerCase(Locale.ROOT)).append('\n');
            }
        }
        if (alloc != null) allocation(sb, code, alloc);
        return sb.toString();
    }

    public static String inst(VInst inst) {
        return switch (inst) {
            case VInst.Params p -> p.places().isEmpty() ? "params" : "params " + places(p.places());
            case VInst.Op op -> {
                StringBuilder sb = new StringBuilder();
                if (!op.defs().isEmpty()) sb.append(join(op.defs())).append(" = ");
                sb.append(op.earlyDef() ? "op.early" : "op");
                if (op.origin().block() != null) sb.append(' ').append(op.origin());
                if (!op.uses().isEmpty()) sb.append(" uses ").append(join(op.uses()));
                if (!op.temps().isEmpty()) sb.append(" temps ").append(join(op.temps()));
                yield sb.toString();
            }
            case VInst.Call c -> (c.results().isEmpty() ? "" : places(c.results()) + " = ") + "call " + target(c.target()) + "(" + places(c.args()) + ")";
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
            case VTerm.Ret r -> "ret" + (r.places().isEmpty() ? "" : " " + places(r.places()));
            case VTerm.TailCall tc -> "return_call " + target(tc.target()) + "(" + places(tc.args()) + ")";
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

    /** Fixed operands as text: {@code %0 in x0, %9 in d1, %12 in stack0}. */
    private static String places(List<Fixed> places) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < places.size(); k++) {
            sb.append(k == 0 ? "" : ", ").append(places.get(k).v()).append(" in ").append(switch (places.get(k)) {
                case Fixed.InReg r -> reg(r.reg());
                case Fixed.OnStack st -> "stack" + st.slot();
            });
        }
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

    /**
     * The steps of an op or branch test: over virtual registers before allocation ({@code alloc}
     * null) or when one of {@code operands} is spilled (then with a note: emission reloads it),
     * else what emission makes of them with the allocated registers (run into a scratch buffer;
     * without {@code slotOffset}, stack slots are shown by number).
     */
    private static List<String> steps(String function, List<Step> steps, List<VReg> operands, Allocation alloc, IntUnaryOperator slotOffset) {
        List<String> out = new ArrayList<>();
        if (alloc != null) {
            for (VReg v : operands) {
                if (!(alloc.loc(v).orElse(null) instanceof Loc.InReg)) {
                    out.add("; " + v + " spilled: reloaded/stored through x15..x17 (v29..v31) when emitted");
                    break;
                }
            }
        }
        if (alloc == null || !out.isEmpty()) {
            for (Step step : steps) out.add(step(step, null));
            return out;
        }
        MachineBuffer buf = new MachineBuffer(function);
        Operands.Resolver regs = allocated(operands, alloc, buf);
        if (slotOffset == null && steps.stream().anyMatch(s -> s instanceof Step.SlotAccess || s instanceof Step.FpSlotAccess || s instanceof Step.SlotAddress)) {
            for (Step step : steps) out.add(step(step, regs));
            return out;
        }
        StepEmitter.emit(steps, regs, slotOffset, buf);
        return buf.finish(false).asm();
    }

    /** One step as text; {@code regs} null: as the lowering made it. */
    public static String step(Step step, Operands.Resolver regs) {
        return switch (step) {
            case Step.Machine m -> A64Printer.print(regs == null ? m.inst() : Operands.resolve(m.inst(), regs));
            case Step.Bind b -> b.label().asm() + ":";
            case Step.Copy c -> {
                A64Inst move = regs == null ? c.move() : Operands.resolve(c.move(), regs);
                if (regs == null) yield A64Printer.print(move) + "  ; left out if allocated the same register";
                yield InstSink.isNoOp(move) ? "; " + A64Printer.print(move) + " left out" : A64Printer.print(move);
            }
            case Step.SlotAccess a -> a.op().name().toLowerCase(Locale.ROOT) + " " + name(a.rt(), regs) + ", [ss" + a.slot() + " + " + a.offset() + "]  ; via " + name(a.tmp(), regs) + " if far";
            case Step.FpSlotAccess a -> a.op().name().toLowerCase(Locale.ROOT) + " " + (regs == null ? a.rt() : Operands.fp(a.rt(), regs)).name(a.size())
                    + ", [ss" + a.slot() + " + " + a.offset() + "]  ; via " + name(a.tmp(), regs) + " if far";
            case Step.SlotAddress a -> "add " + name(a.rd(), regs) + ", sp, ss" + a.slot() + " + " + a.offset();
        };
    }

    private static String name(Reg r, Operands.Resolver regs) {
        return (regs == null ? r : Operands.reg(r, regs)).name(Size.X);
    }

    /** The allocated register of each of {@code operands} (all in registers); a label of {@code buf} per local label. */
    private static Operands.Resolver allocated(List<VReg> operands, Allocation alloc, MachineBuffer buf) {
        Map<LocalLabel, Label> labels = new HashMap<>();
        return new Operands.Resolver() {
            @Override
            public MReg reg(VReg v) {
                if (!operands.contains(v)) throw new IllegalStateException(v + " is not an operand");
                return ((Loc.InReg) alloc.loc(v).orElseThrow()).reg();
            }

            @Override
            public Label label(LocalLabel l) {
                return labels.computeIfAbsent(l, k -> buf.newLabel());
            }
        };
    }
}
