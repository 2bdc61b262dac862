package dev.a64w.backend.a64;

import static org.junit.jupiter.api.Assertions.*;

import dev.a64w.backend.a64.A64Inst.*;
import dev.a64w.backend.a64.FpInst.*;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One instruction model before and after allocation: every sample form rebuilt over virtual
 * registers names them ({@link Operands#virtuals}), cannot be encoded, and resolves back to the
 * machine form ({@link Operands#resolve}); the constructors keep the register classes apart.
 */
@Epic("subject")
@Feature("a64 encoder")
class OperandsTest {
    /** Integer vreg ids are the register numbers, float ones 100 + the number. */
    private static final Operands.Resolver BACK = new Operands.Resolver() {
        @Override
        public MReg reg(VReg v) {
            return v.isFloat() ? FReg.v(v.id() - 100) : Gpr.x(v.id());
        }

        @Override
        public Label label(LocalLabel l) {
            return new Label(".Lback_" + l.index());
        }
    };

    private static List<A64Inst> samples() {
        List<A64Inst> all = new ArrayList<>(A64Samples.all());
        all.addAll(A64Samples.symbolic());
        all.addAll(FpSamples.all());
        all.addAll(AtomicSamples.all());
        return all;
    }

    /** {@code inst} with every numbered register replaced by a vreg of its class (through the canonical constructor). */
    private static A64Inst virtualize(A64Inst inst) throws ReflectiveOperationException {
        RecordComponent[] parts = inst.getClass().getRecordComponents();
        Object[] values = new Object[parts.length];
        Class<?>[] types = new Class<?>[parts.length];
        for (int k = 0; k < parts.length; k++) {
            Object v = parts[k].getAccessor().invoke(inst);
            if (v instanceof Gpr g) v = new VReg(g.n());
            else if (v instanceof FReg f) v = new VReg(100 + f.n(), RegClass.FLOAT);
            values[k] = v;
            types[k] = parts[k].getType();
        }
        Constructor<?> c = inst.getClass().getDeclaredConstructor(types);
        return (A64Inst) c.newInstance(values);
    }

    private static int numbered(A64Inst inst) throws ReflectiveOperationException {
        int n = 0;
        for (RecordComponent p : inst.getClass().getRecordComponents()) {
            Object v = p.getAccessor().invoke(inst);
            if (v instanceof Gpr || v instanceof FReg) n++;
        }
        return n;
    }

    @Test
    void everySampleFormRoundTripsThroughVirtualRegisters() throws ReflectiveOperationException {
        int forms = 0, virtualForms = 0;
        for (A64Inst machine : samples()) {
            A64Inst virt = virtualize(machine);
            List<VReg> named = new ArrayList<>();
            Operands.virtuals(virt, named::add);
            assertEquals(numbered(machine), named.size(), () -> "virtual operands of " + virt);
            assertEquals(machine, Operands.resolve(virt, BACK), () -> "resolved " + virt);
            List<VReg> none = new ArrayList<>();
            Operands.virtuals(machine, none::add);
            assertEquals(List.of(), none, () -> "machine form " + machine);
            assertEquals(machine, Operands.resolve(machine, BACK));
            if (!named.isEmpty()) {
                virtualForms++;
                assertThrows(IllegalStateException.class, () -> A64Encoder.encode(virt), () -> "encoded " + virt);
                assertTrue(A64Printer.print(virt).contains("%"), () -> A64Printer.print(virt));
            }
            forms++;
        }
        assertTrue(forms > 1000 && virtualForms > 1000, forms + " forms, " + virtualForms + " with registers");
    }

    @Test
    void localLabelsResolveToTheFunctionsLabels() {
        A64Inst branch = new CondBr(Cond.EQ, new LocalLabel(1));
        assertEquals(new CondBr(Cond.EQ, new Label(".Lback_1")), Operands.resolve(branch, BACK));
        assertThrows(IllegalArgumentException.class, () -> new Adrp(Gpr.x(0), new LocalLabel(0)));
    }

    @Test
    void constructorsKeepTheRegisterClassesApart() {
        VReg i = new VReg(1), f = new VReg(2, RegClass.FLOAT);
        assertThrows(IllegalArgumentException.class, () -> new AluRRR(AluOp.ADD, Size.X, f, i, i));
        assertThrows(IllegalArgumentException.class, () -> new MulAdd(MulOp.MADD, Size.X, i, f, i, Zr.ZR));
        assertThrows(IllegalArgumentException.class, () -> new FpRRR(FpBinOp.FADD, FpSize.D, f, i, f));
        assertThrows(IllegalArgumentException.class, () -> new FpToGpr(FpToGprOp.FMOV, Size.X, FpSize.D, f, f));
        assertThrows(IllegalArgumentException.class, () -> new AddCarry(CarryOp.ADC, Size.X, Sp.SP, i, i));
        assertDoesNotThrow(() -> new FpToGpr(FpToGprOp.FMOV, Size.X, FpSize.D, i, f));
    }

    @Test
    void resolvingToARegisterOfTheWrongClassIsACompilerBug() {
        Operands.Resolver wrong = new Operands.Resolver() {
            @Override
            public MReg reg(VReg v) {
                return FReg.v(0);
            }

            @Override
            public Label label(LocalLabel l) {
                throw new AssertionError();
            }
        };
        assertThrows(IllegalStateException.class, () -> Operands.resolve(new AluRRR(AluOp.ADD, Size.X, new VReg(0), new VReg(1), new VReg(2)), wrong));
    }

    @Test
    void copiesAreLeftOutOnlyBetweenTheSameRegister() {
        assertTrue(InstSink.isNoOp(new AluRRR(AluOp.ORR, Size.X, Gpr.x(3), Zr.ZR, Gpr.x(3))));
        assertFalse(InstSink.isNoOp(new AluRRR(AluOp.ORR, Size.X, Gpr.x(3), Zr.ZR, Gpr.x(4))));
        assertTrue(InstSink.isNoOp(new FpRR(FpUnOp.FMOV, FpSize.D, new VReg(7, RegClass.FLOAT), new VReg(7, RegClass.FLOAT))));
        assertFalse(InstSink.isNoOp(new FpRR(FpUnOp.FMOV, FpSize.D, FReg.v(1), FReg.v(2))));
        assertThrows(IllegalArgumentException.class, () -> InstSink.isNoOp(new AluRRR(AluOp.ADD, Size.X, Gpr.x(3), Gpr.x(3), Zr.ZR)));
    }
}
