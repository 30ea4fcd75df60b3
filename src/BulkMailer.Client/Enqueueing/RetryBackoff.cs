namespace BulkMailer.Client.Enqueueing;

/// <summary>
/// Exponential backoff with full jitter: many batches failing together (a throttled queue) spread their
/// retries instead of coming back in lock-step.
/// </summary>
internal static class RetryBackoff
{
    public static TimeSpan Delay(int failedAttempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var exponent = Math.Min(failedAttempt - 1, 30);
        var ceiling = Math.Min(maxDelay.Ticks, baseDelay.Ticks * (1L << exponent));
        return TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * ceiling));
    }
}
