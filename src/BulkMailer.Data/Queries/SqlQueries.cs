using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;

namespace BulkMailer.Data.Queries;

/// <summary>
/// All SQL of the data layer, loaded once from the embedded <c>Queries/*.sql</c> files (one file per table or
/// concern, each statement under a <c>-- name: x</c> line with a comment that gives its reason) — listmonk style,
/// so the SQL is read and reviewed as SQL, in one place.
/// </summary>
public static partial class SqlQueries
{
    private static readonly FrozenDictionary<string, string> Statements = Load();

    public static string ClaimBatch => Get("claim-batch");
    public static string RecordResults => Get("record-results");
    public static string TakeSendPermits => Get("take-send-permits");
    public static string IngestFeedback => Get("ingest-feedback");
    public static string Suppress => Get("suppress");
    public static string CountProgress => Get("count-progress");
    public static string CountByStatus => Get("count-by-status");
    public static string CountEvents => Get("count-events");
    public static string JobStatuses => Get("job-statuses");
    public static string RecipientsInStatuses => Get("recipients-in-statuses");
    public static string SuppressedEmails => Get("suppressed-emails");
    public static string CampaignSetState => Get("campaign-set-state");
    public static string CampaignSummaries => Get("campaign-summaries");
    public static string CampaignStatusCounts => Get("campaign-status-counts");
    public static string SuppressionAdd => Get("suppression-add");
    public static string SuppressionRemove => Get("suppression-remove");
    public static string SuppressionList => Get("suppression-list");
    public static string PruneEvents => Get("prune-events");
    public static string MaintenanceSnapshot => Get("maintenance-snapshot");

    /// <summary>The statement with this name; throws at start-up, not mid-batch, when one is missing.</summary>
    public static string Get(string name) =>
        Statements.TryGetValue(name, out var sql) ? sql : throw new KeyNotFoundException($"no SQL statement named '{name}'");

    private static FrozenDictionary<string, string> Load()
    {
        var assembly = typeof(SqlQueries).Assembly;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("BulkMailer.Data.Queries.", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            foreach (var (name, sql) in Split(reader.ReadToEnd()))
            {
                if (!result.TryAdd(name, sql))
                {
                    throw new InvalidOperationException($"SQL statement '{name}' is defined twice");
                }
            }
        }
        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static IEnumerable<(string Name, string Sql)> Split(string file)
    {
        var matches = NameLine().Matches(file);
        for (var i = 0; i < matches.Count; i++)
        {
            var start = matches[i].Index + matches[i].Length;
            var end = i + 1 < matches.Count ? matches[i + 1].Index : file.Length;
            yield return (matches[i].Groups[1].Value, file[start..end].Trim().TrimEnd(';'));
        }
    }

    [GeneratedRegex(@"^--\s*name:\s*([a-z0-9-]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex NameLine();
}
