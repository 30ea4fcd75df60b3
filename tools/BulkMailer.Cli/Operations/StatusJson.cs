using System.Text;
using System.Text.Json;
using BulkMailer.Core.Jobs;
using BulkMailer.Data.Operations;

namespace BulkMailer.Cli.Operations;

/// <summary>
/// The JSON <c>bulkmailer status --json</c> prints (docs/contract.md, CLI):
/// <c>{"campaigns":[{"campaignId":…,"total":N,"byStatus":{"sent":n,…},…}]}</c>, camelCase.
/// </summary>
internal static class StatusJson
{
    public static string Render(IReadOnlyList<CampaignStatus> campaigns)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("campaigns");
            foreach (var s in campaigns)
            {
                w.WriteStartObject();
                w.WriteString("campaignId", s.CampaignId);
                w.WriteString("state", s.State);
                w.WriteNumber("total", s.Total);
                w.WriteStartObject("byStatus");
                foreach (var status in MailStatus.All.Where(s.ByStatus.ContainsKey))
                {
                    w.WriteNumber(status, s.ByStatus[status]);
                }
                w.WriteEndObject();
                w.WriteNumber("acceptedBySes", s.Accepted);
                w.WriteNumber("sendRateWindowSeconds", s.Window.TotalSeconds);
                w.WriteNumber("sendRatePerSecond", Math.Round(s.SendRatePerSecond, 3));
                w.WriteNumber("bounceRate", Math.Round(s.BounceRate, 6));
                w.WriteNumber("complaintRate", Math.Round(s.ComplaintRate, 6));
                w.WriteNumber("bounceRateThreshold", SesReviewThresholds.BounceRate);
                w.WriteNumber("complaintRateThreshold", SesReviewThresholds.ComplaintRate);
                w.WriteBoolean("bounceRateAtThreshold", s.BounceRateAtThreshold);
                w.WriteBoolean("complaintRateAtThreshold", s.ComplaintRateAtThreshold);
                w.WriteNumber("inFlight", s.InFlight);
                w.WriteNumber("withoutLiveLease", s.ExpiredLeases);
                if (s.OldestExpiredLease is { } lease)
                {
                    w.WriteStartObject("oldestExpiredLease");
                    w.WriteString("jobId", s.OldestExpiredJobId);
                    w.WriteString("leaseUntil", lease);
                    w.WriteEndObject();
                }
                else
                {
                    w.WriteNull("oldestExpiredLease");
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + Environment.NewLine;
    }
}
