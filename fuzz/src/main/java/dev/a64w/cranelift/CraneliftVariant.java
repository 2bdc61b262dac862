package dev.a64w.cranelift;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Cranelift settings a case is compiled with: {@code opt_level} none or speed, {@code is_pic}
 * false or true. A fuzz campaign cycles through the four by case index, so a case always gets the
 * same one; it is printed in verdicts ({@link #label()}) and reproducer headers ({@link #header()}).
 */
public record CraneliftVariant(boolean optSpeed, boolean pic) {
    public static final CraneliftVariant DEFAULT = new CraneliftVariant(false, false);
    public static final List<CraneliftVariant> ALL = List.of(DEFAULT, new CraneliftVariant(true, false),
            new CraneliftVariant(false, true), new CraneliftVariant(true, true));
    private static final Pattern HEADER = Pattern.compile("(?m)^;\\s*cranelift:\\s*opt=(none|speed)\\s+pic=(false|true)\\s*$");

    /** The variant of case {@code index} of a campaign. */
    public static CraneliftVariant forCase(long index) {
        return ALL.get((int) Math.floorMod(index, ALL.size()));
    }

    /** {@code opt=speed pic=false}. */
    public String label() {
        return "opt=" + (optSpeed ? "speed" : "none") + " pic=" + pic;
    }

    /** The reproducer header line that {@link #fromHeader} reads back. */
    public String header() {
        return "; cranelift: " + label();
    }

    /** The variant named by a {@code ; cranelift: opt=X pic=Y} line of a file, if it has one. */
    public static Optional<CraneliftVariant> fromHeader(String text) {
        Matcher m = HEADER.matcher(text);
        return m.find() ? Optional.of(new CraneliftVariant(m.group(1).equals("speed"), m.group(2).equals("true"))) : Optional.empty();
    }

    /** The driver's command-line flags for this variant. */
    public List<String> flags() {
        return pic ? List.of("--opt", optSpeed ? "speed" : "none", "--pic") : List.of("--opt", optSpeed ? "speed" : "none");
    }
}
