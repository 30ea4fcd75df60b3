using BulkMailer.Sender.Ports;

namespace BulkMailer.UnitTests.Fakes;

/// <summary>Records every message it is asked to delay; throws <see cref="Failure"/> instead when set.</summary>
public sealed class RecordingVisibilityDelayer : IVisibilityDelayer
{
    public List<DelayedMessage> Delayed { get; } = [];

    public Exception? Failure { get; set; }

    public Task DelayAsync(IReadOnlyList<DelayedMessage> messages, CancellationToken cancellationToken)
    {
        if (Failure is { } failure)
        {
            return Task.FromException(failure);
        }
        Delayed.AddRange(messages);
        return Task.CompletedTask;
    }
}
