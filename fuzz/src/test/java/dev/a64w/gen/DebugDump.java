package dev.a64w.gen;

import dev.a64w.ir.Block;
import dev.a64w.ir.Function;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Module;

/** A rough CLIF-like dump for eyeballing generated modules until the real printer lands. */
final class DebugDump {
    private DebugDump() {}

    static String dump(Module m) {
        var sb = new StringBuilder();
        m.imports().forEach(i -> sb.append("; import: %").append(i.name()).append(" from \"").append(i.dll()).append("\"\n"));
        m.data().forEach(d -> sb.append("; data: %").append(d.name()).append(" ro=").append(d.readOnly())
                .append(" align=").append(d.align()).append(' ').append(d.items()).append('\n'));
        for (Function f : m.functions()) {
            sb.append("function %").append(f.name()).append(f.signature()).append(" {\n");
            f.slots().forEach(s -> sb.append("    ").append(s).append(" = explicit_slot ").append(s.size()).append(", align=").append(s.align()).append('\n'));
            f.globals().forEach(g -> sb.append("    ").append(g).append(" = symbol %").append(g.symbol()).append('+').append(g.offset()).append('\n'));
            f.sigs().forEach(s -> sb.append("    ").append(s).append(" = ").append(s.signature()).append('\n'));
            f.funcs().forEach(d -> sb.append("    ").append(d).append(" = ").append(d.colocated() ? "colocated " : "").append('%').append(d.name()).append('\n'));
            for (Block b : f.blocks()) {
                sb.append(b.ref()).append(b.params()).append(":\n");
                for (Inst i : b.insts()) {
                    sb.append("    ").append(i.results()).append(" = ").append(OpcodeHistogram.name(i)).append(' ').append(i).append('\n');
                }
                sb.append("    ").append(OpcodeHistogram.name(b.terminator())).append(' ').append(b.terminator()).append('\n');
            }
            sb.append("}\n");
        }
        return sb.toString();
    }

    public static void main(String[] args) {
        var cfg = args.length > 1 && args[1].equals("skeleton") ? GeneratorConfig.skeleton() : GeneratorConfig.integer();
        var c = new Generator(cfg).generate(new SeededSource(Long.parseLong(args[0])));
        System.out.println(dump(c.module()));
        System.out.println("inputs: " + c.inputs());
    }
}
