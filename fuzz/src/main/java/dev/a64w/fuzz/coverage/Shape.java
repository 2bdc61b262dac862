package dev.a64w.fuzz.coverage;

import dev.a64w.ir.Inst;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import dev.a64w.ir.interp.InstObserver;

/**
 * How one instruction is counted: its (opcode, type) pair name, the values in its operand positions
 * (x, y, z: CLIF operand order, an immediate taking the place of y), each position's type, and
 * whether y is a shift amount (judged for {@link ValueClass#WIDE} against {@code width}).
 * Instructions without integer data operands (constants, memory, calls, traps) have no shape.
 *
 * <p>Pair names: {@code OPCODE.TYPE} with the controlling type ({@code srem.i16}, {@code iadd_imm.i8});
 * the condition of a compare is not part of its pair ({@code icmp.i16}); conversions name both types
 * ({@code sextend.i8>i64}).
 */
record Shape(String pair, Value[] uses, Type[] types, boolean immediateY, long imm, boolean shift, int width) {

    static Shape of(Inst inst, InstObserver.Values v) {
        return switch (inst) {
            case Inst.Unary x -> {
                Type from = v.type(x.arg());
                String name = x.op().changesType() && x.op() != dev.a64w.ir.Opcodes.UnaryOp.BITCAST
                        ? x.op().clif + "." + from + ">" + x.type() : x.op().clif + "." + x.type();
                yield new Shape(name, new Value[] {x.arg()}, new Type[] {from}, false, 0, false, 0);
            }
            case Inst.Binary x -> new Shape(x.op().clif + "." + x.type(), new Value[] {x.a(), x.b()},
                    new Type[] {x.type(), v.type(x.b())}, false, 0, x.op().isShift(), x.type().bits());
            case Inst.BinaryImm x -> new Shape(x.op().clif + "." + x.type(), new Value[] {x.a()},
                    new Type[] {x.type(), x.type()}, true, x.imm(), x.op().base.isShift(), x.type().bits());
            case Inst.Icmp x -> {
                Type t = v.type(x.a());
                yield new Shape("icmp." + t, new Value[] {x.a(), x.b()}, new Type[] {t, t}, false, 0, false, 0);
            }
            case Inst.IcmpImm x -> {
                Type t = v.type(x.a());
                yield new Shape("icmp_imm." + t, new Value[] {x.a()}, new Type[] {t, t}, true, x.imm(), false, 0);
            }
            case Inst.Select x -> new Shape(x.op().clif + "." + x.type(), new Value[] {x.cond(), x.ifTrue(), x.ifFalse()},
                    new Type[] {v.type(x.cond()), x.type(), x.type()}, false, 0, false, 0);
            case Inst.Overflow x -> new Shape(x.op().clif + "." + x.type(), new Value[] {x.a(), x.b()},
                    new Type[] {x.type(), x.type()}, false, 0, false, 0);
            case Inst.OverflowCarry x -> new Shape(x.op().clif + "." + x.type(), new Value[] {x.a(), x.b(), x.carry()},
                    new Type[] {x.type(), x.type(), Type.I8}, false, 0, false, 0);
            case Inst.OverflowTrap x -> new Shape("uadd_overflow_trap." + x.type(), new Value[] {x.a(), x.b()},
                    new Type[] {x.type(), x.type()}, false, 0, false, 0);
            default -> null;
        };
    }

    int positions() {
        return types.length;
    }

    /** The raw value in position {@code k}. */
    long value(int k, InstObserver.Values v) {
        return immediateY && k == 1 ? imm : v.value(uses[k]);
    }
}
