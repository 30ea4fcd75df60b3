using System.Security.Cryptography;
using System.Text;
using BulkMailer.Client.Configuration;
using BulkMailer.Core.Jobs;

namespace BulkMailer.Client.Fifo;

/// <summary>
/// FIFO message group and deduplication ids. SQS allows 1–128 characters of printable ASCII without spaces
/// in both; a job id may be longer in bytes or hold other characters, so ids that do not fit are hashed.
/// </summary>
internal static class FifoIds
{
    /// <summary>Always the SHA-256 of the job id: stable across reruns, so SQS drops a re-enqueue within its 5-minute window.</summary>
    public static string DeduplicationId(string jobId) => Hash(jobId);

    public static string MessageGroupId(MailJob job, FifoMessageGroup groupBy)
    {
        var source = groupBy == FifoMessageGroup.Campaign ? job.CampaignId ?? job.JobId : job.JobId;
        return FitsSqsId(source) ? source : "sha256-" + Hash(source);
    }

    internal static bool FitsSqsId(string value) =>
        value.Length is >= 1 and <= 128 && value.All(c => c is >= '!' and <= '~');

    private static string Hash(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
