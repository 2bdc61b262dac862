package dev.a64w.backend.emit;

import dev.a64w.backend.CompiledFunction;
import dev.a64w.backend.Epilogue;
import dev.a64w.backend.FunctionUnwind;
import dev.a64w.backend.Reloc;
import dev.a64w.backend.RelocKind;
import dev.a64w.backend.UnwindOp;
import dev.a64w.backend.UnwindStep;
import dev.a64w.backend.a64.A64Inst;
import dev.a64w.backend.a64.A64Inst.*;
import dev.a64w.backend.a64.Gpr;
import dev.a64w.backend.a64.Imm12;
import dev.a64w.backend.a64.Label;
import dev.a64w.backend.a64.Size;
import dev.a64w.backend.a64.Sp;
import dev.a64w.backend.a64.Sym;
import dev.a64w.ir.DataItem;
import dev.a64w.ir.DataObject;
import dev.a64w.ir.Module;
import dev.a64w.util.Bytes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A small hand-built module; encodings checked with llvm-mc -show-encoding. */
final class SampleModule {
    private SampleModule() {}

    /** f: framed (reference §6 worked example frame), calls g, ext and an import, loads table. */
    static CompiledFunction f() {
        // stp x29, x30, [sp, #-32]!; str x19, [sp, #16]; mov x29, sp; bl g; bl ext;
        // adrp x8, table; ldr x8, [x8, :lo12:table]; adrp x9, __imp_host; ldr x9, [x9, :lo12:__imp_host]; blr x9;
        // ldr x19, [sp, #16]; ldp x29, x30, [sp], #32; ret
        Gpr x8 = Gpr.x(8), x9 = Gpr.x(9), x19 = Gpr.x(19);
        List<A64Inst> insts = List.of(
                new LdStPair(PairOp.STP, IndexMode.PRE, Size.X, Gpr.FP, Gpr.LR, Sp.SP, -32),
                new LdStUImm(LdStOp.STRX, x19, Sp.SP, 16),
                new AluRRImm12(AddSubOp.ADD, Size.X, Gpr.FP, Sp.SP, new Imm12(0, false)),
                new B26(BranchOp.BL, Sym.of("g")), new B26(BranchOp.BL, Sym.of("ext")),
                new Adrp(x8, Sym.of("table")), new LdStLo12(LdStOp.LDRX, x8, x8, Sym.of("table")),
                new Adrp(x9, Sym.of("__imp_host")), new LdStLo12(LdStOp.LDRX, x9, x9, Sym.of("__imp_host")),
                new BranchReg(BrOp.BLR, x9),
                new LdStUImm(LdStOp.LDRX, x19, Sp.SP, 16),
                new LdStPair(PairOp.LDP, IndexMode.POST, Size.X, Gpr.FP, Gpr.LR, Sp.SP, 32),
                new BranchReg(BrOp.RET, Gpr.LR));
        Bytes code = Bytes.ofHex("fd7bbea9 f30b00f9 fd030091 00000094 00000094 08000090 080140f9"
                + " 09000090 290140f9 20013fd6 f30b40f9 fd7bc2a8 c0035fd6");
        List<Reloc> relocs = List.of(
                new Reloc(0x0c, RelocKind.CALL26, "g", 0), new Reloc(0x10, RelocKind.CALL26, "ext", 0),
                new Reloc(0x14, RelocKind.ADRP_PAGE21, "table", 0), new Reloc(0x18, RelocKind.LDST64_LO12, "table", 0),
                new Reloc(0x1c, RelocKind.ADRP_PAGE21, "__imp_host", 0), new Reloc(0x20, RelocKind.LDST64_LO12, "__imp_host", 0));
        FunctionUnwind unwind = new FunctionUnwind(
                List.of(new UnwindStep(0, new UnwindOp.SaveFpLrPre(32)), new UnwindStep(4, new UnwindOp.SaveReg(19, 16)),
                        new UnwindStep(8, new UnwindOp.SetFp())),
                List.of(new Epilogue(List.of(new UnwindStep(0x28, new UnwindOp.SaveReg(19, 16)),
                        new UnwindStep(0x2c, new UnwindOp.SaveFpLrPre(32))), 0x30)));
        return new CompiledFunction("f", code, insts, CompiledFunction.noLabels(), relocs, Optional.of(unwind));
    }

    /** g: frameless leaf with a local label. */
    static CompiledFunction g() {
        return new CompiledFunction("g", Bytes.ofHex("400000b4 00040091 c0035fd6"),
                List.of(new CompareBranch(CbOp.CBZ, Size.X, Gpr.X0, new Label(".Lg_done")),
                        new AluRRImm12(AddSubOp.ADD, Size.X, Gpr.X0, Gpr.X0, new Imm12(1, false)),
                        new BranchReg(BrOp.RET, Gpr.LR)), // cbz x0, .Lg_done; add x0, x0, #1; ret
                new TreeMap<>(Map.of(8, List.of(".Lg_done"))), List.of(), Optional.empty());
    }

    static Module module() {
        DataObject table = new DataObject("table", false, 8, List.of(
                new DataItem.Addr("g", 0), new DataItem.Raw(Bytes.ofHex("010203")), new DataItem.Zero(5),
                new DataItem.Addr("f", 8)));
        DataObject msg = new DataObject("msg", true, 1, List.of(new DataItem.Raw(Bytes.ofHex("686900"))));
        DataObject ptrs = new DataObject("ptrs", true, 16, List.of(new DataItem.Addr("ext_data", -4)));
        return new Module(List.of(), List.of(), List.of(table, msg, ptrs), List.of(), List.of(), List.of());
    }

    static List<CompiledFunction> functions() {
        return List.of(f(), g());
    }
}
