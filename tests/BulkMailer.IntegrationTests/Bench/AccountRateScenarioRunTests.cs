using BulkMailer.Bench.AccountRate;
using BulkMailer.IntegrationTests.Fixtures;

namespace BulkMailer.IntegrationTests.Bench;

/// <summary>
/// One run of <c>bench --scenario account-rate</c> on the local stack: the real sender (JIT build) at concurrency 2
/// against an SES account front of 4 mails/s, with nothing in the senders to hold them to it, so the front throttles.
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed class AccountRateScenarioRunTests(LocalServersFixture stack) : IDisposable
{
    private readonly string _logs = Directory.CreateTempSubdirectory("bulkmailer-account-rate-test-").FullName;

    public void Dispose() => Directory.Delete(_logs, recursive: true);

    [Fact]
    public async Task Unlimited_senders_over_the_account_rate_send_every_job_once_and_log_every_throttle_the_front_counted()
    {
        // 8 SendEmail calls in flight per environment against a bucket of 4: the front refuses some, they come back
        // after the 2 s visibility timeout; 20 receives leave room for every round a slow machine needs.
        var options = new AccountRateOptions
        {
            AccountRate = 4,
            SesLatency = TimeSpan.FromMilliseconds(20),
            Concurrencies = [2],
            Modes = [AccountRateMode.NoLimit],
            JobsPerRun = 12,
            RunTimeout = TimeSpan.FromMinutes(2),
            VisibilityTimeout = TimeSpan.FromSeconds(2),
            MaxReceiveCount = 20,
        };

        var run = await AccountRateRunner.RunOnceAsync(AccountRateMode.NoLimit, 2, options, stack.Stack, FunctionProcess.BuiltBootstrap("BulkMailer.Sender.Bootstrap"), _logs, CancellationToken.None);

        Assert.False(run.TimedOut);
        Assert.Equal((12L, 0L, 0L, 0L), (run.Good, run.InDlq, run.Pending, run.Duplicated));
        Assert.Equal(12, run.AcceptedMails);
        Assert.True(run.ThrottledCalls > 0, "the front throttled nothing: the run did not exceed the account rate");
        Assert.Equal(run.ThrottledCalls, run.ThrottlesSeenBySenders);
        Assert.Equal(run.AcceptedMails + run.ThrottledCalls, run.SendCalls);
        Assert.InRange(run.PeakConnections, 1, 2);
    }
}
