package dev.a64w.backend.regalloc;

import static org.junit.jupiter.api.Assertions.*;

import dev.a64w.backend.a64.FReg;
import dev.a64w.backend.a64.Gpr;
import dev.a64w.backend.a64.MReg;
import dev.a64w.backend.a64.RegClass;
import dev.a64w.backend.a64.VReg;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The allocator per register class, on synthetic VCode (no lowering, no emission). */
@Epic("subject")
@Feature("regalloc")
class LinearScanClassTest {
    private static final List<Step> NOTHING = List.of();

    private static VInst def(VReg v) {
        return new VInst.Op(List.of(v), List.of(), List.of(), false, NOTHING);
    }

    private static VInst use(List<VReg> vs) {
        return new VInst.Op(List.of(), vs, List.of(), false, NOTHING);
    }

    /** {@code n} values of class {@code cls} defined, then (optionally) a call, then all used. */
    private static VCode liveAcross(RegClass cls, int n, boolean call) {
        List<VInst> insts = new ArrayList<>();
        insts.add(new VInst.Params(List.of()));
        List<VReg> vs = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            VReg v = new VReg(k, cls);
            vs.add(v);
            insts.add(def(v));
        }
        if (call) insts.add(new VInst.Call(new CallTarget.Direct("g"), List.of(), List.of()));
        for (int k = 0; k < n; k += 3) insts.add(use(vs.subList(k, Math.min(n, k + 3))));
        VBlock b = new VBlock("block0", List.of(), insts, new VTerm.Ret(List.of()));
        return new VCode("f", List.of(b), n, List.of(), 0, !call);
    }

    private static MReg reg(Allocation a, VReg v) {
        return a.loc(v).orElseThrow() instanceof Loc.InReg r ? r.reg() : null;
    }

    @Test
    void thirtyFloatsAcrossACallLandInD8ToD15AndSpill() {
        VCode code = liveAcross(RegClass.FLOAT, 30, true);
        Allocation a = LinearScan.allocate(code);
        Set<MReg> regs = new HashSet<>();
        int spilled = 0;
        for (int k = 0; k < 30; k++) {
            MReg r = reg(a, new VReg(k, RegClass.FLOAT));
            if (r == null) {
                spilled++;
                continue;
            }
            assertInstanceOf(FReg.class, r, "%" + k);
            int n = ((FReg) r).n();
            assertTrue(n >= 8 && n <= 15, "%" + k + " live across the call in " + r);
            assertTrue(regs.add(r), "two values in " + r);
        }
        assertEquals(8, regs.size());
        assertEquals(22, spilled);
        assertEquals(22, a.spillSlots());
        assertEquals(List.of(FReg.v(8), FReg.v(9), FReg.v(10), FReg.v(11), FReg.v(12), FReg.v(13), FReg.v(14), FReg.v(15)), a.savedFregs());
        assertEquals(List.of(), a.savedGprs());
    }

    @Test
    void floatsWithoutACallUseTheCallerSavedFirstThenD8AndNeverTheScratch() {
        int n = LinearScan.FLOAT_CALLER_SAVED.size() + 3; // 21 caller-saved, then d8..d10
        Allocation a = LinearScan.allocate(liveAcross(RegClass.FLOAT, n, false));
        Set<MReg> regs = new HashSet<>();
        for (int k = 0; k < n; k++) {
            MReg r = reg(a, new VReg(k, RegClass.FLOAT));
            assertNotNull(r, "%" + k + " spilled");
            assertInstanceOf(FReg.class, r);
            assertFalse(((FReg) r).n() >= 29, "scratch " + r + " allocated");
            regs.add(r);
        }
        assertEquals(n, regs.size());
        assertEquals(List.of(FReg.v(8), FReg.v(9), FReg.v(10)), a.savedFregs());
        assertEquals(0, a.spillSlots());
    }

    @Test
    void oneFloatTooManySpills() {
        int n = LinearScan.FLOAT_CALLER_SAVED.size() + LinearScan.FLOAT_CALLEE_SAVED.size() + 1;
        Allocation a = LinearScan.allocate(liveAcross(RegClass.FLOAT, n, false));
        assertEquals(1, a.spillSlots());
    }

    @Test
    void integersKeepTheirPoolAndFloatsDoNotTakeGprs() {
        List<VInst> insts = new ArrayList<>();
        List<VReg> params = List.of(new VReg(0, RegClass.INT), new VReg(1, RegClass.FLOAT), new VReg(2, RegClass.INT), new VReg(3, RegClass.FLOAT));
        insts.add(new VInst.Params(Fixed.abi(params, true)));
        insts.add(use(params.subList(0, 3)));
        insts.add(use(params.subList(3, 4)));
        VBlock b = new VBlock("block0", List.of(), insts, new VTerm.Ret(List.of()));
        Allocation a = LinearScan.allocate(new VCode("f", List.of(b), 4, List.of(), 0, true));
        // ABI hints count the classes separately: x0, v0, x1, v1
        assertEquals(Gpr.x(0), reg(a, params.get(0)));
        assertEquals(FReg.v(0), reg(a, params.get(1)));
        assertEquals(Gpr.x(1), reg(a, params.get(2)));
        assertEquals(FReg.v(1), reg(a, params.get(3)));
    }

    @Test
    void thirtyIntegersAcrossACallAreUnchanged() {
        Allocation a = LinearScan.allocate(liveAcross(RegClass.INT, 30, true));
        assertEquals(LinearScan.CALLEE_SAVED, a.savedGprs());
        assertEquals(List.of(), a.savedFregs());
        assertEquals(20, a.spillSlots());
    }

    @Test
    void aVregWithTwoClassesIsRejected() {
        List<VInst> insts = List.of(new VInst.Params(List.of()), def(new VReg(0, RegClass.INT)), use(List.of(new VReg(0, RegClass.FLOAT))));
        VCode code = new VCode("f", List.of(new VBlock("block0", List.of(), insts, new VTerm.Ret(List.of()))), 1, List.of(), 0, true);
        assertThrows(IllegalArgumentException.class, () -> LinearScan.allocate(code));
    }
}
