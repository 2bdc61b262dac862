/**
 * Filing findings as GitHub issues: {@code a64w file-issues DIR --repo OWNER/NAME}.
 *
 * <p>Takes the issue texts {@code DIR/issues/*.md} that triage writes (first line {@code # <title>},
 * the rest the body, with exactly one marker line {@code <!-- a64w-signature: <side>--<sig> -->}),
 * a repository, a label and a token. Gives one GitHub issue per signature that the repository does not
 * have yet, each carrying the label and the marker.
 *
 * <p>Keeps true:
 * <ul>
 *   <li>Nothing is filed twice: before filing, every issue of the repository that carries the label
 *       (open and closed, all pages) is read, and the markers in their bodies are the signatures
 *       already filed. An issue that GitHub filed without the label stops the run, since the next
 *       run could not see it.
 *   <li>The token is only sent as the Authorization header; it is in no message, log line or
 *       exception text of this package (messages are built here from the status and GitHub's own
 *       message, never from a request).
 *   <li>A rate-limit answer is retried after a backoff while the total wait stays within a bound;
 *       beyond it the run stops with the time the limit resets. Nothing else is retried: after a
 *       server error the issue may or may not exist, and the next run's listing decides.
 * </ul>
 *
 * <p>The one exception of the layer is {@link dev.a64w.findings.github.FilingException}; its
 * {@link dev.a64w.findings.github.FilingException.Reason} tells the CLI which exit code to give.
 */
package dev.a64w.findings.github;
