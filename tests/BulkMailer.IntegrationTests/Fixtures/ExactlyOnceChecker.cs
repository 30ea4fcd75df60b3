using BulkMailer.Core.Jobs;

namespace BulkMailer.IntegrationTests.Fixtures;

/// <summary>
/// The fault suite's verdict, from what SES accepted and what the table says: every job that should be mailed was
/// mailed exactly once and ended in a final status; nothing else was mailed. Pure, so it can be shown to fail on a
/// known-bad input as well as on a broken sender.
/// </summary>
public static class ExactlyOnceChecker
{
    private static readonly HashSet<string> AcceptedBySes =
        new([MailStatus.Sent, MailStatus.Delivered, MailStatus.Bounced, MailStatus.Complained], StringComparer.Ordinal);

    /// <param name="recipientByJob">Each job to be mailed and its one recipient (unique per job).</param>
    /// <param name="acceptedRecipients">The recipient of every mail SES accepted (one entry per mail).</param>
    /// <param name="statusByJob">mail_message status per job id.</param>
    public static ExactlyOnceReport Check(
        IReadOnlyDictionary<string, string> recipientByJob,
        IReadOnlyList<string> acceptedRecipients,
        IReadOnlyDictionary<string, string> statusByJob)
    {
        ArgumentNullException.ThrowIfNull(recipientByJob);
        ArgumentNullException.ThrowIfNull(acceptedRecipients);
        ArgumentNullException.ThrowIfNull(statusByJob);
        var mails = acceptedRecipients.GroupBy(r => r.ToLowerInvariant(), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var lost = new List<string>();
        var duplicated = new List<string>();
        var notFinal = new List<string>();
        foreach (var (jobId, recipient) in recipientByJob.OrderBy(j => j.Key, StringComparer.Ordinal))
        {
            var count = mails.GetValueOrDefault(recipient.ToLowerInvariant());
            if (count == 0)
            {
                lost.Add(jobId);
            }
            else if (count > 1)
            {
                duplicated.Add(jobId);
            }
            if (!statusByJob.TryGetValue(jobId, out var status) || !AcceptedBySes.Contains(status))
            {
                notFinal.Add($"{jobId}:{status ?? "missing"}");
            }
        }
        var expected = recipientByJob.Values.Select(r => r.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var unexpected = mails.Keys.Where(r => !expected.Contains(r)).Order(StringComparer.Ordinal).ToList();
        return new ExactlyOnceReport(recipientByJob.Count, acceptedRecipients.Count, lost, duplicated, notFinal, unexpected);
    }
}

/// <summary>What <see cref="ExactlyOnceChecker"/> found.</summary>
/// <param name="NotFinal">Jobs (with their status) not in a status SES-accepted mail ends in.</param>
/// <param name="Unexpected">Recipients mailed that belong to no job to be mailed (poison, rejected, suppressed).</param>
public sealed record ExactlyOnceReport(
    int Jobs,
    int Mails,
    IReadOnlyList<string> Lost,
    IReadOnlyList<string> Duplicated,
    IReadOnlyList<string> NotFinal,
    IReadOnlyList<string> Unexpected)
{
    /// <summary>Nothing lost, nothing sent twice, nothing left unsettled, nothing sent that should not be.</summary>
    public bool Holds => Lost.Count == 0 && Duplicated.Count == 0 && NotFinal.Count == 0 && Unexpected.Count == 0;

    public override string ToString() =>
        $"{Jobs} jobs, {Mails} mails; lost [{string.Join(", ", Lost)}]; duplicated [{string.Join(", ", Duplicated)}]; " +
        $"not final [{string.Join(", ", NotFinal)}]; unexpected [{string.Join(", ", Unexpected)}]";
}
