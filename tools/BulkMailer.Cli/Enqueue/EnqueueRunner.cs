using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using BulkMailer.Client.Configuration;
using BulkMailer.Client.Enqueueing;
using BulkMailer.Client.Jobs;
using BulkMailer.Core.Jobs;
using Spectre.Console;

namespace BulkMailer.Cli.Enqueue;

/// <summary>
/// The body of <c>bulkmailer enqueue</c>: reads the file as a stream, validates each line, enqueues the valid jobs
/// through <see cref="BulkMailerClient"/> and keeps the checkpoint. The interrupt token asks for a graceful stop:
/// no new line is read, batches already handed to the client may finish for <see cref="EnqueueEnvironment.InterruptGrace"/>,
/// and the checkpoint records exactly what SQS acknowledged.
/// </summary>
public sealed class EnqueueRunner(EnqueueSettings settings, EnqueueEnvironment environment)
{
    public async Task<int> RunAsync(CancellationToken interrupt = default)
    {
        try
        {
            if (!File.Exists(settings.FilePath))
            {
                throw new EnqueueUsageException($"file not found: {settings.FilePath}");
            }
            return settings.DryRun ? await DryRunAsync(interrupt).ConfigureAwait(false) : await EnqueueAsync(interrupt).ConfigureAwait(false);
        }
        catch (EnqueueUsageException ex)
        {
            await environment.Error.WriteLineAsync($"enqueue: {ex.Message}").ConfigureAwait(false);
            return EnqueueExitCodes.Usage;
        }
    }

    /// <summary>The per-message limit the real enqueue applies (its default <see cref="BulkMailerClientOptions.MaxBatchBytes"/>).</summary>
    private static readonly int BodyLimit = new BulkMailerClientOptions().MaxBatchBytes;

    private async Task<int> DryRunAsync(CancellationToken interrupt)
    {
        long jobs = 0, invalid = 0, lines = 0;
        try
        {
            await foreach (var line in EnqueueInputFile.ReadLinesAsync(settings, interrupt).ConfigureAwait(false))
            {
                lines = line.LineNumber;
                switch (line.Kind)
                {
                    // Measured as the real enqueue measures it (MailJobBody): a job that passes here is not refused there.
                    case InputLineKind.Job when MailJobBody.TooLarge(MailJobBody.ByteCount(MailJobBody.Serialize(line.Job!)), BodyLimit) is { } tooLarge:
                        invalid++;
                        WriteLine(Invariant($"line {line.LineNumber}: {tooLarge}"));
                        break;
                    case InputLineKind.Job:
                        jobs++;
                        break;
                    case InputLineKind.Invalid:
                        invalid++;
                        WriteLine(Invariant($"line {line.LineNumber}: {ReportText.Redact(line.Error)}"));
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            WriteLine(Invariant($"dry run interrupted at line {lines}"));
            return EnqueueExitCodes.Interrupted;
        }
        WriteLine(Invariant($"dry run: {lines} lines, {jobs} valid jobs, {invalid} invalid lines (nothing was sent)"));
        return invalid > 0 ? EnqueueExitCodes.InvalidLines : EnqueueExitCodes.Success;
    }

    private async Task<int> EnqueueAsync(CancellationToken interrupt)
    {
        var options = new BulkMailerClientOptions
        {
            QueueUrl = settings.QueueUrl,
            MaxBatchesInFlight = settings.MaxInFlight,
            MaxAttempts = settings.MaxAttempts,
            ServiceUrl = settings.EndpointUrl,
            Region = settings.Region,
        };
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new EnqueueUsageException(string.Join("; ", problems.Select(p => p.Replace("QueueUrl", "--queue-url", StringComparison.Ordinal)
                .Replace("MaxBatchesInFlight", "--max-in-flight", StringComparison.Ordinal)
                .Replace("MaxAttempts", "--max-attempts", StringComparison.Ordinal)
                .Replace("ServiceUrl", "--endpoint-url", StringComparison.Ordinal))));
        }

        var sourceFile = Path.GetFullPath(settings.FilePath);
        var sourceLength = new FileInfo(sourceFile).Length;
        var checkpointPath = settings.EffectiveCheckpointPath;
        var previous = CheckpointStore.Load(checkpointPath);
        if (previous is not null && previous.SourceLength != sourceLength)
        {
            throw new EnqueueUsageException(
                $"checkpoint {checkpointPath} was written for a file of {previous.SourceLength} bytes, but {settings.FilePath} has {sourceLength}; "
                + "delete the checkpoint (or pass another --checkpoint) to start over");
        }
        var run = new EnqueueRunState(previous?.Line ?? 0, previous?.FailedLines ?? []);
        if (previous is not null)
        {
            WriteLine(Invariant($"resuming after line {previous.Line} ({previous.FailedLines.Count} failed lines to retry) from {checkpointPath}"));
        }
        var totalLines = EnqueueInputFile.CountLines(sourceFile);

        // Abandon in-flight batches only if they outlast the grace period after an interrupt.
        using var hardStop = new CancellationTokenSource();
        await using var onInterrupt = interrupt.Register(() => hardStop.CancelAfter(environment.InterruptGrace)).ConfigureAwait(false);

        var interrupted = false;
        var fatal = false;
        var stopwatch = Stopwatch.StartNew();
        var lastSave = TimeSpan.Zero;
        var lastShown = TimeSpan.FromSeconds(-1);
        using var client = environment.ClientFactory(options);

        void SaveCheckpoint()
        {
            Checkpoint checkpoint;
            lock (run.Gate)
            {
                checkpoint = new Checkpoint(sourceFile, sourceLength, run.Tracker.Line, run.Tracker.FailedLines.ToArray());
                run.Tracker.MarkSaved();
            }
            CheckpointStore.Save(checkpointPath, checkpoint);
        }

        try
        {
            await ProgressDisplay.RunAsync(environment.Console, totalLines, run.Tracker.Line, async report =>
            {
                await client.EnqueueAsync(JobsAsync(run, interrupt, hardStop.Token), (result, _) =>
                {
                    bool changed;
                    lock (run.Gate)
                    {
                        run.Record(result);
                        changed = run.Tracker.Changed;
                    }
                    var elapsed = stopwatch.Elapsed;
                    if (changed && elapsed - lastSave >= environment.CheckpointInterval)
                    {
                        lastSave = elapsed;
                        SaveCheckpoint();
                    }
                    if (elapsed - lastShown >= TimeSpan.FromMilliseconds(100))
                    {
                        lastShown = elapsed;
                        report(run.Snapshot(totalLines, elapsed));
                    }
                    return ValueTask.CompletedTask;
                }, hardStop.Token).ConfigureAwait(false);
                report(run.Snapshot(totalLines, stopwatch.Elapsed));
                return 0;
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            interrupted = true;
        }
        catch (Exception ex) when (ex is Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException)
        {
            // Errors that fail every batch alike (no such queue, access denied, no credentials) end the run.
            await environment.Error.WriteLineAsync($"enqueue: SQS refused the run: {ReportText.Redact(ex.Message)}").ConfigureAwait(false);
            fatal = true;
        }
        finally
        {
            SaveCheckpoint();
        }
        interrupted |= run.StoppedEarly;
        if (fatal)
        {
            Report(run, checkpointPath, interrupted: false, stopwatch.Elapsed);
            return EnqueueExitCodes.SomeFailed;
        }

        return Report(run, checkpointPath, interrupted, stopwatch.Elapsed);
    }

    private int Report(EnqueueRunState run, string checkpointPath, bool interrupted, TimeSpan elapsed)
    {
        foreach (var (line, reason) in run.InvalidSamples)
        {
            WriteLine(Invariant($"line {line}: invalid, skipped: {ReportText.Redact(reason)}"));
        }
        if (run.Invalid > run.InvalidSamples.Count)
        {
            WriteLine(Invariant($"... and {run.Invalid - run.InvalidSamples.Count} more invalid lines (run with --dry-run to list them all)"));
        }
        foreach (var (line, reason) in run.FailedSamples)
        {
            WriteLine(Invariant($"line {line}: failed: {ReportText.Redact(reason)}"));
        }
        if (run.Failed > run.FailedSamples.Count)
        {
            WriteLine(Invariant($"... and {run.Failed - run.FailedSamples.Count} more failed lines"));
        }
        var rate = elapsed.TotalSeconds > 0 ? run.Enqueued / elapsed.TotalSeconds : 0;
        WriteLine(Invariant(
            $"{(interrupted ? "interrupted" : "done")}: enqueued {run.Enqueued}, failed {run.Failed}, invalid {run.Invalid}, already done by an earlier run {run.AlreadyDone}; {rate:F0} jobs/s; checkpoint line {run.Tracker.Line} in {checkpointPath}"));
        if (interrupted)
        {
            WriteLine("rerun the same command to continue after the checkpoint");
            return EnqueueExitCodes.Interrupted;
        }
        if (run.Failed > 0)
        {
            WriteLine("rerun the same command to retry the failed lines");
            return EnqueueExitCodes.SomeFailed;
        }
        return run.Invalid > 0 ? EnqueueExitCodes.InvalidLines : EnqueueExitCodes.Success;
    }

    /// <summary>The valid jobs still to enqueue, in file order; stops reading at an interrupt.</summary>
    private async IAsyncEnumerable<MailJob> JobsAsync(EnqueueRunState run, CancellationToken interrupt, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var line in EnqueueInputFile.ReadLinesAsync(settings, cancellationToken).ConfigureAwait(false))
        {
            if (interrupt.IsCancellationRequested)
            {
                run.StoppedEarly = true;
                yield break;
            }
            MailJob? job = null;
            lock (run.Gate)
            {
                if (line.LineNumber <= run.StartLine && !run.Tracker.FailedLines.Contains(line.LineNumber))
                {
                    if (line.Kind == InputLineKind.Job)
                    {
                        run.AlreadyDone++;
                    }
                }
                else if (line.Kind == InputLineKind.Job)
                {
                    job = run.Begin(line.LineNumber, line.Job!);
                }
                else
                {
                    run.Tracker.Skip(line.LineNumber);
                    if (line.Kind == InputLineKind.Invalid)
                    {
                        run.AddInvalid(line.LineNumber, line.Error!);
                    }
                }
            }
            if (job is not null)
            {
                yield return job;
            }
        }
    }

    /// <summary>
    /// Report lines go to the console's raw writer: Spectre would wrap them at the console width, splitting one
    /// report line into several in a redirected log.
    /// </summary>
    private void WriteLine(string text) => environment.Console.Profile.Out.Writer.WriteLine(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
