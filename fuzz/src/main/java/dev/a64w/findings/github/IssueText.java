package dev.a64w.findings.github;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One issue text, {@code DIR/issues/<side>--<signature>.md}: its first line is {@code # <title>},
 * the rest is the body, which holds exactly one {@link IssueMarker} line naming the signature the
 * file is named after.
 *
 * @param file the file name, for messages
 * @param signature {@code <side>--<signature>}, from the marker
 * @param title the title line without {@code "# "}
 * @param body the rest of the file, leading blank lines removed
 */
public record IssueText(String file, String signature, String title, String body) {
    /** GitHub rejects longer titles (422). */
    static final int MAX_TITLE = 256;
    /** GitHub rejects bodies over 65,536 characters (422); the margin covers counting differences. */
    static final int MAX_BODY = 65_000;

    /** Parses the text of {@code path}; the message of a bad one names the file and what is wrong. */
    public static IssueText parse(Path path, String text) throws FilingException {
        String file = path.getFileName().toString();
        int nl = text.indexOf('\n');
        String first = (nl < 0 ? text : text.substring(0, nl)).stripTrailing();
        if (!first.startsWith("# ") || first.substring(2).isBlank()) {
            throw bad(path, "the first line is not a title line '# <title>'");
        }
        String body = nl < 0 ? "" : text.substring(nl + 1).replaceFirst("\\A(\\s*\\R)+", "");
        List<String> markers = IssueMarker.in(body);
        if (markers.size() != 1) {
            throw bad(path, markers.isEmpty() ? "no marker line '<!-- a64w-signature: <side>--<signature> -->'"
                    : markers.size() + " marker lines (" + String.join(", ", markers) + "), expected one");
        }
        String signature = markers.get(0);
        if (!file.equals(signature + ".md")) {
            throw bad(path, "its marker names signature " + signature + ", but the file is not named " + signature + ".md");
        }
        return new IssueText(file, signature, first.substring(2).strip(), body);
    }

    private static FilingException bad(Path path, String what) {
        return new FilingException(FilingException.Reason.BAD_INPUT, path + ": " + what);
    }

    /** The title as filed: cut to GitHub's limit. */
    public String postedTitle() {
        return title.length() <= MAX_TITLE ? title : title.substring(0, MAX_TITLE - 1) + "\u2026";
    }

    /**
     * The body as filed. One over GitHub's limit is cut at a line end, says so and where the whole
     * text is, and ends with the marker, so a cut body is still found by the next run.
     */
    public String postedBody() {
        if (body.length() <= MAX_BODY) {
            return body;
        }
        String marker = IssueMarker.line(signature);
        String tail = "\n\n*(cut from " + body.length() + " characters to fit GitHub's limit: the whole text is `issues/"
                + file + "` in the findings directory)*\n\n" + marker + "\n";
        String rest = body.lines().filter(l -> !l.strip().equals(marker)).collect(Collectors.joining("\n"));
        String kept = rest.substring(0, MAX_BODY - tail.length());
        int cut = kept.lastIndexOf('\n');
        return (cut > 0 ? kept.substring(0, cut) : kept) + tail;
    }
}
