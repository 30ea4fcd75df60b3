using BulkMailer.Core.Jobs;
using BulkMailer.Sender;
using BulkMailer.Sender.Sending;
using BulkMailer.Ses.Errors;
using BulkMailer.Ses.Model;
using BulkMailer.Ses.RateLimiting;
using BulkMailer.UnitTests.Fakes;

namespace BulkMailer.UnitTests.Sender;

/// <summary>Throttling is the SES error classifier's verdict; the dispatcher only carries it into the outcome.</summary>
public sealed class MailDispatcherTests
{
    private readonly ScriptedSesClient _ses = new();

    private static MailJob Job(string id, MailTemplate? template = null) =>
        new() { JobId = id, From = "news@acme.example", To = $"{id}@example.com", Subject = "Hi", Text = "x", Template = template };

    private async Task<SendOutcome> OutcomeAsync(string jobId, params MailJob[] jobs)
    {
        var options = new SenderOptions();
        using var rateLimiter = new SendRateLimiter(0);
        var outcomes = await new MailDispatcher(_ses, rateLimiter, options)
            .DispatchAsync(SendPlanner.Plan(jobs, null, useBulk: true), () => TimeSpan.FromMinutes(1), CancellationToken.None);
        return outcomes.Single(o => o.JobId == jobId);
    }

    [Fact]
    public async Task A_send_SES_refuses_for_rate_reasons_is_transient_and_throttled()
    {
        _ses.Failures["j@example.com"] = new SesException(SesErrorKind.Transient, "TooManyRequestsException", "slow down", 429);

        var outcome = await OutcomeAsync("j", Job("j"));

        Assert.Equal((SendOutcomeKind.Transient, true), (outcome.Kind, outcome.Throttled));
    }

    [Fact]
    public async Task A_send_SES_refuses_with_a_server_error_is_transient_but_not_throttled()
    {
        _ses.Failures["j@example.com"] = new SesException(SesErrorKind.Transient, "ServiceUnavailable", "try later", 503);

        var outcome = await OutcomeAsync("j", Job("j"));

        Assert.Equal((SendOutcomeKind.Transient, false), (outcome.Kind, outcome.Throttled));
    }

    [Fact]
    public async Task A_bulk_entry_SES_throttled_is_transient_and_throttled()
    {
        var template = new MailTemplate { Name = "welcome" };
        _ses.BulkStatuses["b@example.com"] = BulkEmailStatus.AccountThrottled;

        var throttled = await OutcomeAsync("b", Job("a", template), Job("b", template));

        Assert.Equal((SendOutcomeKind.Transient, true), (throttled.Kind, throttled.Throttled));
        Assert.Equal(["a@example.com", "b@example.com"], _ses.Recipients);
    }
}
