package dev.a64w.audit;

/**
 * How many instruction boundaries of a function were checked, by kind.
 *
 * @param prologue  stepped in the prologue (its instructions plus one)
 * @param body      checked in the post-prologue state without stepping
 * @param epilogue  stepped in the epilogues the unwind data describes, their return or tail branch included
 * @param stepped   stepped in the body before a return or branch out of the function that no
 *                  described epilogue covers
 * @param leaf      of a function without unwind data
 */
public record Coverage(int prologue, int body, int epilogue, int stepped, int leaf) {
    public static final Coverage NONE = new Coverage(0, 0, 0, 0, 0);

    public int total() {
        return prologue + body + epilogue + stepped + leaf;
    }

    public Coverage plus(Coverage o) {
        return new Coverage(prologue + o.prologue, body + o.body, epilogue + o.epilogue, stepped + o.stepped, leaf + o.leaf);
    }

    /** {@code prologue 4, body 30, epilogues 9, stepped 3} (kinds with no boundary left out). */
    public String line() {
        StringBuilder sb = new StringBuilder();
        add(sb, "prologue", prologue);
        add(sb, "body", body);
        add(sb, "epilogues", epilogue);
        add(sb, "stepped", stepped);
        add(sb, "leaf", leaf);
        return sb.isEmpty() ? "no boundary" : sb.toString();
    }

    private static void add(StringBuilder sb, String what, int n) {
        if (n > 0) {
            sb.append(sb.isEmpty() ? "" : ", ").append(what).append(' ').append(n);
        }
    }
}
