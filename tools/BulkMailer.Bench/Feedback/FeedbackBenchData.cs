using System.Globalization;
using BulkMailer.Data.Connections;
using BulkMailer.Data.Mail;
using BulkMailer.LocalLambda.SesFeedback;
using BulkMailer.Sender.Ports;

namespace BulkMailer.Bench.Feedback;

/// <summary>
/// The feedback bench's data: the jobs a campaign sent (seeded in <c>mail_message</c> through the sender's own
/// claim and record statements, as in production, so every event finds its job) and the SES events about them,
/// written by the local SES stand-in's writer (<see cref="SesEventJson"/>).
/// </summary>
public sealed class FeedbackBenchData
{
    private const int SeedChunk = 1_000;
    private static readonly DateTimeOffset SentAt = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    public FeedbackBenchData(int events)
    {
        Plan = FeedbackEventMix.Plan(events);
        Jobs = FeedbackEventMix.Jobs(Plan);
    }

    public IReadOnlyList<PlannedFeedbackEvent> Plan { get; }

    public int Jobs { get; }

    public static string JobId(int job) => string.Create(CultureInfo.InvariantCulture, $"feedback-bench/{job:000000}");

    public static string SesMessageId(int job) => string.Create(CultureInfo.InvariantCulture, $"0100019a-bench-{job:000000}-000000");

    /// <summary>Every planned event as SES's event-publishing JSON.</summary>
    public IEnumerable<string> EventJson()
    {
        var step = new Dictionary<int, int>();
        foreach (var planned in Plan)
        {
            var index = step[planned.Job] = step.GetValueOrDefault(planned.Job, -1) + 1;
            var sentAt = SentAt.AddMilliseconds(planned.Job);
            var mail = new SesEventMail(SesMessageId(planned.Job), Recipient(planned.Job), sentAt) { JobId = JobId(planned.Job) };
            yield return SesEventJson.Write(planned.Kind, mail, planned.Kind == SesEventKind.Send ? sentAt : sentAt.AddSeconds(index));
        }
    }

    /// <summary>Claims and records every job as sent with its SES message id, a thousand per round trip.</summary>
    public async Task SeedAsync(string db, CancellationToken cancellationToken)
    {
        await using var connection = new StaticConnection(db, "bulkmailer-bench-seed");
        var store = new MailStore(connection);
        foreach (var chunk in Enumerable.Range(0, Jobs).Chunk(SeedChunk))
        {
            var claimed = await store.ClaimBatchAsync([.. chunk.Select(j => new ClaimRequest(JobId(j), "feedback-bench", Recipient(j)))], "seed", TimeSpan.FromMinutes(30), cancellationToken).ConfigureAwait(false);
            if (claimed.Count != chunk.Length)
            {
                throw new InvalidOperationException($"seeding claimed {claimed.Count} of {chunk.Length} jobs");
            }
            await store.RecordResultsAsync([.. chunk.Select(j => new SendResult(JobId(j), "sent", SesMessageId(j), null))], cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Recipient(int job) => string.Create(CultureInfo.InvariantCulture, $"r{job}@example.com");
}
