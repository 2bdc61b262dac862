package dev.a64w.findings.github;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The marker line {@code <!-- a64w-signature: <side>--<signature> -->} that ties an issue to a
 * finding signature. It is an HTML comment, so GitHub does not show it, but the API returns it in
 * the body; that is how a later run, on any machine, knows the signature is filed.
 */
public final class IssueMarker {
    private static final String SIGNATURE = "[A-Za-z0-9._-]+";
    private static final Pattern LINE = Pattern.compile("<!-- a64w-signature: (" + SIGNATURE + ") -->");

    private IssueMarker() {
    }

    /** The marker line of a signature ({@code <side>--<signature>}). */
    public static String line(String signature) {
        if (!signature.matches(SIGNATURE)) {
            throw new IllegalArgumentException("not a signature: " + signature);
        }
        return "<!-- a64w-signature: " + signature + " -->";
    }

    /**
     * The signatures of the marker lines in a body, in order. A marker counts only as a line of its
     * own (surrounding blanks allowed; GitHub may have turned line ends into CRLF).
     */
    public static List<String> in(String body) {
        if (body == null) {
            return List.of();
        }
        return body.lines().map(String::strip).map(LINE::matcher).filter(Matcher::matches).map(m -> m.group(1)).toList();
    }
}
