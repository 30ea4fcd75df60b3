using System.Diagnostics;
using BulkMailer.Ses.RateLimiting;

namespace BulkMailer.UnitTests.Ses;

public sealed class SendRateLimiterTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(-3.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public async Task Without_a_positive_rate_sends_are_never_delayed(double value)
    {
        using var limiter = new SendRateLimiter(value);
        var clock = Stopwatch.StartNew();

        await limiter.AcquireAsync(10_000, CancellationToken.None);

        Assert.Equal(0, limiter.MessagesPerSecond);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Sends_beyond_one_second_of_burst_wait_for_the_bucket_to_refill_at_the_configured_rate()
    {
        using var limiter = new SendRateLimiter(100);
        var clock = Stopwatch.StartNew();

        // 100 from the full bucket, then 50 more at 100/s: about half a second in all.
        await limiter.AcquireAsync(100, CancellationToken.None);
        var burst = clock.Elapsed;
        await limiter.AcquireAsync(50, CancellationToken.None);
        var total = clock.Elapsed;

        Assert.True(burst < TimeSpan.FromMilliseconds(200), $"burst took {burst}");
        Assert.InRange(total.TotalMilliseconds, 400, 3000);
    }

    [Fact]
    public async Task A_bulk_acquisition_larger_than_the_bucket_is_granted_in_pieces_instead_of_failing()
    {
        using var limiter = new SendRateLimiter(40);

        await limiter.AcquireAsync(50, CancellationToken.None);

        Assert.Equal(40, limiter.MessagesPerSecond);
    }

    [Fact]
    public async Task Waiting_for_tokens_honours_cancellation()
    {
        using var limiter = new SendRateLimiter(1);
        await limiter.AcquireAsync(1, CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await limiter.AcquireAsync(1, cancel.Token));
    }
}
