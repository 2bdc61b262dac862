package dev.a64w.reduce;

import dev.a64w.ir.Block;
import dev.a64w.ir.DataItem;
import dev.a64w.ir.DataObject;
import dev.a64w.ir.FuncDecl;
import dev.a64w.ir.Function;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Module;
import dev.a64w.ir.Param;
import dev.a64w.ir.RunLine;
import dev.a64w.ir.Signature;
import dev.a64w.ir.StackSlot;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.Type;

/**
 * The measure every accepted candidate must decrease, compared lexicographically: first
 * {@code structure} (functions, blocks, parameters, instructions weighted by their results and
 * operands, edges, declarations, data objects, imports, run lines and their arguments), then
 * {@code detail} (bit lengths of immediates, float constants' bit patterns and run-line arguments, data items, non-zero data
 * bytes (4 each, so zeroing a byte may split an item), stack slot sizes, bytes of the types of
 * block parameters and of the instructions {@link TypePass} narrows). A reduction therefore never grows the module, and the reducer terminates.
 */
public record Size(long structure, long detail) implements Comparable<Size> {
    @Override
    public int compareTo(Size o) {
        int c = Long.compare(structure, o.structure);
        return c != 0 ? c : Long.compare(detail, o.detail);
    }

    public boolean smallerThan(Size o) {
        return compareTo(o) < 0;
    }

    public static Size of(Module m) {
        long s = 0, d = 0;
        s += m.imports().size();
        for (DataObject o : m.data()) {
            s++;
            d += o.items().size();
            for (DataItem it : o.items()) {
                if (it instanceof DataItem.Raw r) for (int k = 0; k < r.size(); k++) if (r.bytes().u8(k) != 0) d += 4;
            }
        }
        for (RunLine r : m.runs()) {
            s += 1 + r.args().size() + r.expected().size();
            for (long a : r.args()) d += bits(a);
        }
        for (Function f : m.functions()) {
            s += 1 + sig(f.signature());
            for (StackSlot slot : f.slots()) {
                s++;
                d += slot.size();
            }
            s += f.globals().size();
            for (var sg : f.sigs()) s += 1 + sig(sg.signature());
            for (FuncDecl fd : f.funcs()) s += 1 + sig(fd.signature());
            for (Block b : f.blocks()) {
                s += 1 + b.params().size();
                for (Param p : b.params()) d += p.type().bytes();
                for (Inst i : b.insts()) {
                    s += i.uses().size() + (i instanceof Inst.Iconst || i instanceof Inst.Fconst ? 1 : 2 + i.results().size());
                    d += imm(i) + width(i);
                }
                Terminator t = b.terminator();
                s += 1 + t.uses().size() + t.successors().size();
            }
        }
        return new Size(s, d);
    }

    /** Bytes of the controlling type of the instructions {@link TypePass} narrows. */
    private static long width(Inst i) {
        Type t = switch (i) {
            case Inst.Iconst x -> x.type();
            case Inst.Unary x -> x.type();
            case Inst.Binary x -> x.type();
            case Inst.BinaryImm x -> x.type();
            case Inst.Select x -> x.type();
            case Inst.Overflow x -> x.type();
            case Inst.OverflowCarry x -> x.type();
            case Inst.OverflowTrap x -> x.type();
            default -> null;
        };
        return t == null ? 0 : t.bytes();
    }

    private static long sig(Signature s) {
        return s.params().size() + s.returns().size();
    }

    private static long imm(Inst i) {
        return switch (i) {
            case Inst.Iconst x -> bits(x.imm());
            case Inst.BinaryImm x -> bits(x.imm());
            case Inst.IcmpImm x -> bits(x.imm());
            // a float constant by the bit length of its pattern: +0.0 is the smallest, 1.0 below any NaN
            case Inst.Fconst x -> bits(x.bits());
            default -> 0;
        };
    }

    /** Bit length of the magnitude, plus one for a negative value: 0 -> 0, 1 -> 1, -1 -> 2. */
    static long bits(long v) {
        if (v == Long.MIN_VALUE) return 65;
        return (64 - Long.numberOfLeadingZeros(Math.abs(v))) + (v < 0 ? 1 : 0);
    }
}
