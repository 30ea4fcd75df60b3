using System.Globalization;
using System.Text.Json;
using BulkMailer.Core.Jobs;

namespace BulkMailer.LocalLambda.Runs;

/// <summary>
/// The campaign `local run` enqueues: mostly SES mailbox-simulator recipients, so the real outcomes (delivery,
/// bounce, complaint, out-of-office, account suppression list) come back as SES events; a share of templated
/// jobs (sent through SendBulkEmail); a few invalid jobs from a "buggy producer" (sent raw, bypassing the
/// client's validation) and a few duplicate deliveries of valid jobs. Deterministic for a given size, so the
/// expected final table is known exactly.
/// </summary>
public sealed class SampleCampaign
{
    public const string TemplateName = "bulkmailer-welcome";
    public const string TemplateSubject = "Welcome, {{name}}";
    public const string TemplateText = "Hello {{name}}, this is BulkMailer's local run.";
    private const string Simulator = "simulator.amazonses.com";

    public SampleCampaign(int jobs, string campaignId = "local-run")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        Size = jobs;
        CampaignId = campaignId;
    }

    public int Size { get; }

    public string CampaignId { get; }

    /// <summary>
    /// Share of the mails sent that are templated (SendBulkEmail). They are enqueued in runs of 30, so their batches
    /// hold templated jobs only: the send-rate model's <c>SenderThroughput.RateOfSeparateBatches</c> case.
    /// </summary>
    public static double TemplatedShareOfSends { get; } =
        Enumerable.Range(0, 100).Count(i => KindOf(i) == Kind.Templated) / (double)Enumerable.Range(0, 100).Count(i => KindOf(i) is not (Kind.Invalid or Kind.DuplicateOfPrevious));

    /// <summary>What each slot of a hundred becomes: the mix is the same at every size.</summary>
    private static Kind KindOf(int index) => (index % 100) switch
    {
        < 5 => Kind.Bounce,
        < 8 => Kind.Complaint,
        < 12 => Kind.OutOfOffice,
        < 15 => Kind.SuppressionList,
        < 18 => Kind.Invalid,
        < 20 => Kind.DuplicateOfPrevious,
        < 50 => Kind.Templated,
        < 60 => Kind.PlainDomain,
        _ => Kind.Success,
    };

    /// <summary>Valid jobs, in order, for the client library (duplicates appear twice, as a retried producer sends them).</summary>
    public IEnumerable<MailJob> ValidJobs()
    {
        MailJob? previous = null;
        for (var i = 0; i < Size; i++)
        {
            var kind = KindOf(i);
            if (kind == Kind.Invalid)
            {
                continue;
            }
            if (kind == Kind.DuplicateOfPrevious)
            {
                if (previous is not null)
                {
                    yield return previous;
                }
                continue;
            }
            previous = Build(i, kind);
            yield return previous;
        }
    }

    /// <summary>Raw SQS bodies of invalid jobs, as a producer that skipped validation would send them.</summary>
    public IEnumerable<string> InvalidBodies()
    {
        for (var i = 0; i < Size; i++)
        {
            if (KindOf(i) != Kind.Invalid)
            {
                continue;
            }
            var id = JobId(i);
            yield return (i % 3) switch
            {
                0 => $$"""{"jobId":"{{id}}","campaignId":"{{CampaignId}}","from":"news@acme.example","to":"not-an-address","subject":"Hi","text":"x"}""",
                1 => $$"""{"jobId":"{{id}}","campaignId":"{{CampaignId}}","from":"news@acme.example","to":"user{{i}}@example.com","subject":"Hi\r\nBcc: victim@example.com","text":"x"}""",
                _ => $$"""{"jobId":"{{id}}","campaignId":"{{CampaignId}}","from":"news@acme.example","to":"user{{i}}@example.com","subject":"no body"}""",
            };
        }
    }

    /// <summary>The final status of every distinct job once the run has settled.</summary>
    public IReadOnlyDictionary<string, int> ExpectedStatuses()
    {
        var expected = MailStatus.All.ToDictionary(s => s, _ => 0);
        for (var i = 0; i < Size; i++)
        {
            var status = KindOf(i) switch
            {
                Kind.Bounce or Kind.SuppressionList => MailStatus.Bounced,
                Kind.Complaint => MailStatus.Complained,
                Kind.Invalid => MailStatus.Rejected,
                Kind.DuplicateOfPrevious => null,
                _ => MailStatus.Delivered,
            };
            if (status is not null)
            {
                expected[status]++;
            }
        }
        return expected;
    }

    /// <summary>Distinct jobs (rows in mail_message) the campaign produces.</summary>
    public int DistinctJobs => ExpectedStatuses().Values.Sum();

    /// <summary>Messages put on the queue (duplicates included).</summary>
    public int Messages => ValidJobs().Count() + InvalidBodies().Count();

    private string JobId(int index) => $"{CampaignId}/{index.ToString("000000", CultureInfo.InvariantCulture)}";

    private MailJob Build(int index, Kind kind)
    {
        var to = kind switch
        {
            Kind.Bounce => $"bounce+{index}@{Simulator}",
            Kind.Complaint => $"complaint+{index}@{Simulator}",
            Kind.OutOfOffice => $"ooto+{index}@{Simulator}",
            Kind.SuppressionList => $"suppressionlist+{index}@{Simulator}",
            Kind.PlainDomain => $"user{index}@example.com",
            _ => $"success+{index}@{Simulator}",
        };
        var job = new MailJob
        {
            JobId = JobId(index),
            CampaignId = CampaignId,
            From = "BulkMailer Local <news@acme.example>",
            To = to,
            Tags = new Dictionary<string, string> { ["campaign"] = CampaignId },
            Headers = new Dictionary<string, string> { ["List-Unsubscribe"] = $"<https://acme.example/u/{index}>" },
        };
        return kind == Kind.Templated
            ? job with { Template = new MailTemplate { Name = TemplateName, Data = JsonDocument.Parse($$"""{"name":"Reader {{index}}"}""").RootElement } }
            : job with { Subject = $"Local run mail {index}", Text = "Sent by bulkmailer local run.", Html = $"<p>Mail {index}</p>" };
    }

    private enum Kind
    {
        Success,
        PlainDomain,
        Templated,
        Bounce,
        Complaint,
        OutOfOffice,
        SuppressionList,
        Invalid,
        DuplicateOfPrevious,
    }
}
