package dev.a64w.findings.github;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads the issue texts of a findings directory, {@code DIR/issues/*.md}, in file-name order. */
public final class IssueTexts {
    private IssueTexts() {
    }

    /**
     * The issue texts under {@code dir/issues}; none when that folder does not exist (nothing was
     * triaged). A missing {@code dir}, an unreadable or malformed text is bad input.
     */
    public static List<IssueText> read(Path dir) throws FilingException {
        if (!Files.isDirectory(dir)) {
            throw new FilingException(FilingException.Reason.BAD_INPUT, dir + ": not a directory");
        }
        Path issues = dir.resolve("issues");
        if (!Files.isDirectory(issues)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(issues)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".md") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new FilingException(FilingException.Reason.BAD_INPUT, issues + ": cannot list: " + e.getMessage());
        }
        List<IssueText> texts = new ArrayList<>();
        for (Path p : files) {
            texts.add(IssueText.parse(p, readUtf8(p)));
        }
        return texts;
    }

    private static String readUtf8(Path p) throws FilingException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(p))).toString();
        } catch (CharacterCodingException e) {
            throw new FilingException(FilingException.Reason.BAD_INPUT, p + ": not UTF-8 text");
        } catch (IOException e) {
            throw new FilingException(FilingException.Reason.BAD_INPUT, p + ": cannot read: " + e.getMessage());
        }
    }
}
