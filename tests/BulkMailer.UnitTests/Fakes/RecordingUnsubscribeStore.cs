using BulkMailer.Unsubscribe.Ports;

namespace BulkMailer.UnitTests.Fakes;

/// <summary>Records every address the unsubscribe handler suppressed, in order; a set of them stands for the table.</summary>
public sealed class RecordingUnsubscribeStore : IUnsubscribeStore
{
    public List<string> Calls { get; } = [];

    public IReadOnlySet<string> Suppressed => Calls.ToHashSet(StringComparer.Ordinal);

    public Task UnsubscribeAsync(string email, CancellationToken cancellationToken)
    {
        Calls.Add(email);
        return Task.CompletedTask;
    }
}
