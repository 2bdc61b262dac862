package dev.a64w.diff.readobj;

import dev.a64w.check.unwind.UnwindCode;
import dev.a64w.check.unwind.UnwindCodes;
import dev.a64w.check.unwind.Xdata;
import dev.a64w.util.Bytes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares one {@code .xdata} record field by field: the header, every epilogue scope, and the
 * code sequences opcode by opcode — the bytes readobj prints against {@link UnwindCode#encode()},
 * and readobj's mnemonic against our decoder's meaning ({@link OpText}).
 */
final class XdataComparison {
    private final Findings f;
    private final String fn;

    XdataComparison(Findings f, String function) {
        this.f = f;
        this.fn = function;
    }

    void compare(Xdata x, ReadobjXdata l) {
        f.field(fn, "FunctionLength", x.functionLengthBytes(), l.functionLength());
        f.field(fn, "Version", x.vers(), l.version());
        f.field(fn, "ExceptionData", x.x(), l.exceptionData());
        f.field(fn, "EpiloguePacked", x.e(), l.epiloguePacked());
        f.field(fn, x.e() ? "EpilogueOffset" : "EpilogueScopes", x.epilogCountOrIndex(), l.epilogueCountOrOffset());
        f.field(fn, "ByteCodeLength", 4 * x.codeWords(), l.byteCodeLength());
        sequence("Prologue", x.codes(), 0, l.prologue());
        if (x.e() && l.epiloguePacked()) {
            // readobj prints no Epilogue list for index 0 (the whole prologue sequence is shared)
            if (x.epilogCountOrIndex() != 0) {
                Optional<List<ReadobjCode>> epi = l.epilogue();
                if (epi.isEmpty()) {
                    f.disagree(fn, "Epilogue", "codes from index " + x.epilogCountOrIndex(), "no Epilogue list");
                } else {
                    sequence("Epilogue", x.codes(), x.epilogCountOrIndex(), epi.get());
                }
            }
        } else if (!x.e() && !l.epiloguePacked()) {
            f.field(fn, "EpilogueScopes.count", x.scopes().size(), l.scopes().size());
            for (int i = 0; i < Math.min(x.scopes().size(), l.scopes().size()); i++) {
                Xdata.EpilogScope s = x.scopes().get(i);
                ReadobjXdata.Scope ls = l.scopes().get(i);
                String at = "EpilogueScopes[" + i + "]";
                f.field(fn, at + ".StartOffset", s.startOffsetWords(), ls.startOffset());
                f.field(fn, at + ".EpilogueStartIndex", s.startIndex(), ls.startIndex());
                f.field(fn, at + ".ReservedBits", s.reserved(), ls.reservedBits());
                sequence(at + ".Opcodes", x.codes(), s.startIndex(), ls.opcodes());
            }
        }
    }

    /** Our codes from {@code start} up to and including {@code end}, or a past-the-end marker, as readobj walks them. */
    static List<Object> ourSequence(Bytes codes, int start) {
        List<Object> out = new ArrayList<>();
        int p = start;
        while (p >= 0 && p < codes.size()) {
            int len = UnwindCodes.lengthOf(codes.u8(p));
            if (p + len > codes.size()) {
                out.add(new ReadobjCode.PastEnd(codes.u8(p)));
                break;
            }
            UnwindCode c = UnwindCodes.decode(codes.slice(p, p + len)).get(0);
            out.add(c);
            p += len;
            if (c instanceof UnwindCode.End) {
                break;
            }
        }
        return out;
    }

    private void sequence(String name, Bytes codes, int start, List<ReadobjCode> llvm) {
        List<Object> ours = ourSequence(codes, start);
        for (int i = 0; i < Math.min(ours.size(), llvm.size()); i++) {
            String at = name + "[" + i + "]";
            Object o = ours.get(i);
            ReadobjCode l = llvm.get(i);
            if (o instanceof ReadobjCode.PastEnd p) {
                if (!f.field(fn, at, "code 0x" + hex(p.opcode()) + " goes past the unwind data", text(l))) {
                    return;
                }
                continue;
            }
            UnwindCode c = (UnwindCode) o;
            if (!(l instanceof ReadobjCode.Op op)) {
                f.disagree(fn, at, c.encode().hex() + " (" + OpText.ours(c) + ")", text(l));
                return;
            }
            if (!c.encode().equals(op.bytes())) {
                Optional<String> known = KnownDifferences.codeBytes(c, op);
                if (known.isPresent()) {
                    f.known(fn, at + ".bytes", c.encode().hex(), op.bytes().hex() + " (" + op.text() + ")", known.get());
                } else {
                    f.disagree(fn, at + ".bytes", c.encode().hex(), op.bytes().hex());
                }
                return; // the two walks no longer align
            }
            f.agreed();
            String ourMeaning = OpText.ours(c);
            String llvmMeaning = OpText.llvm(op.text(), false);
            if (ourMeaning.equals(llvmMeaning)) {
                f.agreed();
            } else {
                Optional<String> known = KnownDifferences.codeMeaning(ourMeaning, llvmMeaning);
                if (known.isPresent()) {
                    f.known(fn, at + ".meaning", ourMeaning, op.text(), known.get());
                } else {
                    f.disagree(fn, at + ".meaning", ourMeaning + " (" + c.encode().hex() + ")", op.text());
                }
            }
        }
        f.field(fn, name + ".count", ours.size(), llvm.size());
    }

    private static String text(ReadobjCode c) {
        return switch (c) {
            case ReadobjCode.Op op -> op.bytes().hex() + " ; " + op.text();
            case ReadobjCode.PastEnd p -> "code 0x" + hex(p.opcode()) + " goes past the unwind data";
            case ReadobjCode.Bare b -> b.text();
        };
    }

    private static String hex(int b) {
        return String.format("%02x", b);
    }
}
