package dev.a64w.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.backend.abi.ArgRegisters;
import dev.a64w.ir.Block;
import dev.a64w.ir.BlockCall;
import dev.a64w.ir.BlockRef;
import dev.a64w.ir.FuncDecl;
import dev.a64w.ir.Function;
import dev.a64w.ir.Inst;
import dev.a64w.ir.IntCC;
import dev.a64w.ir.MemFlags;
import dev.a64w.ir.Module;
import dev.a64w.ir.Opcodes.BinaryOp;
import dev.a64w.ir.Opcodes.LoadOp;
import dev.a64w.ir.Param;
import dev.a64w.ir.Signature;
import dev.a64w.ir.StackSlot;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Positive controls: the generator's own checker must flag known-bad modules. */
@Epic("fuzz")
@Feature("generator")
class ModuleCheckerTest {
    private static final Signature I64_TO_I64 = new Signature(List.of(Type.I64), List.of(Type.I64));

    private static Value v(int n) {
        return new Value(n);
    }

    private static Block block(int id, List<Param> params, List<Inst> insts, Terminator t) {
        return new Block(new BlockRef(id), params, insts, t);
    }

    private static Function fn(String name, List<StackSlot> slots, List<FuncDecl> funcs, Block... blocks) {
        return new Function(name, I64_TO_I64, slots, List.of(), List.of(), funcs, List.of(blocks));
    }

    private static final List<Param> P0 = List.of(new Param(v(0), Type.I64));

    private static Terminator ret(int n) {
        return new Terminator.Return(List.of(v(n)));
    }

    private static void assertFlags(Module m, String fragment) {
        var problems = ModuleChecker.check(m);
        assertTrue(problems.stream().anyMatch(p -> p.contains(fragment)), "expected '" + fragment + "' in " + problems);
    }

    @Test
    void acceptsAGoodModule() {
        var f = fn("f0", List.of(), List.of(), block(0, P0, List.of(new Inst.Binary(BinaryOp.IADD, v(1), Type.I64, v(0), v(0))), ret(1)));
        assertEquals(List.of(), ModuleChecker.check(Module.of(List.of(f))));
    }

    @Test
    void flagsUseBeforeDefinition() {
        var f = fn("f0", List.of(), List.of(), block(0, P0, List.of(
                new Inst.Binary(BinaryOp.IADD, v(1), Type.I64, v(0), v(2)),
                new Inst.Iconst(v(2), Type.I64, 1)), ret(1)));
        assertFlags(Module.of(List.of(f)), "used before its definition");
    }

    @Test
    void flagsTypeMismatch() {
        var f = fn("f0", List.of(), List.of(), block(0, P0, List.of(
                new Inst.Iconst(v(1), Type.I32, 1),
                new Inst.Binary(BinaryOp.IADD, v(2), Type.I64, v(0), v(1))), ret(2)));
        assertFlags(Module.of(List.of(f)), "has type i32, expected i64");
    }

    @Test
    void flagsBackwardCallEdge() {
        var f0 = fn("f0", List.of(), List.of(), block(0, P0, List.of(), ret(0)));
        var decl = new FuncDecl(0, "f0", true, I64_TO_I64, -1);
        var f1 = fn("f1", List.of(), List.of(decl), block(0, P0, List.of(new Inst.Call(List.of(v(1)), 0, List.of(v(0)))), ret(1)));
        assertFlags(Module.of(List.of(f0, f1)), "goes backwards");
    }

    @Test
    void flagsNonDominatingUseAndUnreachableBlock() {
        // block0: brif v0, block1, block2; block1: v1 = iconst; jump block2; block2: return v1; block3 unreachable
        var f = fn("f0", List.of(), List.of(),
                block(0, P0, List.of(), new Terminator.Brif(v(0), BlockCall.of(new BlockRef(1)), BlockCall.of(new BlockRef(2)))),
                block(1, List.of(), List.of(new Inst.Iconst(v(1), Type.I64, 5)), new Terminator.Jump(BlockCall.of(new BlockRef(2)))),
                block(2, List.of(), List.of(), ret(1)),
                block(3, List.of(), List.of(), ret(0)));
        var m = Module.of(List.of(f));
        assertFlags(m, "does not dominate");
        assertFlags(m, "block3 unreachable");
    }

    @Test
    void flagsOutOfBoundsAndUninitializedSlotReads() {
        var slots = List.of(new StackSlot(0, 4, 0), new StackSlot(1, 16, 0));
        var f = fn("f0", slots, List.of(), block(0, P0, List.of(
                new Inst.StackLoad(v(1), Type.I64, 0, 0),
                new Inst.StackLoad(v(2), Type.I64, 1, 8)), ret(0)));
        var m = Module.of(List.of(f));
        assertFlags(m, "outside 0x4");
        assertFlags(m, "uninitialized");
    }

    @Test
    void flagsPointerUsedAsDataAndBadAlignedFlag() {
        var slots = List.of(new StackSlot(0, 16, 8));
        var f = fn("f0", slots, List.of(), block(0, P0, List.of(
                new Inst.StackStore(v(0), 0, 0),
                new Inst.StackStore(v(0), 0, 8),
                new Inst.StackAddr(v(1), Type.I64, 0, 0),
                new Inst.Load(LoadOp.LOAD, v(2), Type.I64, new MemFlags(List.of("aligned")), v(1), 4),
                new Inst.Binary(BinaryOp.IADD, v(3), Type.I64, v(1), v(0))), ret(3)));
        var m = Module.of(List.of(f));
        assertFlags(m, "pointer v1 used as data");
        assertFlags(m, "aligned flag");
    }

    @Test
    void flagsBlockCallArityAndReturnCount() {
        var f = fn("f0", List.of(), List.of(),
                block(0, P0, List.of(new Inst.Icmp(IntCC.EQ, v(1), v(0), v(0))), new Terminator.Jump(BlockCall.of(new BlockRef(1)))),
                block(1, List.of(new Param(v(2), Type.I64)), List.of(), new Terminator.Return(List.of())));
        var m = Module.of(List.of(f));
        assertFlags(m, "with 0 args for 1 params");
        assertFlags(m, "return of 0 values");
    }

    @Test
    void flagsDuplicateAndReservedNames() {
        var a = fn("x0", List.of(), List.of(), block(0, P0, List.of(), ret(0)));
        var b = fn("x0", List.of(), List.of(), block(0, P0, List.of(), ret(0)));
        assertFlags(Module.of(List.of(a, b)), "defined twice");
        var chk = fn("__chkstk", List.of(), List.of(), block(0, P0, List.of(), ret(0)));
        assertFlags(Module.of(List.of(chk)), "not a name the generator may use");
        var dotted = fn("a.b", List.of(), List.of(), block(0, P0, List.of(), ret(0)));
        assertFlags(Module.of(List.of(dotted)), "not a name the generator may use");
        var imp = fn("__imp_f1", List.of(), List.of(), block(0, P0, List.of(), ret(0)));
        assertFlags(Module.of(List.of(imp)), "not a name the generator may use");
        // register-like and long names are fine
        var odd = fn("sp", List.of(), List.of(), block(0, P0, List.of(), ret(0)));
        var longName = fn("a".repeat(300), List.of(), List.of(), block(0, P0, List.of(), ret(0)));
        assertEquals(List.of(), ModuleChecker.check(Module.of(List.of(odd, longName))));
    }

    @Test
    void flagsTailCallNeedingMoreStackArguments() {
        var nine = new java.util.ArrayList<Type>();
        for (int k = 0; k < 9; k++) nine.add(Type.I64);
        var sig9 = new Signature(nine, List.of(Type.I64));
        var callee = new Function("f1", sig9, List.of(), List.of(), List.of(), List.of(), List.of(block(0, params(9), List.of(), ret(0))));
        var decl = new FuncDecl(0, "f1", true, sig9, -1);
        var args = new java.util.ArrayList<Value>();
        for (int k = 0; k < 9; k++) args.add(v(0));
        var caller = fn("f0", List.of(), List.of(decl), block(0, P0, List.of(), new Terminator.ReturnCall(0, args)));
        assertFlags(Module.of(List.of(caller, callee)), "tail call needs 1 stack arguments");
    }

    /** Integer and float argument registers are counted apart: 5 ints and 5 floats arrive in registers, so the caller has no stack area for a callee's 9th int. */
    @Test
    void flagsTailCallWhoseStackArgumentsTheCallerDidNotReceiveCountingClassesApart() {
        var mixed = new java.util.ArrayList<Type>();
        for (int k = 0; k < 5; k++) mixed.add(Type.I64);
        for (int k = 0; k < 5; k++) mixed.add(Type.F64);
        var callerSig = new Signature(mixed, List.of(Type.I64));
        var nine = new java.util.ArrayList<Type>();
        for (int k = 0; k < 9; k++) nine.add(Type.I64);
        var sig9 = new Signature(nine, List.of(Type.I64));
        var callee = new Function("f1", sig9, List.of(), List.of(), List.of(), List.of(), List.of(block(0, params(9), List.of(), ret(0))));
        var decl = new FuncDecl(0, "f1", true, sig9, -1);
        var args = new java.util.ArrayList<Value>();
        for (int k = 0; k < 9; k++) args.add(v(0));
        var callerParams = new java.util.ArrayList<Param>();
        for (int k = 0; k < mixed.size(); k++) callerParams.add(new Param(v(k), mixed.get(k)));
        var caller = new Function("f0", callerSig, List.of(), List.of(), List.of(), List.of(decl),
                List.of(block(0, callerParams, List.of(), new Terminator.ReturnCall(0, args))));
        assertFlags(Module.of(List.of(caller, callee)), "tail call needs 1 stack arguments, the caller received 0");
        assertEquals(0, ArgRegisters.stackSlots(mixed));
        assertEquals(2, ArgRegisters.stackSlots(java.util.stream.Stream.concat(nine.stream(), java.util.Collections.nCopies(9, Type.F32).stream()).toList()));
    }

    private static List<Param> params(int n) {
        var ps = new java.util.ArrayList<Param>();
        for (int k = 0; k < n; k++) ps.add(new Param(v(k), Type.I64));
        return ps;
    }
}
