package dev.a64w.backend.lower;

import dev.a64w.backend.CompileException;
import dev.a64w.backend.UnsupportedFeatureException;
import dev.a64w.backend.a64.RegClass;
import dev.a64w.backend.a64.VReg;
import dev.a64w.backend.regalloc.OpBody;
import dev.a64w.backend.regalloc.Origin;
import dev.a64w.backend.regalloc.VInst;
import dev.a64w.ir.BlockRef;
import dev.a64w.ir.Function;
import dev.a64w.ir.Module;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Lowering state of one function: value → vreg, types (tables indexed by {@link ValueSlots}), the
 * instruction list of the current block, and where the lowering is (for messages).
 */
final class LowerCtx {
    final Module module;
    final Function f;
    final ValueSlots slots;
    private final Type[] types;
    private final VReg[] vregs;
    private int nextVreg = 0;
    private List<VInst> insts = new ArrayList<>();
    private BlockRef whereBlock = null;
    private int whereInst = 0;
    int outgoingBytes = 0;
    /** The body every op is written into, then copied out of (ops are built one at a time). */
    private final OpBody body = new OpBody();

    LowerCtx(Module module, Function f) {
        this.module = module;
        this.f = f;
        this.slots = ValueSlots.of(f);
        this.types = new Type[slots.size()];
        this.vregs = new VReg[slots.size()];
        f.forEachValueType((v, t) -> types[slots.of(v)] = t);
    }

    VReg v(Value value) {
        int k = slots.of(value);
        if (k < 0) throw new CompileException("function %" + f.name() + " (" + where() + "): " + value + " is not a value of the function");
        VReg r = vregs[k];
        if (r == null) {
            r = new VReg(nextVreg++, classOf(types[k]));
            vregs[k] = r;
        }
        return r;
    }

    VReg temp() {
        return temp(RegClass.INT);
    }

    VReg temp(RegClass cls) {
        return new VReg(nextVreg++, cls);
    }

    /** The register class of a value of type {@code t}: FLOAT for f32/f64, INT otherwise. */
    static RegClass classOf(Type t) {
        return t.isFloat() ? RegClass.FLOAT : RegClass.INT;
    }

    int vregCount() {
        return nextVreg;
    }

    Type type(Value value) {
        int k = slots.of(value);
        Type t = k < 0 ? null : types[k];
        if (t == null) throw new CompileException("function %" + f.name() + " (" + where() + "): " + value + " has no definition");
        return t;
    }

    /** The lowering is at instruction {@code inst} of {@code block}. */
    void at(BlockRef block, int inst) {
        whereBlock = block;
        whereInst = inst;
    }

    /** The lowering is at the terminator of {@code block}. */
    void atTerminator(BlockRef block) {
        at(block, -1);
    }

    /** Where the lowering is: {@code block3/inst5}, {@code block3/terminator}, or empty before the first. */
    String where() {
        return origin().toString();
    }

    /** Where the lowering is, as data (the ops it makes carry it; text only when printed). */
    Origin origin() {
        return new Origin(whereBlock, whereInst);
    }

    /** Starts a new block's instruction list (sized like the previous one) and returns the previous one. */
    List<VInst> take() {
        List<VInst> out = insts;
        insts = new ArrayList<>(Math.max(16, out.size()));
        return out;
    }

    void add(VInst inst) {
        insts.add(inst);
    }

    /** Adds an op over {@code defs} and {@code uses} whose instructions {@code body} writes. */
    void op(List<VReg> defs, List<VReg> uses, Consumer<OpBody> body) {
        op(defs, uses, List.of(), body);
    }

    /** Adds an op over {@code defs}, {@code uses} and scratch {@code temps} whose instructions {@code body} writes. */
    void op(List<VReg> defs, List<VReg> uses, List<VReg> temps, Consumer<OpBody> body) {
        OpBody b = this.body;
        b.reset();
        body.accept(b);
        insts.add(new VInst.Op(defs, uses, temps, false, b.steps(), origin()));
    }

    UnsupportedFeatureException unsupported(String feature) {
        String where = where();
        return new UnsupportedFeatureException(feature, "function %" + f.name() + (where.isEmpty() ? "" : ", " + where));
    }
}
