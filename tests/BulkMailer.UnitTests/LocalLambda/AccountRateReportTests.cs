using System.Text.Json;
using BulkMailer.LocalLambda.Monitoring;
using BulkMailer.LocalLambda.Reporting;
using BulkMailer.LocalLambda.Runs;

namespace BulkMailer.UnitTests.LocalLambda;

/// <summary>The account-rate lines of the local run's report, from a recorded sample.</summary>
public sealed class AccountRateReportTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 15, 0, 0, TimeSpan.Zero);

    // A recorded run against a 50 mails/s front: 120 calls, 7 throttled, 500 mails, 47.5 mails/s where 50 were predicted.
    private static AccountRateReport Recorded { get; } = new()
    {
        AccountRate = 50,
        SesLatencyMs = 20,
        SendCalls = 120,
        ThrottledCalls = 7,
        AcceptedMails = 500,
        MeasuredRate = 47.5,
        PredictedRate = 50,
        SenderInvocationP50Ms = 182,
    };

    private static RunReport Report(AccountRateReport? account) => new()
    {
        JobsByStatus = new Dictionary<string, long> { ["delivered"] = 500 },
        SentPerSecond = 47.5,
        PeakConnections = 6,
        MeanConnections = 5,
        Functions = new Dictionary<string, FunctionRunStats> { ["sender"] = new(4, 60, 4), ["feedback"] = new(2, 20, 2) },
        DlqDepths = new Dictionary<string, long>(),
        FeedbackEventsPublished = new Dictionary<string, long>(),
        AccountRate = account,
    };

    [Fact]
    public void Accepted_mails_divided_by_the_span_from_first_to_last_acceptance_is_the_rate()
    {
        // 101 mails, one every 20 ms: 2 s from the first to the last.
        var times = Enumerable.Range(0, 101).Select(i => Start.AddMilliseconds(20 * i)).ToList();

        Assert.Equal(50.5, AcceptedMailRate.Of(times), 9);
        Assert.Equal(0, AcceptedMailRate.Of([Start]));
        Assert.Equal(0, AcceptedMailRate.Of([Start, Start]));
    }

    [Fact]
    public void The_markdown_shows_throttles_the_achieved_rate_against_the_account_rate_and_against_the_prediction()
    {
        string markdown = RunReportWriter.ToMarkdown(Report(Recorded));

        foreach (string line in new[]
        {
            "| SES account rate (mails/s) | 50 |", "| SES throttled calls | 7 |", "| SES send calls | 120 |", "| mails/s achieved | 47.5 |",
            "| achieved ÷ account rate | 0.95 |", "| mails/s predicted (budget model) | 50.0 |", "| achieved ÷ predicted | 0.95 |", "| sender invocation p50 (ms) | 182 |",
        })
        {
            Assert.Contains(line, markdown, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_json_carries_the_counts_and_both_ratios()
    {
        using var json = JsonDocument.Parse(RunReportWriter.ToJson(Report(Recorded)));
        JsonElement account = json.RootElement.GetProperty("accountRate");

        Assert.Equal((7, 120, 500), (account.GetProperty("throttledCalls").GetInt32(), account.GetProperty("sendCalls").GetInt32(), account.GetProperty("acceptedMails").GetInt32()));
        Assert.Equal((0.95, 0.95), (account.GetProperty("measuredToAccountRate").GetDouble(), account.GetProperty("measuredToPredicted").GetDouble()));
    }

    [Fact]
    public void A_run_without_the_front_has_no_account_lines()
    {
        Assert.DoesNotContain("throttled", RunReportWriter.ToMarkdown(Report(null)), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(RunReportWriter.ToJson(Report(null)));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("accountRate").ValueKind);
    }

    [Fact]
    public void Without_an_account_rate_or_a_latency_the_ratios_are_left_out()
    {
        var unlimited = Recorded with { AccountRate = 0, PredictedRate = null };

        Assert.Null(unlimited.MeasuredToAccountRate);
        Assert.Null(unlimited.MeasuredToPredicted);
        Assert.Contains("| SES account rate (mails/s) | none |", RunReportWriter.ToMarkdown(Report(unlimited)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_prediction_is_the_budget_model_for_the_runs_knobs_capped_by_the_account_rate()
    {
        // 20 ms per call, batches of 10, 8 in flight, 2 ms round trips: templated batches 24 ms (416.7/s), others 44 ms
        // (227.3/s); 30 of 95 mails templated → 265.36/s per environment, × 4 = 1061.45.
        var options = new LocalRunOptions { SenderConcurrency = 4, SesLatency = TimeSpan.FromMilliseconds(20) };

        Assert.Equal(1061.453, LocalRun.PredictedRate(options)!.Value, 3);
        Assert.Equal(50, LocalRun.PredictedRate(options with { SesMaxSendRate = 50 }));
        Assert.Null(LocalRun.PredictedRate(options with { SesLatency = TimeSpan.Zero, SesMaxSendRate = 50 }));
        Assert.Equal(30 / 95.0, SampleCampaign.TemplatedShareOfSends, 9);
    }
}
