package dev.a64w.backend.emit;

import dev.a64w.backend.CompiledFunction;
import dev.a64w.backend.Epilogue;
import dev.a64w.backend.FunctionUnwind;
import dev.a64w.backend.UnwindStep;
import dev.a64w.backend.a64.A64Printer;
import dev.a64w.backend.unwind.SehDirectives;
import dev.a64w.ir.DataItem;
import dev.a64w.ir.DataObject;
import dev.a64w.ir.Module;
import dev.a64w.util.Bytes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints a module as LLVM assembler text for aarch64-pc-windows-msvc, mirroring what
 * {@link ModuleEmitter} puts in the object:
 * <ul>
 *   <li>per function: {@code .def}/{@code .scl 2}/{@code .type 32}/{@code .endef} (so a {@code bl}
 *       to a function of the same section keeps its BRANCH26 relocation in MC), {@code .globl},
 *       {@code .p2align 2}, the label, then the instructions with their local labels;</li>
 *   <li>with unwind facts: {@code .seh_proc} after the label, the op's {@code .seh_*} directive after
 *       each prologue and epilogue instruction, {@code .seh_endprologue} after the last prologue
 *       instruction, {@code .seh_startepilogue} before an epilogue's first instruction,
 *       {@code .seh_endepilogue} after its last step and before its {@code ret} (LLVM counts the
 *       epilogue's instructions between the two directives against its codes without the final
 *       {@code end}, which stands for the {@code ret}), {@code .seh_endproc} at the end;</li>
 *   <li>data sections: {@code .section .data,"dw"} / {@code .section .rdata,"dr"}, a
 *       {@code .p2align} for the section's alignment, then per object {@code .globl},
 *       {@code .p2align}, label, {@code .byte}/{@code .zero}/{@code .xword sym+addend}.</li>
 * </ul>
 */
final class Listing {
    private Listing() {}

    static String of(Module module, List<CompiledFunction> functions) {
        StringBuilder out = new StringBuilder();
        line(out, ".text");
        for (CompiledFunction f : functions) function(out, f);
        data(out, ".data,\"dw\"", DataLayout.of(".data", module.data().stream().filter(d -> !d.readOnly()).toList()));
        data(out, ".rdata,\"dr\"", DataLayout.of(".rdata", module.data().stream().filter(DataObject::readOnly).toList()));
        return out.toString();
    }

    private static void function(StringBuilder out, CompiledFunction f) {
        String name = symbol(f.name());
        line(out, ".def " + name);
        line(out, ".scl 2");
        line(out, ".type 32");
        line(out, ".endef");
        line(out, ".globl " + name);
        line(out, ".p2align 2");
        out.append(name).append(":\n");

        Map<Integer, List<String>> before = new HashMap<>();
        Map<Integer, List<String>> after = new HashMap<>();
        boolean seh = f.unwind().isPresent();
        if (seh) {
            line(out, SehDirectives.PROC + " " + name);
            FunctionUnwind u = f.unwind().get();
            if (u.prologue().isEmpty()) line(out, SehDirectives.END_PROLOGUE);
            for (int i = 0; i < u.prologue().size(); i++) {
                UnwindStep s = u.prologue().get(i);
                add(after, s.offset(), SehDirectives.of(s.op()));
                if (i == u.prologue().size() - 1) add(after, s.offset(), SehDirectives.END_PROLOGUE);
            }
            for (Epilogue e : u.epilogues()) {
                add(before, e.startOffset(), SehDirectives.START_EPILOGUE);
                for (UnwindStep s : e.steps()) add(after, s.offset(), SehDirectives.of(s.op()));
                if (e.steps().isEmpty()) {
                    add(before, e.endOffset(), SehDirectives.END_EPILOGUE);
                } else {
                    add(after, e.steps().getLast().offset(), SehDirectives.END_EPILOGUE);
                }
            }
        }
        for (int i = 0; i < f.insts().size(); i++) {
            int offset = 4 * i;
            for (String label : f.labels().getOrDefault(offset, List.of())) out.append(label).append(":\n");
            for (String d : before.getOrDefault(offset, List.of())) line(out, d);
            line(out, A64Printer.print(f.insts().get(i)));
            for (String d : after.getOrDefault(offset, List.of())) line(out, d);
        }
        f.labels().tailMap(f.code().size()).values().forEach(ls -> ls.forEach(l -> out.append(l).append(":\n")));
        if (seh) line(out, SehDirectives.END_PROC);
    }

    private static void data(StringBuilder out, String sectionDirective, DataLayout layout) {
        if (layout.objects().isEmpty()) return;
        line(out, ".section " + sectionDirective);
        line(out, ".p2align " + log2(layout.alignment()));
        for (DataLayout.Placed p : layout.objects()) {
            DataObject o = p.object();
            String name = symbol(o.name());
            line(out, ".globl " + name);
            line(out, ".p2align " + log2(o.align()));
            out.append(name).append(":\n");
            for (DataItem item : o.items()) {
                switch (item) {
                    case DataItem.Raw raw -> bytes(out, raw.bytes());
                    case DataItem.Zero zero -> { if (zero.count() > 0) line(out, ".zero " + zero.count()); }
                    case DataItem.Addr addr -> line(out, ".xword " + symbol(addr.symbol()) + addend(addr.addend()));
                }
            }
        }
    }

    private static void bytes(StringBuilder out, Bytes b) {
        for (int from = 0; from < b.size(); from += 16) {
            List<String> parts = new ArrayList<>();
            for (int i = from; i < Math.min(b.size(), from + 16); i++) parts.add("0x" + String.format("%02x", b.u8(i)));
            line(out, ".byte " + String.join(", ", parts));
        }
    }

    private static String addend(long a) {
        return a == 0 ? "" : a > 0 ? "+" + a : Long.toString(a);
    }

    private static int log2(int powerOfTwo) {
        return Integer.numberOfTrailingZeros(powerOfTwo);
    }

    /** A symbol as the assembler reads it: quoted unless it is a plain identifier. */
    static String symbol(String name) {
        return dev.a64w.backend.a64.AsmSymbol.of(name);
    }

    private static void add(Map<Integer, List<String>> map, int offset, String text) {
        map.computeIfAbsent(offset, k -> new ArrayList<>()).add(text);
    }

    private static void line(StringBuilder out, String text) {
        out.append('\t').append(text).append('\n');
    }
}
