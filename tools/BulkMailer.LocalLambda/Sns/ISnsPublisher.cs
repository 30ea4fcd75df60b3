namespace BulkMailer.LocalLambda.Sns;

/// <summary>
/// Publishes a message to an SNS topic. The SES feedback simulator depends on this rather than on
/// <see cref="SnsQueryClient"/> so its ordering and counting can be tested without an SNS endpoint.
/// </summary>
public interface ISnsPublisher
{
    /// <summary>Publishes <paramref name="message"/> to <paramref name="topicArn"/>; returns SNS's message id.</summary>
    Task<string> PublishAsync(string topicArn, string message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Publishes up to <see cref="SnsQueryClient.MaxBatchEntries"/> messages in one call, in order; returns SNS's
    /// message ids. Throws when any entry failed (the entries before it may have been published).
    /// </summary>
    Task<IReadOnlyList<string>> PublishBatchAsync(string topicArn, IReadOnlyList<string> messages, CancellationToken cancellationToken = default);
}
