using System.Threading.RateLimiting;

namespace BulkMailer.Ses.RateLimiting;

/// <summary>
/// Token bucket of a number of messages per second for this execution environment (the sender's
/// <c>BULKMAILER_MAX_SEND_RATE</c>, an extra cap per environment). Burst is one second's worth.
/// </summary>
public sealed class SendRateLimiter : IAsyncDisposable, IDisposable
{
    private readonly TokenBucketRateLimiter? _bucket;
    private readonly int _burst;

    /// <param name="messagesPerSecond">Zero or negative: unlimited.</param>
    public SendRateLimiter(double messagesPerSecond)
    {
        MessagesPerSecond = messagesPerSecond > 0 && double.IsFinite(messagesPerSecond) ? messagesPerSecond : 0;
        if (MessagesPerSecond == 0)
        {
            return;
        }
        // Refill in small steps rather than once a second, so sends spread evenly instead of in bursts.
        int tokensPerPeriod;
        TimeSpan period;
        if (MessagesPerSecond <= 100)
        {
            tokensPerPeriod = 1;
            period = TimeSpan.FromSeconds(1 / MessagesPerSecond);
        }
        else
        {
            period = TimeSpan.FromMilliseconds(10);
            tokensPerPeriod = (int)Math.Ceiling(MessagesPerSecond / 100);
        }
        _burst = Math.Max(1, (int)Math.Ceiling(MessagesPerSecond));
        _bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = _burst,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = period,
            AutoReplenishment = true,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>0 means unlimited.</summary>
    public double MessagesPerSecond { get; }

    /// <summary>Waits until <paramref name="messages"/> sends are allowed (a SendBulkEmail call needs one per entry).</summary>
    public async ValueTask AcquireAsync(int messages, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(messages);
        if (_bucket is null)
        {
            return;
        }
        // A permit count above the bucket size can never be granted at once; take it in bucket-sized pieces.
        var left = messages;
        while (left > 0)
        {
            var take = Math.Min(left, _burst);
            using var lease = await _bucket.AcquireAsync(take, cancellationToken).ConfigureAwait(false);
            if (!lease.IsAcquired)
            {
                throw new InvalidOperationException("the send rate limiter refused a lease");
            }
            left -= take;
        }
    }

    public void Dispose() => _bucket?.Dispose();

    public ValueTask DisposeAsync() => _bucket?.DisposeAsync() ?? ValueTask.CompletedTask;
}
