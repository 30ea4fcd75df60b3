using BulkMailer.Lambda.Events;
using BulkMailer.Lambda.Observability;
using BulkMailer.Lambda.Processing;
using BulkMailer.Lambda.Runtime;
using BulkMailer.Sender;
using BulkMailer.Sender.Governor;
using BulkMailer.Sender.Sending;
using BulkMailer.Ses.RateLimiting;
using BulkMailer.UnitTests.Fakes;

namespace BulkMailer.UnitTests.Sender;

/// <summary>
/// The sender handler run by the batch processor over in-memory fakes (store, SES, visibility delays, a clock that
/// steps through pauses): a test scripts the fakes, runs a batch and reads what went back and what was recorded.
/// </summary>
public sealed class SenderHarness
{
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public const string QueueArn = "arn:aws:sqs:us-east-1:000000000000:mail-jobs";

    public RecordingSenderStore Store { get; } = new();

    public ScriptedSesClient Ses { get; } = new();

    public RecordingVisibilityDelayer Visibility { get; } = new();

    public SteppingClock Clock { get; } = new(Now);

    public StringWriter Metrics { get; } = new();

    public StringWriter Logs { get; } = new();

    public SenderOptions Options { get; init; } = new() { LeaseExtra = TimeSpan.FromSeconds(30), UseBulkSend = false };

    /// <summary>The configured account send rate; set, the handler claims through a send governor (key "ses:test").</summary>
    public double? AccountSendRate { get; init; }

    /// <summary>A valid job whose recipient is <c>{id}@example.com</c>.</summary>
    public static string Job(string id) =>
        $$"""{"jobId":"{{id}}","from":"news@acme.example","to":"{{id}}@example.com","subject":"Hi","text":"x"}""";

    /// <summary>A record as the event source mapping delivers it: receipt handle, source ARN, receive count.</summary>
    public static SqsMessage Record(string messageId, string body, int receiveCount = 1) => new()
    {
        MessageId = messageId,
        Body = body,
        ReceiptHandle = $"handle-{messageId}",
        EventSourceArn = QueueArn,
        Attributes = new() { ["ApproximateReceiveCount"] = receiveCount.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };

    /// <summary>Runs one batch with <paramref name="remaining"/> left before the deadline; the message ids handed back.</summary>
    public async Task<IReadOnlyList<string>> HandBackAsync(TimeSpan remaining, params SqsMessage[] records)
    {
        using var rateLimiter = new SendRateLimiter(0);
        var log = new JsonLogger(Logs);
        var governor = AccountSendRate is { } rate ? new AccountSendBudget(Ses, rate, "ses:test", log, Clock) : null;
        var handler = new SenderHandler(Store, new MailDispatcher(Ses, rateLimiter, Options, clock: Clock), Options, log, Visibility, Clock, governor);
        var processor = new SqsBatchProcessor(handler, () => Store.RoundTrips, log, new EmfMetrics("BulkMailer", Metrics));
        var request = new InvocationRequest("req-1", Clock.GetUtcNow() + remaining, null, null, ReadOnlyMemory<byte>.Empty, Clock);
        var response = await processor.ProcessAsync(new SqsEvent { Records = [.. records] }, request, CancellationToken.None);
        return [.. response.BatchItemFailures.Select(f => f.ItemIdentifier)];
    }

    /// <summary>Records without receipt handle or ARN (the fields the older tests do not care about).</summary>
    public Task<IReadOnlyList<string>> HandBackAsync(TimeSpan remaining, params (string MessageId, string Body)[] records) =>
        HandBackAsync(remaining, [.. records.Select(r => new SqsMessage { MessageId = r.MessageId, Body = r.Body })]);
}
