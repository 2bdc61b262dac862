package dev.a64w.check.coff;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks that every relocation of an ARM64 object fits the place it patches, and the alignment
 * facts the linker relies on (reference arm64-coff.md §2, §2.2, §3):
 * <ul>
 *   <li>the instruction at the offset has the form the relocation type patches (BRANCH26 on B/BL,
 *       BRANCH19 on B.cond/CBZ/CBNZ, BRANCH14 on TBZ/TBNZ, PAGEBASE_REL21 on ADRP, REL21 on ADR,
 *       PAGEOFFSET_12A on ADD/ADDS immediate with shift 0, PAGEOFFSET_12L on LDR/STR unsigned offset);
 *       data relocations only in data-like sections, in bounds;</li>
 *   <li>branch immediates are 0, the 12L addend fits the scaled field;</li>
 *   <li>PAGEOFFSET_12L: target offset + addend is a multiple of the access size and the target's
 *       section alignment is at least the access size (LNK2048 / lld "misaligned ldr/str offset");
 *       against an undefined symbol only an {@code __imp_} slot (8-byte aligned) is allowed;</li>
 *   <li>code sections are aligned to at least 4, function symbols are 4-byte aligned.</li>
 * </ul>
 * The result is a list of human-readable problems; empty means the object passes.
 */
public final class RelocationRules {
    private RelocationRules() {
    }

    public static List<String> check(CoffObject obj) {
        List<String> problems = new ArrayList<>();
        for (Section s : obj.sections()) {
            if (s.isCode() && s.alignment() < 4) {
                problems.add("section #" + s.number() + " " + s.name() + ": code section alignment expected >= 4, actual "
                        + (s.alignment() == 0 ? "unset" : s.alignment()));
            }
            for (int i = 0; i < s.relocations().size(); i++) {
                checkRelocation(obj, s, i, s.relocations().get(i), problems);
            }
        }
        for (Symbol sym : obj.symbols()) {
            if (sym.isFunction() && sym.isDefined() && sym.value() % 4 != 0) {
                problems.add("function symbol " + sym.name() + ": value expected 4-byte aligned, actual 0x"
                        + Long.toHexString(sym.value()));
            }
            if (sym.isFunction() && sym.isDefined()) {
                obj.sectionNumber(sym.sectionNumber()).filter(sec -> !sec.isCode()).ifPresent(sec ->
                        problems.add("function symbol " + sym.name() + ": defined in non-code section " + sec.name()));
            }
        }
        return problems;
    }

    private static void checkRelocation(CoffObject obj, Section s, int i, Relocation r, List<String> problems) {
        String where = s.name() + "+0x" + Long.toHexString(r.offset()) + " (reloc #" + i + " -> " + r.symbolName() + ")";
        Optional<Arm64RelocType> maybeType = r.arm64Type();
        if (maybeType.isEmpty()) {
            problems.add(where + ": type 0x" + Integer.toHexString(r.type()) + " is not an IMAGE_REL_ARM64_* type");
            return;
        }
        Arm64RelocType type = maybeType.get();
        where = where.replace("(reloc", "(" + type + " reloc");
        if (type == Arm64RelocType.ABSOLUTE || type == Arm64RelocType.TOKEN) {
            problems.add(where + ": " + type + " is not expected in ARM64 code objects");
            return;
        }
        long size = s.isUninitialized() ? 0 : s.data().size();
        if (r.offset() + type.width() > size) {
            problems.add(where + ": field of " + type.width() + " bytes expected inside the section (0x"
                    + Long.toHexString(size) + " bytes), actual offset 0x" + Long.toHexString(r.offset()));
            return;
        }
        if (type.patchesInstruction()) {
            if (!s.isCode()) {
                problems.add(where + ": instruction relocation in non-code section");
                return;
            }
            if (r.offset() % 4 != 0) {
                problems.add(where + ": instruction offset expected 4-byte aligned");
                return;
            }
            int insn = (int) s.data().u32((int) r.offset());
            checkInstruction(obj, where, type, insn, r, problems);
        } else {
            if (!s.isDataLike()) {
                problems.add(where + ": data relocation expected in a data-like section, actual section characteristics 0x"
                        + Long.toHexString(s.characteristics()));
            }
        }
    }

    private static void checkInstruction(CoffObject obj, String where, Arm64RelocType type, int insn, Relocation r,
                                         List<String> problems) {
        String word = String.format("0x%08x (%s)", insn, A64Forms.form(insn));
        switch (type) {
            case BRANCH26 -> {
                if (!A64Forms.isB(insn) && !A64Forms.isBl(insn)) {
                    problems.add(where + ": expected B/BL, actual instruction " + word);
                } else if (A64Forms.imm26(insn) != 0) {
                    problems.add(where + ": branch immediate expected 0, actual 0x" + Integer.toHexString(A64Forms.imm26(insn)));
                }
            }
            case BRANCH19 -> {
                if (!A64Forms.isBCond(insn) && !A64Forms.isCbzCbnz(insn)) {
                    problems.add(where + ": expected B.cond/CBZ/CBNZ, actual instruction " + word);
                } else if (A64Forms.imm19(insn) != 0) {
                    problems.add(where + ": branch immediate expected 0, actual 0x" + Integer.toHexString(A64Forms.imm19(insn)));
                }
            }
            case BRANCH14 -> {
                if (!A64Forms.isTbzTbnz(insn)) {
                    problems.add(where + ": expected TBZ/TBNZ, actual instruction " + word);
                } else if (A64Forms.imm14(insn) != 0) {
                    problems.add(where + ": branch immediate expected 0, actual 0x" + Integer.toHexString(A64Forms.imm14(insn)));
                }
            }
            case PAGEBASE_REL21 -> {
                if (!A64Forms.isAdrp(insn)) {
                    problems.add(where + ": expected ADRP, actual instruction " + word);
                }
            }
            case REL21 -> {
                if (!A64Forms.isAdr(insn)) {
                    problems.add(where + ": expected ADR, actual instruction " + word);
                }
            }
            case PAGEOFFSET_12A, SECREL_LOW12A -> {
                if (!A64Forms.isAddImm(insn)) {
                    problems.add(where + ": expected ADD/ADDS (immediate), actual instruction " + word);
                } else if (A64Forms.addImmShifted(insn)) {
                    problems.add(where + ": expected ADD immediate with shift 0, actual lsl #12 in " + word);
                }
            }
            case SECREL_HIGH12A -> {
                if (!A64Forms.isAddImm(insn)) {
                    problems.add(where + ": expected ADD (immediate), actual instruction " + word);
                }
            }
            case PAGEOFFSET_12L, SECREL_LOW12L -> {
                if (!A64Forms.isLdStUImm(insn)) {
                    problems.add(where + ": expected LDR/STR (unsigned offset), actual instruction " + word);
                    return;
                }
                int scale = A64Forms.ldStScale(insn);
                long addend = (long) A64Forms.imm12(insn) << scale;
                if (addend > 0xFFF) {
                    problems.add(where + ": scaled addend expected <= 0xfff, actual 0x" + Long.toHexString(addend)
                            + " (imm12 0x" + Integer.toHexString(A64Forms.imm12(insn)) + " << " + scale + ")");
                }
                if (type == Arm64RelocType.PAGEOFFSET_12L) {
                    checkLoadTargetAlignment(obj, where, r, 1 << scale, addend, problems);
                }
            }
            default -> problems.add(where + ": " + type + " is not an instruction relocation");
        }
    }

    private static void checkLoadTargetAlignment(CoffObject obj, String where, Relocation r, int access, long addend,
                                                 List<String> problems) {
        Optional<Symbol> maybe = obj.symbolAt(r.symbolIndex());
        if (maybe.isEmpty()) {
            problems.add(where + ": target symbol #" + r.symbolIndex() + " not found");
            return;
        }
        Symbol target = maybe.get();
        if (target.sectionNumber() == Symbol.SYM_UNDEFINED) {
            if (!target.name().startsWith("__imp_")) {
                problems.add(where + ": PAGEOFFSET_12L (" + access + "-byte access) against external symbol "
                        + target.name() + " which is not an __imp_ slot: the linker cannot guarantee "
                        + access + "-byte alignment (LNK2048 class, wasmtime #8247)");
            } else if (access > 8) {
                problems.add(where + ": " + access + "-byte access to import slot " + target.name()
                        + " which is only 8-byte aligned");
            } else if (addend % access != 0) {
                problems.add(where + ": addend 0x" + Long.toHexString(addend) + " expected a multiple of the access size "
                        + access);
            }
            return;
        }
        if (target.sectionNumber() == Symbol.SYM_ABSOLUTE) {
            if ((target.value() + addend) % access != 0) {
                problems.add(where + ": absolute target 0x" + Long.toHexString(target.value() + addend)
                        + " expected a multiple of the access size " + access);
            }
            return;
        }
        if (target.sectionNumber() < 0) {
            problems.add(where + ": PAGEOFFSET_12L against debug symbol " + target.name());
            return;
        }
        Section ts = obj.sections().get(target.sectionNumber() - 1);
        long offset = target.value() + addend;
        if (offset % access != 0) {
            problems.add(where + ": target offset " + ts.name() + "+0x" + Long.toHexString(offset)
                    + " (symbol 0x" + Long.toHexString(target.value()) + " + addend 0x" + Long.toHexString(addend)
                    + ") expected a multiple of the access size " + access + " (LNK2048 / misaligned ldr/str offset)");
        }
        if (ts.alignment() < access) {
            problems.add(where + ": target section " + ts.name() + " alignment expected >= access size " + access
                    + ", actual " + (ts.alignment() == 0 ? "unset" : ts.alignment()));
        }
    }
}
