namespace BulkMailer.Cli.Enqueue;

/// <summary>
/// Tracks which lines are settled while batches complete out of order, and yields the checkpoint: the highest
/// line number below which nothing is still in flight. A line only counts once its outcome is known, so a line
/// in a batch that was in flight at an interruption stays above the checkpoint and is sent again by the rerun
/// (the only case where the rerun sends it is when this run never learned that SQS had it).
/// Not thread-safe: the caller serializes access.
/// </summary>
public sealed class CheckpointTracker
{
    private readonly Queue<Entry> _inOrder = new();
    private readonly Dictionary<long, Entry> _pending = [];
    private readonly SortedSet<long> _failed;
    private long _lastBegun;

    /// <param name="startLine">The checkpoint this run resumes from (0 for a fresh run).</param>
    /// <param name="carriedFailures">Failed lines at or below <paramref name="startLine"/> from the previous run.</param>
    public CheckpointTracker(long startLine = 0, IEnumerable<long>? carriedFailures = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startLine);
        Line = startLine;
        _lastBegun = startLine;
        _failed = new SortedSet<long>(carriedFailures ?? []);
    }

    /// <summary>Every line up to this one is settled (possibly as failed).</summary>
    public long Line { get; private set; }

    /// <summary>Lines that failed and are not enqueued, ascending (including carried ones not yet retried).</summary>
    public IReadOnlyCollection<long> FailedLines => _failed;

    /// <summary>Lines begun and not yet settled.</summary>
    public int InFlight => _pending.Count;

    /// <summary>True when the checkpoint moved or the failure set changed since the last <see cref="MarkSaved"/>.</summary>
    public bool Changed { get; private set; }

    /// <summary>
    /// A line whose outcome is pending. New lines must come in increasing order; a carried failure (at or below
    /// the start line) may be begun again for its retry.
    /// </summary>
    public void Begin(long line)
    {
        if (line <= Line)
        {
            if (!_failed.Contains(line))
            {
                throw new InvalidOperationException($"line {line} is already settled");
            }
            _pending[line] = new Entry(line);
            return;
        }
        if (line <= _lastBegun)
        {
            throw new InvalidOperationException($"line {line} begun after line {_lastBegun}: lines must be begun in order");
        }
        _lastBegun = line;
        var entry = new Entry(line);
        _pending[line] = entry;
        _inOrder.Enqueue(entry);
    }

    /// <summary>The line's outcome is known: enqueued (or nothing to enqueue), or failed.</summary>
    public void Settle(long line, bool failed)
    {
        if (!_pending.Remove(line, out var entry))
        {
            throw new InvalidOperationException($"line {line} was not begun or is already settled");
        }
        entry.Settled = true;
        var failureChanged = failed ? _failed.Add(line) : _failed.Remove(line);
        Changed |= failureChanged;
        while (_inOrder.TryPeek(out var head) && head.Settled)
        {
            _inOrder.Dequeue();
            Line = head.Line;
            Changed = true;
        }
    }

    /// <summary>A line with nothing to enqueue (blank, header, invalid): settled at once.</summary>
    public void Skip(long line)
    {
        Begin(line);
        Settle(line, failed: false);
    }

    public void MarkSaved() => Changed = false;

    private sealed class Entry(long line)
    {
        public long Line { get; } = line;

        public bool Settled { get; set; }
    }
}
