package dev.a64w.backend.regalloc;

import dev.a64w.backend.MachineBuffer;
import dev.a64w.backend.a64.A64Inst;
import dev.a64w.backend.a64.Addressing;
import dev.a64w.backend.a64.InstSink;
import dev.a64w.backend.a64.Operands;
import dev.a64w.backend.a64.Sp;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Emits the steps of one op or branch test once its operands have registers: each machine
 * instruction resolved ({@link Operands#resolve}), local labels bound where the body binds them,
 * moves between the same register left out, stack-slot accesses at the frame's offsets
 * ({@code slotOffset}: slot id to offset from SP).
 */
public final class StepEmitter {
    private StepEmitter() {}

    public static void emit(List<Step> steps, Operands.Resolver regs, IntUnaryOperator slotOffset, MachineBuffer buf) {
        for (int k = 0; k < steps.size(); k++) {
            switch (steps.get(k)) {
                case Step.Machine m -> buf.emit(Operands.resolve(m.inst(), regs));
                case Step.Bind b -> buf.bind(regs.label(b.label()));
                case Step.Copy c -> {
                    A64Inst move = Operands.resolve(c.move(), regs);
                    if (!InstSink.isNoOp(move)) buf.emit(move);
                }
                case Step.SlotAccess a -> Addressing.access(buf, a.op(), Operands.reg(a.rt(), regs), Sp.SP,
                        slotOffset.applyAsInt(a.slot()) + a.offset(), Operands.reg(a.tmp(), regs));
                case Step.FpSlotAccess a -> Addressing.fpAccess(buf, a.op(), a.size(), Operands.fp(a.rt(), regs), Sp.SP,
                        slotOffset.applyAsInt(a.slot()) + a.offset(), Operands.reg(a.tmp(), regs));
                case Step.SlotAddress a -> Addressing.addSp(buf, Operands.reg(a.rd(), regs), slotOffset.applyAsInt(a.slot()) + a.offset());
            }
        }
    }
}
