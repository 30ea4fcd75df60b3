using BulkMailer.Core.Jobs;
using BulkMailer.Ses.Model;

namespace BulkMailer.Sender.Sending;

/// <summary>
/// Splits claimed jobs into SES calls: templated jobs that share template, sender, reply-to and configuration set
/// go out together through SendBulkEmail (50 per call — one request instead of 50); everything else is one
/// SendEmail each. Pure logic.
/// </summary>
public static class SendPlanner
{
    /// <param name="maxBulkEntries">At most this many entries per SendBulkEmail (the send governor's burst: SES takes a
    /// call of n entries as n mails at once).</param>
    public static IReadOnlyList<SendUnit> Plan(IEnumerable<MailJob> jobs, string? defaultConfigurationSet, bool useBulk, int maxBulkEntries = SendBulkEmailRequest.MaxEntries)
    {
        var chunkSize = Math.Clamp(maxBulkEntries, 1, SendBulkEmailRequest.MaxEntries);
        var units = new List<SendUnit>();
        var bulkGroups = new Dictionary<string, List<MailJob>>(StringComparer.Ordinal);
        foreach (var job in jobs)
        {
            if (!useBulk || job.Template is null)
            {
                units.Add(new SendUnit([job], IsBulk: false));
                continue;
            }
            var key = string.Join('\n', job.Template.Name, job.From, job.ConfigurationSet ?? defaultConfigurationSet ?? string.Empty,
                string.Join(',', job.ReplyTo ?? []));
            if (!bulkGroups.TryGetValue(key, out var group))
            {
                bulkGroups[key] = group = [];
            }
            group.Add(job);
        }
        foreach (var group in bulkGroups.Values)
        {
            foreach (var chunk in group.Chunk(chunkSize))
            {
                // A lone templated job gains nothing from the bulk call and loses SendEmail's simpler error path.
                units.Add(new SendUnit(chunk, IsBulk: chunk.Length > 1));
            }
        }
        return units;
    }
}
