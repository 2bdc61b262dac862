package dev.a64w.backend.lower;

import dev.a64w.backend.CompileException;
import dev.a64w.backend.UnsupportedFeatureException;
import dev.a64w.backend.regalloc.OpEmitter;
import dev.a64w.backend.regalloc.VInst;
import dev.a64w.backend.regalloc.VReg;
import dev.a64w.ir.Function;
import dev.a64w.ir.Module;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Lowering state of one function: value → vreg, types, the instruction list of the current block. */
final class LowerCtx {
    final Module module;
    final Function f;
    private final Map<Value, Type> types;
    private final Map<Value, VReg> vregs = new HashMap<>();
    private int nextVreg = 0;
    private List<VInst> insts = new ArrayList<>();
    String where = "";
    int outgoingBytes = 0;

    LowerCtx(Module module, Function f) {
        this.module = module;
        this.f = f;
        this.types = f.valueTypes();
    }

    VReg v(Value value) {
        return vregs.computeIfAbsent(value, k -> new VReg(nextVreg++));
    }

    VReg temp() {
        return new VReg(nextVreg++);
    }

    int vregCount() {
        return nextVreg;
    }

    Type type(Value value) {
        Type t = types.get(value);
        if (t == null) throw new CompileException("function %" + f.name() + " (" + where + "): " + value + " has no definition");
        return t;
    }

    /** Starts a new block's instruction list and returns the previous one. */
    List<VInst> take() {
        List<VInst> out = insts;
        insts = new ArrayList<>();
        return out;
    }

    void add(VInst inst) {
        insts.add(inst);
    }

    void op(List<VReg> defs, List<VReg> uses, OpEmitter e) {
        insts.add(new VInst.Op(defs, uses, List.of(), false, e));
    }

    void op(List<VReg> defs, List<VReg> uses, List<VReg> temps, OpEmitter e) {
        insts.add(new VInst.Op(defs, uses, temps, false, e));
    }

    UnsupportedFeatureException unsupported(String feature) {
        return new UnsupportedFeatureException(feature, "function %" + f.name() + (where.isEmpty() ? "" : ", " + where));
    }
}
