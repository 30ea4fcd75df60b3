using BulkMailer.Core.Jobs;
using BulkMailer.Lambda.Observability;
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

    private readonly StringWriter _log = new();

    private static readonly MailTemplate Welcome = new() { Name = "welcome" };

    private async Task<SendOutcome> OutcomeAsync(string jobId, params MailJob[] jobs) =>
        (await OutcomesAsync(jobs)).Single(o => o.JobId == jobId);

    private async Task<IReadOnlyList<SendOutcome>> OutcomesAsync(params MailJob[] jobs)
    {
        // One call at a time: which call a systemic stop catches is then the order of the jobs.
        var options = new SenderOptions { SendParallelism = 1 };
        using var rateLimiter = new SendRateLimiter(0);
        var outcomes = await new MailDispatcher(_ses, rateLimiter, options, new JsonLogger(_log))
            .DispatchAsync(SendPlanner.Plan(jobs, null, useBulk: true), () => TimeSpan.FromMinutes(1), CancellationToken.None);
        return [.. outcomes.OrderBy(o => o.JobId, StringComparer.Ordinal)];
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

    [Fact]
    public async Task A_bulk_call_SES_refuses_as_a_whole_is_sent_entry_by_entry_and_only_the_entry_SES_refuses_fails()
    {
        var refusal = new SesException(SesErrorKind.Permanent, "BadRequestException", "invalid input", 400);
        _ses.BulkCallFailures["b@example.com"] = refusal;
        _ses.Failures["b@example.com"] = refusal;

        var outcomes = await OutcomesAsync(Job("a", Welcome), Job("b", Welcome), Job("c", Welcome));

        Assert.Equal([("a", SendOutcomeKind.Sent), ("b", SendOutcomeKind.PermanentFailure), ("c", SendOutcomeKind.Sent)],
            outcomes.Select(o => (o.JobId, o.Kind)));
        Assert.Equal(["a@example.com", "b@example.com", "c@example.com"], _ses.Recipients);
    }

    [Fact]
    public async Task A_bulk_entry_SUCCESS_without_a_message_id_is_transient_and_ambiguous()
    {
        _ses.WithoutMessageId.Add("b@example.com");

        var outcome = await OutcomeAsync("b", Job("a", Welcome), Job("b", Welcome));

        Assert.Equal((SendOutcomeKind.Transient, true), (outcome.Kind, outcome.Ambiguous));
    }

    [Fact]
    public async Task A_single_send_answered_without_a_message_id_is_transient_and_ambiguous()
    {
        _ses.WithoutMessageId.Add("j@example.com");

        var outcome = await OutcomeAsync("j", Job("j"));

        Assert.Equal((SendOutcomeKind.Transient, true), (outcome.Kind, outcome.Ambiguous));
    }

    [Fact]
    public async Task A_configuration_mistake_stops_the_batch_hands_every_job_back_unsent_and_is_logged_as_an_error_once()
    {
        _ses.Failures["a@example.com"] = new SesException(SesErrorKind.Systemic, "NotFoundException", "Template welcome does not exist", 404);

        var outcomes = await OutcomesAsync(Job("a"), Job("b"), Job("c"));

        Assert.Equal([SendOutcomeKind.SystemicFailure, SendOutcomeKind.NotAttempted, SendOutcomeKind.NotAttempted], outcomes.Select(o => o.Kind));
        Assert.Equal(["a@example.com"], _ses.Recipients);
        var error = Assert.Single(_log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("\"level\":\"ERROR\"", error, StringComparison.Ordinal);
        Assert.Contains("NotFoundException", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(BulkEmailStatus.TemplateNotFound)]
    [InlineData(BulkEmailStatus.ConfigurationSetNotFound)]
    [InlineData(BulkEmailStatus.MailFromDomainNotVerified)]
    public async Task A_bulk_entry_naming_a_configuration_mistake_is_a_systemic_failure_not_a_failed_job(string status)
    {
        _ses.BulkStatuses["a@example.com"] = status;

        var outcome = await OutcomeAsync("a", Job("a", Welcome), Job("b", Welcome));

        Assert.Equal(SendOutcomeKind.SystemicFailure, outcome.Kind);
    }

    [Fact]
    public async Task A_bulk_call_refused_systemically_is_not_retried_entry_by_entry()
    {
        _ses.BulkCallFailures["a@example.com"] = new SesException(SesErrorKind.Systemic, "MailFromDomainNotVerifiedException", "not verified", 400);

        var outcomes = await OutcomesAsync(Job("a", Welcome), Job("b", Welcome));

        Assert.All(outcomes, o => Assert.Equal(SendOutcomeKind.SystemicFailure, o.Kind));
        Assert.Empty(_ses.Recipients);
    }
}
