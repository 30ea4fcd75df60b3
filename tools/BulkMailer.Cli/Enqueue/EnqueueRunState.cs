using BulkMailer.Client.Enqueueing;
using BulkMailer.Core.Jobs;

namespace BulkMailer.Cli.Enqueue;

/// <summary>Counters and the line bookkeeping of one run; guarded by <see cref="Gate"/>.</summary>
internal sealed class EnqueueRunState(long startLine, IReadOnlyList<long> carriedFailures)
{
    /// <summary>How many invalid and failed lines the final report lists one by one.</summary>
    private const int SamplesShown = 20;

    private readonly Dictionary<long, long> _lineBySequence = [];
    private long _nextSequence;

    public Lock Gate { get; } = new();

    public long StartLine { get; } = startLine;

    public CheckpointTracker Tracker { get; } = new(startLine, carriedFailures);

    public long Enqueued { get; private set; }

    public long Failed { get; private set; }

    public long Invalid { get; private set; }

    public long AlreadyDone { get; set; }

    /// <summary>Reading stopped before the end of the file because of an interrupt.</summary>
    public bool StoppedEarly { get; set; }

    public List<(long Line, string Reason)> InvalidSamples { get; } = [];

    public List<(long Line, string Reason)> FailedSamples { get; } = [];

    /// <summary>Sequence numbers match the client's: the n-th job handed over is sequence n.</summary>
    public MailJob Begin(long line, MailJob job)
    {
        _lineBySequence[_nextSequence++] = line;
        Tracker.Begin(line);
        return job;
    }

    public void Record(EnqueueResult result)
    {
        if (!_lineBySequence.Remove(result.Sequence, out var line))
        {
            throw new InvalidOperationException($"result for unknown sequence {result.Sequence}");
        }
        switch (result.Outcome)
        {
            case EnqueueOutcome.Enqueued:
                Enqueued++;
                Tracker.Settle(line, failed: false);
                break;
            case EnqueueOutcome.Invalid:
                Tracker.Settle(line, failed: false);
                AddInvalid(line, result.Reason ?? "invalid");
                break;
            default:
                Failed++;
                Tracker.Settle(line, failed: true);
                if (FailedSamples.Count < SamplesShown)
                {
                    FailedSamples.Add((line, result.Reason ?? "failed"));
                }
                break;
        }
    }

    public void AddInvalid(long line, string reason)
    {
        Invalid++;
        if (InvalidSamples.Count < SamplesShown)
        {
            InvalidSamples.Add((line, reason));
        }
    }

    public EnqueueProgressSnapshot Snapshot(long totalLines, TimeSpan elapsed)
    {
        lock (Gate)
        {
            var rate = elapsed.TotalSeconds > 0 ? Enqueued / elapsed.TotalSeconds : 0;
            return new EnqueueProgressSnapshot(Tracker.Line, totalLines, Enqueued, Failed, Invalid, rate, elapsed);
        }
    }
}
