using System.Text.Json;
using BulkMailer.Bench.AccountRate;
using BulkMailer.Lambda.Configuration;

namespace BulkMailer.UnitTests.Bench;

/// <summary>The account-rate scenario's accounting, on recorded samples.</summary>
public sealed class AccountRateScenarioTests
{
    private static AccountRateOptions Options { get; } = new() { AccountRate = 50, SesLatency = TimeSpan.FromMilliseconds(20), Concurrencies = [2, 16] };

    // Recorded: the governor at concurrency 2 (400 good, 48 mails/s), the static split at 16 (400 good, 39 mails/s, 4 throttles).
    private static AccountRateResult Governor { get; } = Result(AccountRateMode.Governor, 2, good: 400, throttled: 0, achieved: 48, predicted: 50, peak: 2, seconds: 10)
        with { PermitWaitSamples = 400, PermitWaitP50Ms = 120.4, PermitWaitP95Ms = 480.6, PermitWaitMaxMs = 610 };

    private static AccountRateResult StaticSplit { get; } = Result(AccountRateMode.StaticSplit, 16, good: 400, throttled: 4, achieved: 39, predicted: 40, peak: 16, seconds: 12.5);

    private static AccountRateResult Result(string mode, int concurrency, long good, int throttled, double achieved, double predicted, int peak, double seconds) => new()
    {
        Mode = mode,
        Concurrency = concurrency,
        Jobs = 400,
        Final = good,
        InDlq = 0,
        Pending = 400 - good,
        Duplicated = 0,
        Good = good,
        GoodputPerSecond = good / seconds,
        SendCalls = 400 + throttled,
        ThrottledCalls = throttled,
        ThrottlesSeenBySenders = throttled,
        AcceptedMails = (int)good,
        AchievedRate = achieved,
        AccountRate = 50,
        PredictedRate = predicted,
        PeakConnections = peak,
        DurationSeconds = seconds,
        TimedOut = false,
    };

    [Fact]
    public void Each_mode_gives_the_sender_its_own_variables_and_only_the_governor_reads_get_account()
    {
        Assert.Equal("50", AccountRateMode.SenderVariables(AccountRateMode.Governor, 50)[FunctionVariables.AccountSendRate]);
        Assert.Equal("2.5", AccountRateMode.SenderVariables(AccountRateMode.StaticSplit, 50)[FunctionVariables.MaxSendRate]);
        Assert.Single(AccountRateMode.SenderVariables(AccountRateMode.StaticSplit, 50));
        Assert.Empty(AccountRateMode.SenderVariables(AccountRateMode.NoLimit, 50));
        Assert.True(AccountRateMode.AnswersGetAccount(AccountRateMode.Governor));
        Assert.False(AccountRateMode.AnswersGetAccount(AccountRateMode.StaticSplit));
        Assert.False(AccountRateMode.AnswersGetAccount(AccountRateMode.NoLimit));
    }

    [Theory]
    // 20 ms per call, batches of 10, 8 in flight, 2 ms round trips: 44 ms per batch = 227.3 mails/s per environment.
    [InlineData(AccountRateMode.Governor, 2, 50)]
    [InlineData(AccountRateMode.NoLimit, 16, 50)]
    // The static split caps each environment at 50 / 20 = 2.5 mails/s.
    [InlineData(AccountRateMode.StaticSplit, 2, 5)]
    [InlineData(AccountRateMode.StaticSplit, 16, 40)]
    public void The_prediction_is_the_budget_model_per_mode_capped_by_the_account_rate(string mode, int concurrency, double predicted)
    {
        Assert.Equal(predicted, AccountRateMode.PredictedRate(mode, 50, concurrency, AccountRateRunner.ModelInput(Options)), 9);
    }

    [Fact]
    public void Ratios_and_jobs_per_connection_follow_from_the_recorded_counts()
    {
        Assert.Equal((0.96, 0.96, 200.0), (Governor.AchievedToAccountRate, Governor.AchievedToPredicted, Governor.JobsPerConnection));
        Assert.Equal((0.78, 0.975, 25.0), (StaticSplit.AchievedToAccountRate, StaticSplit.AchievedToPredicted, StaticSplit.JobsPerConnection));
    }

    [Fact]
    public void Throttle_answers_are_counted_from_the_senders_log_lines()
    {
        string[] lines =
        [
            """{"level":"warn","message":"send did not succeed","jobId":"rate/x/000001","outcome":"Transient","error":"TooManyRequestsException: Maximum sending rate exceeded."}""",
            """{"level":"info","message":"batch done","sent":9}""",
            """{"level":"warn","message":"send did not succeed","jobId":"rate/x/000002","outcome":"Transient","error":"TooManyRequestsException: Maximum sending rate exceeded."}""",
            """{"level":"warn","message":"send did not succeed","jobId":"rate/x/000003","outcome":"Transient","error":"TooManyRequestsException: Daily message quota exceeded."}""",
        ];

        Assert.Equal(2, SenderThrottleLog.CountLines(lines));
        Assert.Equal(0, SenderThrottleLog.Count(Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}")));
    }

    [Fact]
    public void Bench_markdown_has_the_account_rate_table_with_a_row_per_run()
    {
        var report = new AccountRateBenchReport { Options = Options, Results = [Governor, StaticSplit], StartedAt = DateTimeOffset.UnixEpoch, ProcessorCount = 2, ModelPerEnvironmentRate = 227.27 };

        string markdown = AccountRateWriter.ToMarkdown(report);

        Assert.Contains("## Account rate", markdown, StringComparison.Ordinal);
        Assert.Contains("rate ÷ 20 (the stack's old default max concurrency)", markdown, StringComparison.Ordinal);
        Assert.Contains("| governor | 2 | 400 | 0 | 0 | 0 | 0 | 0 | 48.0 | 0.96 | 50.0 | 0.96 | 40.0 | 120 | 481 | 610 | 2 | 200.0 | 10.0 | settled |", markdown, StringComparison.Ordinal);
        Assert.Contains("| static-split | 16 | 400 | 0 | 0 | 0 | 4 | 4 | 39.0 | 0.78 | 40.0 | 0.98 | 32.0 | – | – | – | 16 | 25.0 | 12.5 | settled |", markdown, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(AccountRateWriter.ToJson(report));
        Assert.Equal(4, json.RootElement.GetProperty("results")[1].GetProperty("throttledCalls").GetInt32());
        Assert.Equal(480.6, json.RootElement.GetProperty("results")[0].GetProperty("permitWaitP95Ms").GetDouble());
        Assert.Equal(120.4, json.RootElement.GetProperty("results")[0].GetProperty("permitWaitP50Ms").GetDouble());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("results")[1].GetProperty("permitWaitP95Ms").ValueKind);
        Assert.DoesNotContain("not reported", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_that_broke_off_is_a_row_with_its_error_and_nothing_counted_as_good()
    {
        var broken = AccountRateResult.Broken(AccountRateMode.StaticSplit, 16, Options, "InvalidOperationException: environment 16 failed to start");

        Assert.Equal((0L, 400L, 40.0), (broken.Good, broken.Pending, broken.PredictedRate));
        Assert.Equal("error: InvalidOperationException: environment 16 failed to start", broken.Outcome);
    }

    [Fact]
    public void Options_out_of_range_are_refused()
    {
        Assert.Empty(Options.Validate());
        Assert.NotEmpty((Options with { Concurrencies = [1] }).Validate());
        Assert.NotEmpty((Options with { AccountRate = 0 }).Validate());
        Assert.NotEmpty((Options with { Modes = ["burst"] }).Validate());
    }
}
