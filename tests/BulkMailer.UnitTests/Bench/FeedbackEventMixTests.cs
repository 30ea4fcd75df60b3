using BulkMailer.Bench.Feedback;
using BulkMailer.LocalLambda.SesFeedback;

namespace BulkMailer.UnitTests.Bench;

public sealed class FeedbackEventMixTests
{
    [Fact]
    public void Twenty_jobs_bring_back_forty_nine_events_in_the_stated_mix()
    {
        var kinds = Enumerable.Range(0, 20).SelectMany(FeedbackEventMix.For).GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(20, kinds[SesEventKind.Send]);
        Assert.Equal(18, kinds[SesEventKind.Delivery]);
        Assert.Equal(1, kinds[SesEventKind.PermanentBounce]);
        Assert.Equal(1, kinds[SesEventKind.TransientBounce]);
        Assert.Equal(1, kinds[SesEventKind.Complaint]);
        Assert.Equal(6, kinds[SesEventKind.Open]);
        Assert.Equal(2, kinds[SesEventKind.Click]);
        Assert.Equal(49, kinds.Values.Sum());
    }

    [Fact]
    public void Every_job_starts_with_its_send_event()
    {
        Assert.All(Enumerable.Range(0, 40), job => Assert.Equal(SesEventKind.Send, FeedbackEventMix.For(job)[0]));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(49, 20)]
    [InlineData(200, 81)]
    [InlineData(201, 82)]
    public void A_plan_has_exactly_the_events_asked_for_over_consecutive_jobs(int events, int jobs)
    {
        var plan = FeedbackEventMix.Plan(events);

        Assert.Equal(events, plan.Count);
        Assert.Equal(jobs, FeedbackEventMix.Jobs(plan));
        Assert.Equal(plan.Count, plan.Distinct().Count());
    }

    [Fact]
    public void The_events_of_a_plan_are_distinct_ses_events_about_existing_jobs()
    {
        var data = new FeedbackBenchData(200);

        var parsed = data.EventJson().Select(json => BulkMailer.Core.Feedback.FeedbackParser.Parse(json, "sqs").Event!).ToList();

        Assert.Equal(200, parsed.Select(e => e.EventKey).Distinct().Count());
        Assert.All(parsed, e => Assert.Null(e.Error));
        Assert.All(parsed, e => Assert.StartsWith("feedback-bench/", e.JobId, StringComparison.Ordinal));
        Assert.Equal(data.Jobs, parsed.Select(e => e.JobId).Distinct().Count());
    }
}
