package dev.a64w.backend.lower;

import dev.a64w.backend.a64.A64Inst.BfOp;
import dev.a64w.backend.a64.A64Inst.BitfieldMove;
import dev.a64w.backend.a64.Size;
import dev.a64w.backend.a64.VReg;
import dev.a64w.ir.Signature.Ext;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Honours {@code uext}/{@code sext} attributes where this function produces the value: arguments
 * it passes to a callee whose signature has them, and the values it returns under its own
 * signature's. The attribute promises the value arrives extended to 64 bits in its register, and
 * code from other compilers may rely on that; code compiled here never does (narrow values have
 * unspecified upper bits inside a function), so incoming attributed values need nothing.
 */
final class AbiExtend {
    private AbiExtend() {}

    /**
     * The registers to pass for {@code values}: the value's own register, or a new one holding it
     * extended to 64 bits when its attribute asks for that and its type is narrower than i64.
     */
    static List<VReg> extended(LowerCtx c, List<Value> values, List<Type> types, List<Ext> exts) {
        List<VReg> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            VReg v = c.v(values.get(i));
            Ext ext = i < exts.size() ? exts.get(i) : Ext.NONE;
            Type t = i < types.size() ? types.get(i) : Type.I64;
            if (ext == Ext.NONE || t == Type.I64 || t.isFloat()) { // a float has no extension to honour
                out.add(v);
                continue;
            }
            VReg d = c.temp();
            boolean signed = ext == Ext.SEXT;
            // UBFM/SBFM Xd, Xn, #0, #bits-1 = uxt/sxt to 64 bits (uxtw/sxtw for i32)
            c.op(List.of(d), List.of(v), b ->
                    b.emit(new BitfieldMove(signed ? BfOp.SBFM : BfOp.UBFM, Size.X, d, v, 0, t.bits() - 1)));
            out.add(d);
        }
        return out;
    }
}
