using BulkMailer.LocalLambda.Sns;

namespace BulkMailer.UnitTests.LocalLambda;

/// <summary>An SNS publisher that keeps what was published, in order, and can be told to fail on a message.</summary>
public sealed class RecordingPublisher : ISnsPublisher
{
    private readonly List<(string TopicArn, string Message)> _published = [];

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

    public Task<string> PublishAsync(string topicArn, string message, CancellationToken cancellationToken = default)
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
