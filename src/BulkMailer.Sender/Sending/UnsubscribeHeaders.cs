using BulkMailer.Core.Jobs;
using BulkMailer.Core.Unsubscribe;
using BulkMailer.Ses.Model;

namespace BulkMailer.Sender.Sending;

/// <summary>
/// The RFC 8058 one-click unsubscribe headers the sender adds when the deployment has an unsubscribe function
/// (docs/contract.md, Unsubscribe): <c>List-Unsubscribe: &lt;url&gt;</c> and <c>List-Unsubscribe-Post: List-Unsubscribe=One-Click</c>.
/// A job that sets its own List-Unsubscribe keeps it (the producer chose its own mechanism), and a job whose headers
/// leave no room within SES v2's limits (15 headers, 995-character values) is sent without them rather than refused.
/// </summary>
public static class UnsubscribeHeaders
{
    public const string ListUnsubscribe = "List-Unsubscribe";

    public const string ListUnsubscribePost = "List-Unsubscribe-Post";


    /// <summary>The job's headers plus the unsubscribe headers where they apply; null when there are none at all.</summary>
    public static List<MessageHeader>? For(MailJob job, UnsubscribeLinks? links)
    {
        ArgumentNullException.ThrowIfNull(job);
        var headers = job.Headers is { Count: > 0 } own ? own.Select(h => new MessageHeader { Name = h.Key, Value = h.Value }).ToList() : [];
        if (links is not null && UnsubscribeValue(job, links, headers.Count) is { } value)
        {
            headers.Add(new MessageHeader { Name = ListUnsubscribe, Value = value });
            headers.Add(new MessageHeader { Name = ListUnsubscribePost, Value = UnsubscribeLinks.OneClick });
        }
        return headers.Count > 0 ? headers : null;
    }

    private static string? UnsubscribeValue(MailJob job, UnsubscribeLinks links, int ownHeaders)
    {
        var jobChose = job.Headers?.Keys.Any(name =>
            name.Equals(ListUnsubscribe, StringComparison.OrdinalIgnoreCase) || name.Equals(ListUnsubscribePost, StringComparison.OrdinalIgnoreCase)) ?? false;
        if (jobChose || ownHeaders + 2 > JobRules.MaxHeaders)
        {
            return null;
        }
        // The bare address, as the claim and the suppression list know it, not a "Name <address>" mailbox.
        var recipient = JobValidator.TryParseMailbox(job.To, out var address) ? address : job.To;
        var value = "<" + links.For(recipient, job.CampaignId) + ">";
        var fits = value.Length <= JobRules.MaxHeaderValueLength && ListUnsubscribe.Length + value.Length <= JobRules.MaxHeaderLength
            && value.All(c => c is >= ' ' and <= '~');
        return fits ? value : null;
    }
}
