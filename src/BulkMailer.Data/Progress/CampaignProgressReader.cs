using BulkMailer.Core.Jobs;
using BulkMailer.Data.Connections;
using BulkMailer.Data.Queries;
using Dapper;

namespace BulkMailer.Data.Progress;

/// <summary>
/// Reads how far a campaign got, for the tools and tests that watch one settle (SQL: Queries/progress.sql). One
/// connection of its own, held for the reader's life and reopened when the server closed it (a restart), so polling
/// neither churns connections nor takes more than one slot of max_connections.
/// </summary>
public sealed class CampaignProgressReader : IAsyncDisposable
{
    private static readonly string[] Final = [.. MailStatus.Final];
    private static readonly string[] Settled = [.. MailStatus.Settled];
    private static readonly string[] BouncedOrComplained = [MailStatus.Bounced, MailStatus.Complained];

    private readonly StaticConnection _connection;

    /// <param name="connectionString">The campaign's database.</param>
    /// <param name="applicationName">Its connection's application_name (observers use one a sampler leaves out).</param>
    public CampaignProgressReader(string connectionString, string applicationName)
    {
        _connection = new StaticConnection(connectionString, applicationName);
    }

    /// <summary>Final, settled and SES-accepted job counts in one round trip.</summary>
    public async Task<ProgressCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        var row = await _connection.ExecuteAsync(
            (c, _) => c.QuerySingleAsync<CountRow>(SqlQueries.CountProgress, new StatusSets { Final = Final, Settled = Settled }),
            cancellationToken).ConfigureAwait(false);
        return new ProgressCounts(row.Final, row.Settled, row.SentBySes);
    }

    /// <summary>Jobs per status, every status of <see cref="MailStatus.All"/> present (0 when none).</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountByStatusAsync(CancellationToken cancellationToken = default)
    {
        var rows = await _connection.ExecuteAsync((c, _) => c.QueryAsync<StatusRow>(SqlQueries.CountByStatus), cancellationToken).ConfigureAwait(false);
        var counts = MailStatus.All.ToDictionary(s => s, _ => 0L, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            counts[row.Status] = row.Jobs;
        }
        return counts;
    }

    /// <summary>Event rows, distinct identities and rows matched to a job, in one round trip.</summary>
    public async Task<EventCounts> CountEventsAsync(CancellationToken cancellationToken = default)
    {
        var row = await _connection.ExecuteAsync((c, _) => c.QuerySingleAsync<EventCountRow>(SqlQueries.CountEvents), cancellationToken).ConfigureAwait(false);
        return new EventCounts(row.Rows, row.DistinctKeys, row.Matched);
    }

    /// <summary>Every job's status, by job id.</summary>
    public async Task<IReadOnlyDictionary<string, string>> JobStatusesAsync(CancellationToken cancellationToken = default)
    {
        var rows = await _connection.ExecuteAsync((c, _) => c.QueryAsync<JobStatusRow>(SqlQueries.JobStatuses), cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(r => r.JobId, r => r.Status, StringComparer.Ordinal);
    }

    /// <summary>Recipients of jobs that ended bounced or complained, lower-case, distinct, sorted.</summary>
    public async Task<IReadOnlyList<string>> BouncedOrComplainedRecipientsAsync(CancellationToken cancellationToken = default) =>
        [.. await _connection.ExecuteAsync(
            (c, _) => c.QueryAsync<string>(SqlQueries.RecipientsInStatuses, new StatusList { Statuses = BouncedOrComplained }),
            cancellationToken).ConfigureAwait(false)];

    /// <summary>The suppression list, sorted.</summary>
    public async Task<IReadOnlyList<string>> SuppressedEmailsAsync(CancellationToken cancellationToken = default) =>
        [.. await _connection.ExecuteAsync((c, _) => c.QueryAsync<string>(SqlQueries.SuppressedEmails), cancellationToken).ConfigureAwait(false)];

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    // Internal, not private, so that Dapper.AOT's interceptors can see them (see MailStore).
    internal sealed class StatusSets
    {
        public required string[] Final { get; init; }
        public required string[] Settled { get; init; }
    }

    internal sealed class StatusList
    {
        public required string[] Statuses { get; init; }
    }

    internal sealed class CountRow
    {
        public long Final { get; set; }
        public long Settled { get; set; }
        public long SentBySes { get; set; }
    }

    internal sealed class EventCountRow
    {
        public long Rows { get; set; }
        public long DistinctKeys { get; set; }
        public long Matched { get; set; }
    }

    internal sealed class StatusRow
    {
        public string Status { get; set; } = "";
        public long Jobs { get; set; }
    }

    internal sealed class JobStatusRow
    {
        public string JobId { get; set; } = "";
        public string Status { get; set; } = "";
    }
}
