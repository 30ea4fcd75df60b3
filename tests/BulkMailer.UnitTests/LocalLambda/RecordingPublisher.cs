using BulkMailer.LocalLambda.Sns;

namespace BulkMailer.UnitTests.LocalLambda;

/// <summary>An SNS publisher that keeps what was published, in order, and can be told to fail on a message.</summary>
public sealed class RecordingPublisher : ISnsPublisher
{
    private readonly List<(string TopicArn, string Message)> _published = [];
    private int _calls;

    /// <summary>Messages containing this text throw, as a failing Publish call would.</summary>
    public string? FailOn { get; set; }

    public IReadOnlyList<(string TopicArn, string Message)> Published
    {
        get
        {
            lock (_published)
            {
                return [.. _published];
            }
        }
    }

    /// <summary>Publish and PublishBatch calls made (a batch is one call, as one round trip to SNS).</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Entries in order, as fauxqs and SNS take them: those before a failing entry are published, then the call throws.</summary>
    public async Task<IReadOnlyList<string>> PublishBatchAsync(string topicArn, IReadOnlyList<string> messages, CancellationToken cancellationToken = default)
    {
        Assert.InRange(messages.Count, 1, SnsQueryClient.MaxBatchEntries);
        var ids = new List<string>();
        foreach (var message in messages)
        {
            ids.Add(await PublishOneAsync(topicArn, message).ConfigureAwait(false));
        }
        Interlocked.Increment(ref _calls);
        return ids;
    }

    public Task<string> PublishAsync(string topicArn, string message, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        return PublishOneAsync(topicArn, message);
    }

    private Task<string> PublishOneAsync(string topicArn, string message)
    {
        if (FailOn is { } marker && message.Contains(marker, StringComparison.Ordinal))
        {
            throw new HttpRequestException("publish failed");
        }
        lock (_published)
        {
            _published.Add((topicArn, message));
            return Task.FromResult($"sns-{_published.Count}");
        }
    }
}
