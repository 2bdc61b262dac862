/**
 * Fuzz campaigns: generated cases checked by worker processes, counted, and kept across crashes and
 * stops.
 *
 * <p>Takes a {@link dev.a64w.fuzz.FuzzOptions} (seed, limits, generator and harness settings, jobs);
 * gives a {@link dev.a64w.fuzz.FuzzSummary} and, in the findings folder, one reproducer file per finding
 * ({@code <side>/<signature>-<case>.clif}), the workers' logs ({@code workers/}) and the resumable state
 * ({@code campaign.json}, {@link dev.a64w.fuzz.CampaignState}).
 *
 * <p>The campaign side: {@link dev.a64w.fuzz.FuzzCampaign} hands out batches ({@link dev.a64w.fuzz.WorkQueue})
 * to workers ({@link dev.a64w.fuzz.WorkerSlot}, a {@link dev.a64w.fuzz.ProcessWorker} or
 * {@link dev.a64w.fuzz.ThreadWorker}), adds their {@link dev.a64w.fuzz.CaseRecord}s to its
 * {@link dev.a64w.fuzz.CampaignCounts} and counts findings by file ({@link dev.a64w.fuzz.FindingLedger}). The
 * worker side: {@link dev.a64w.fuzz.WorkerMain} runs a {@link dev.a64w.fuzz.CaseChecker} over a harness. They
 * speak {@link dev.a64w.fuzz.WorkerCommand}s and {@link dev.a64w.fuzz.WorkerReport}s, one JSON line each.
 *
 * <p>Keeps true: case {@code i} of a seed is the same module whatever the jobs, batch or time
 * ({@link dev.a64w.fuzz.CaseSeeds}); a finding is on disk before the campaign hears of its case as checked;
 * a case the campaign has marked checked is in {@code campaign.json} at most one batch later, and a case it
 * has not marked is checked again on {@code --resume}; a worker's death or hang on a case is itself saved
 * as a finding of that case.
 */
package dev.a64w.fuzz;
