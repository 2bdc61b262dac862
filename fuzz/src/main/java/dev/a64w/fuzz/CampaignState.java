package dev.a64w.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.a64w.findings.FindingStore;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code DIR/campaign.json}: what a stopped campaign needs to go on with {@code --resume DIR}. The
 * {@link CaseStream} (seed, generator, harness, leg share, stats), the batch size and the case limit;
 * the checked cases as {@code [from, to)} ranges; the findings counted when it was written (the findings
 * folder is what counts on resume); and the {@link CampaignCounts} of the checked cases. The campaign
 * writes it atomically when it starts, after every batch and every dead worker, when it is stopped by a
 * signal, and at the end, so it is at most one batch behind the findings on disk.
 */
public record CampaignState(int version, CaseStream stream, int batch, long maxCases, List<long[]> done, long findings,
                            CampaignCounts counts) {
    public static final String FILE = "campaign.json";
    static final int VERSION = 1;

    public CampaignState {
        done = done == null ? List.of() : List.copyOf(done);
    }

    /** How many cases are checked. */
    public long casesDone() {
        return CaseRanges.of(done).count();
    }

    /** Writes {@code dir/campaign.json} atomically. */
    void write(Path dir) {
        FindingStore.writeAtomically(dir.resolve(FILE), Json.pretty(this));
    }

    /** Reads {@code dir/campaign.json}; a missing or unreadable file is a {@link FuzzException} naming it. */
    public static CampaignState read(Path dir) {
        Path file = dir.resolve(FILE);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new FuzzException("no campaign to resume in " + dir + " (" + file + " does not exist)");
        } catch (CharacterCodingException e) {
            throw new FuzzException(file + ": not a campaign file (not UTF-8)");
        } catch (IOException e) {
            throw new FuzzException("cannot read " + file + ": " + e.getMessage(), e);
        }
        CampaignState s;
        try {
            s = Json.read(text, CampaignState.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new FuzzException(file + ": not a campaign file: " + why.lines().findFirst().orElse(""), e);
        }
        if (s.version() != VERSION || s.stream() == null || s.counts() == null || s.batch() < 1 || s.maxCases() < 0) {
            throw new FuzzException(file + ": not a campaign file of this a64w (version " + s.version() + ", expected " + VERSION
                    + ", with stream, batch, maxCases and counts)");
        }
        try {
            CaseRanges.of(s.done());
        } catch (IllegalArgumentException e) {
            throw new FuzzException(file + ": " + e.getMessage(), e);
        }
        return s;
    }
}
