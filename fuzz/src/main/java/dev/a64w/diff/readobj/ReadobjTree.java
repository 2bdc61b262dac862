package dev.a64w.diff.readobj;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The generic shape of llvm-readobj's "LLVM style" output: nested scopes opened by a line ending in
 * {@code " {"} (a dictionary) or {@code " ["} (a list) and closed by {@code "}"} or {@code "]"}; every
 * other line is an item, usually {@code "Key: value"}. Indentation is ignored (some lines, e.g. the
 * E7 "reserved encoding" text, are printed without it).
 *
 * @param name     the text before the opening bracket ("" for the top level)
 * @param list     true for {@code [ ]}, false for {@code { }}
 * @param children lines ({@link String}, trimmed) and nested scopes ({@link ReadobjTree}) in order
 * @param line     1-based line number of the opening line (0 for the top level)
 */
record ReadobjTree(String name, boolean list, List<Object> children, int line) {

    ReadobjTree {
        children = List.copyOf(children);
    }

    static ReadobjTree parse(String text) {
        List<ReadobjTree> stack = new ArrayList<>();
        List<List<Object>> kids = new ArrayList<>();
        stack.add(new ReadobjTree("", false, List.of(), 0));
        kids.add(new ArrayList<>());
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].strip();
            if (t.isEmpty()) {
                continue;
            }
            if (t.equals("}") || t.equals("]")) {
                if (stack.size() == 1) {
                    throw new ReadobjException("llvm-readobj output line " + (i + 1) + ": '" + t + "' closes no scope");
                }
                ReadobjTree open = stack.remove(stack.size() - 1);
                List<Object> done = kids.remove(kids.size() - 1);
                if (open.list() != t.equals("]")) {
                    throw new ReadobjException("llvm-readobj output line " + (i + 1) + ": '" + t + "' closes '"
                            + open.name() + "' opened at line " + open.line() + " with the other bracket");
                }
                kids.get(kids.size() - 1).add(new ReadobjTree(open.name(), open.list(), done, open.line()));
            } else if (t.endsWith(" {") || t.endsWith(" [") || t.equals("{") || t.equals("[")) {
                String name = t.substring(0, t.length() - 1).strip();
                stack.add(new ReadobjTree(name, t.endsWith("["), List.of(), i + 1));
                kids.add(new ArrayList<>());
            } else {
                kids.get(kids.size() - 1).add(t);
            }
        }
        if (stack.size() != 1) {
            ReadobjTree open = stack.get(stack.size() - 1);
            throw new ReadobjException("llvm-readobj output: scope '" + open.name() + "' opened at line "
                    + open.line() + " is never closed (output truncated?)");
        }
        return new ReadobjTree("", false, kids.get(0), 0);
    }

    /** The nested scopes named {@code name}, in order. */
    List<ReadobjTree> scopes(String name) {
        return children.stream().filter(c -> c instanceof ReadobjTree t && t.name().equals(name))
                .map(c -> (ReadobjTree) c).toList();
    }

    Optional<ReadobjTree> scope(String name) {
        return scopes(name).stream().findFirst();
    }

    /** The plain lines, in order. */
    List<String> lines() {
        return children.stream().filter(c -> c instanceof String).map(c -> (String) c).toList();
    }

    /** The value of the first {@code "key: value"} line. */
    Optional<String> field(String key) {
        String prefix = key + ":";
        return lines().stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).strip())
                .findFirst();
    }

    String need(String key) {
        return field(key).orElseThrow(() -> new ReadobjException("llvm-readobj output: '" + name + "' at line "
                + line + " has no '" + key + ":' line"));
    }

    long number(String key) {
        String v = need(key);
        try {
            return v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ReadobjException("llvm-readobj output: '" + name + "' at line " + line + ": " + key
                    + " expected a number, actual '" + v + "'");
        }
    }

    boolean bool(String key) {
        String v = need(key);
        return switch (v) {
            case "Yes" -> true;
            case "No" -> false;
            default -> throw new ReadobjException("llvm-readobj output: '" + name + "' at line " + line + ": " + key
                    + " expected Yes or No, actual '" + v + "'");
        };
    }
}
