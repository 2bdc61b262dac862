package dev.a64w.findings.github;

/**
 * What one run of {@code file-issues} did.
 *
 * @param texts issue texts read
 * @param alreadyFiled of them, signatures the repository already has
 * @param newOnes of them, filed (or, in a dry run, that would be filed)
 * @param dryRun nothing was written
 * @param checked the repository was read (false: a dry run without a token)
 */
public record FilingSummary(int texts, int alreadyFiled, int newOnes, boolean dryRun, boolean checked) {
    /** The final line the CLI prints. */
    public String line(FilingOptions options) {
        String where = options.repo() + ", label " + options.label();
        if (!checked) {
            return "file-issues: dry run: would file " + newOnes + " of " + texts + " issue texts in " + where
                    + "; GITHUB_TOKEN is not set, so which are filed already was not checked";
        }
        return "file-issues: " + (dryRun ? "dry run: would file " : "filed ") + newOnes + ", already filed " + alreadyFiled
                + ", of " + texts + " issue texts (" + where + ")";
    }
}
