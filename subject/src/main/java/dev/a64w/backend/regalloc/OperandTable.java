package dev.a64w.backend.regalloc;

import dev.a64w.backend.a64.RegClass;
import dev.a64w.backend.a64.VReg;
import java.util.Arrays;
import java.util.List;

/**
 * Every register operand of a {@link VCode} in one flat table, collected once through the
 * instructions' and terminators' own {@code uses()}/{@code defs()}/{@code temps()} lists, so that
 * {@link Liveness} and {@link LinearScan} scan int arrays instead of the records.
 *
 * <p>Items are numbered in layout order: per block its top (where its parameters are defined), each
 * instruction, then its terminator. An item's operands are its uses, then its defs, then its temps.
 * Also kept: each block's successors (its terminator's edges, in order), which items are calls, and
 * the ABI hint of each vreg (see {@link LinearScan}).
 */
final class OperandTable {
    /** Operand roles. */
    static final byte USE = 0, DEF = 1, EARLY_DEF = 2, TEMP = 3;

    private final int[] top;
    private final int[] itemStart;
    private final int[] vregs;
    private final byte[] roles;
    private final boolean[] calls;
    private final int[][] successors;
    private final int[] hints;
    private final RegClass[] classes;
    private final int vregCount;

    private OperandTable(Builder b) {
        this.top = b.top;
        this.itemStart = b.itemStart;
        this.vregs = Arrays.copyOf(b.vregs, b.operands);
        this.roles = Arrays.copyOf(b.roles, b.operands);
        this.calls = b.calls;
        this.successors = b.successors;
        this.hints = b.hints;
        this.classes = b.classes;
        this.vregCount = b.hints.length;
    }

    static OperandTable of(VCode code) {
        List<VBlock> blocks = code.blocks();
        int items = 0;
        for (VBlock blk : blocks) items += blk.insts().size() + 2;
        Builder b = new Builder(blocks.size(), code.vregCount(), items);
        for (int k = 0; k < blocks.size(); k++) {
            VBlock blk = blocks.get(k);
            b.top[k] = b.beginItem(false);
            b.add(blk.params(), DEF);
            for (VInst inst : blk.insts()) {
                b.beginItem(inst instanceof VInst.Call);
                b.add(inst.uses(), USE);
                b.add(inst.defs(), inst instanceof VInst.Op op && op.earlyDef() ? EARLY_DEF : DEF);
                if (inst instanceof VInst.Op op) b.add(op.temps(), TEMP);
                switch (inst) {
                    case VInst.Params p -> b.hint(p.places());
                    case VInst.Call call -> {
                        b.hint(call.args());
                        b.hint(call.results());
                    }
                    case VInst.Op op -> { }
                }
            }
            b.beginItem(false);
            VTerm term = blk.term();
            b.add(term.uses(), USE);
            switch (term) {
                case VTerm.Ret r -> b.hint(r.places());
                case VTerm.TailCall tc -> b.hint(tc.args());
                default -> { }
            }
            List<Edge> edges = term.edges();
            int[] succ = new int[edges.size()];
            for (int e = 0; e < succ.length; e++) succ[e] = edges.get(e).block();
            b.successors[k] = succ;
        }
        b.itemStart[b.items] = b.operands;
        return new OperandTable(b);
    }

    int blocks() {
        return top.length;
    }

    int vregCount() {
        return vregCount;
    }

    /** The item of block {@code b}'s top; its instructions follow, then its terminator. */
    int top(int b) {
        return top[b];
    }

    /** The item of block {@code b}'s terminator. */
    int terminator(int b) {
        return (b + 1 < top.length ? top[b + 1] : itemStart.length - 1) - 1;
    }

    /** Operand indexes of item {@code i} are {@code first(i)} to {@code first(i + 1) - 1}. */
    int first(int item) {
        return itemStart[item];
    }

    int vreg(int operand) {
        return vregs[operand];
    }

    byte role(int operand) {
        return roles[operand];
    }

    boolean isCall(int item) {
        return calls[item];
    }

    int[] successors(int b) {
        return successors[b];
    }

    /** The register class of vreg {@code v} (INT for an id no operand names). */
    RegClass cls(int v) {
        RegClass c = classes[v];
        return c == null ? RegClass.INT : c;
    }

    /**
     * The number of the register of vreg {@code v}'s class that its first fixed place names (x0..x7
     * or v0..v7 of a parameter, argument, result or returned value), or -1.
     */
    int hint(int v) {
        return hints[v];
    }

    private static final class Builder {
        final int[] top;
        final int[][] successors;
        final int[] hints;
        final RegClass[] classes;
        final int[] itemStart;
        final boolean[] calls;
        int[] vregs;
        byte[] roles;
        int items;
        int operands;

        Builder(int blocks, int vregCount, int items) {
            top = new int[blocks];
            successors = new int[blocks][];
            hints = new int[vregCount];
            Arrays.fill(hints, -1);
            classes = new RegClass[vregCount];
            itemStart = new int[items + 1];
            calls = new boolean[items];
            vregs = new int[4 * items + 16];
            roles = new byte[4 * items + 16];
        }

        int beginItem(boolean call) {
            itemStart[items] = operands;
            calls[items] = call;
            return items++;
        }

        void add(List<VReg> regs, byte role) {
            for (int k = 0; k < regs.size(); k++) {
                if (operands == vregs.length) {
                    vregs = Arrays.copyOf(vregs, 2 * operands);
                    roles = Arrays.copyOf(roles, 2 * operands);
                }
                VReg r = regs.get(k);
                RegClass was = classes[r.id()];
                if (was != null && was != r.cls()) throw new IllegalArgumentException("vreg %" + r.id() + " used as both " + was + " and " + r.cls());
                classes[r.id()] = r.cls();
                vregs[operands] = r.id();
                roles[operands++] = role;
            }
        }

        /** A fixed register of {@code places} is the preferred register of its vreg, unless it has one already. */
        void hint(List<Fixed> places) {
            for (int k = 0; k < places.size(); k++) {
                if (places.get(k) instanceof Fixed.InReg r && hints[r.v().id()] < 0) hints[r.v().id()] = r.reg().encoding();
            }
        }
    }
}
