package dev.a64w.ir.text;

import dev.a64w.ir.DataObject;
import dev.a64w.ir.Function;
import dev.a64w.ir.Import;
import dev.a64w.ir.Module;
import dev.a64w.ir.RunLine;
import dev.a64w.ir.Signature;
import dev.a64w.ir.SkippedFunction;
import dev.a64w.ir.text.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses CLIF text in the supported subset into a {@link Module}.
 *
 * <p>Header lines ({@code test}, {@code target}, {@code set}, {@code feature}) are kept verbatim;
 * comment directives become imports, data objects and run lines; a function that uses a Cranelift
 * feature outside the subset is recorded as a {@link SkippedFunction} and its body skipped. Any
 * other deviation from the grammar is a {@link ParseException}; no other exception escapes.
 */
public final class Parser {
    private static final Set<String> HEADER_WORDS = Set.of("test", "target", "set", "feature");

    private final String source;
    private final TokenStream ts;
    private final List<String> header = new ArrayList<>();
    private final List<Import> imports = new ArrayList<>();
    private final List<DataObject> data = new ArrayList<>();
    private final List<Function> functions = new ArrayList<>();
    /** Run lines in source order: a {@link RunLine}, or a {@link PendingRun} read once all functions are known. */
    private final List<Object> runs = new ArrayList<>();
    private final List<SkippedFunction> skipped = new ArrayList<>();
    private String lastFunction;

    private Parser(String source, List<Token> tokens) {
        this.source = source;
        this.ts = new TokenStream(tokens);
    }

    public static Module parse(String source) throws ParseException {
        Parser p = new Parser(source, Lexer.tokenize(source));
        p.run();
        return new Module(p.header, p.imports, p.data, p.functions, p.runLines(), p.skipped);
    }

    private void run() throws ParseException {
        while (true) {
            Token t = ts.peekRaw();
            if (t.is(Kind.EOF)) return;
            if (t.is(Kind.COMMENT)) {
                ts.nextRaw();
                directive(t);
            } else if (t.is(Kind.IDENT) && HEADER_WORDS.contains(t.text()) && lastFunction == null) {
                headerLine(t);
            } else if (t.isIdent("function")) {
                function();
            } else {
                throw TokenStream.error(t, "expected 'function', found " + t.describe());
            }
        }
    }

    private void headerLine(Token t) {
        int end = source.indexOf('\n', t.offset());
        if (end < 0) end = source.length();
        String text = source.substring(t.offset(), end);
        int semi = text.indexOf(';');
        if (semi >= 0) text = text.substring(0, semi);
        header.add(text.strip());
        while (!ts.peekRaw().is(Kind.EOF) && ts.peekRaw().line() == t.line() && !ts.peekRaw().is(Kind.COMMENT)) {
            ts.nextRaw();
        }
    }

    private void directive(Token c) throws ParseException {
        String body = Directives.body(c);
        if (Directives.isRun(body)) {
            runs.add(new PendingRun(c, body));
        } else if (Directives.isBareRun(body)) {
            if (lastFunction == null) throw TokenStream.error(c, "'; run' before any function");
            runs.add(new RunLine(c.line(), lastFunction, List.of(), false, List.of(0L)));
        } else if (Directives.isImport(body)) {
            imports.add(Directives.parseImport(c, body));
        } else if (Directives.isData(body)) {
            data.add(Directives.parseData(c, body));
        }
    }

    /** A {@code ; run:} line: its values' types come from the function it names, which may follow it. */
    private record PendingRun(Token comment, String body) {}

    private List<RunLine> runLines() throws ParseException {
        List<RunLine> out = new ArrayList<>(runs.size());
        for (Object r : runs) {
            if (r instanceof PendingRun p) {
                String name = Directives.runFunction(p.body());
                Signature sig = functions.stream().filter(f -> f.name().equals(name)).findFirst().map(Function::signature).orElse(null);
                out.add(Directives.parseRun(p.comment(), p.body(), sig));
            } else {
                out.add((RunLine) r);
            }
        }
        return out;
    }

    private void function() throws ParseException {
        int start = ts.index();
        try {
            Function f = new FunctionParser(ts).parse();
            functions.add(f);
            lastFunction = f.name();
        } catch (UnsupportedFeature u) {
            ts.seek(start);
            ts.next();
            Token nameTok = ts.peek();
            String name = nameTok.is(Kind.NAME) ? nameTok.text().substring(1) : nameTok.text();
            if (nameTok.is(Kind.IDENT) && ts.peek2().is(Kind.COLON)) {
                ts.next();
                ts.next();
                Token num = ts.peek();
                if (num.is(Kind.INT)) name = name + ":" + num.text();
            }
            skipBody(start, name);
            skipped.add(new SkippedFunction(name, u.line, u.column, u.feature));
            lastFunction = name;
        }
    }

    /** Moves past the closing brace of the function that starts at token {@code start}. */
    private void skipBody(int start, String name) throws ParseException {
        ts.seek(start);
        Token fn = ts.nextRaw();
        while (!ts.peekRaw().is(Kind.LBRACE)) {
            if (ts.peekRaw().is(Kind.EOF)) throw TokenStream.error(fn, "function %" + name + " has no body");
            ts.nextRaw();
        }
        int depth = 0;
        while (true) {
            Token t = ts.nextRaw();
            if (t.is(Kind.EOF)) throw TokenStream.error(fn, "function %" + name + " is not closed by '}'");
            if (t.is(Kind.LBRACE)) depth++;
            if (t.is(Kind.RBRACE) && --depth == 0) return;
        }
    }
}
