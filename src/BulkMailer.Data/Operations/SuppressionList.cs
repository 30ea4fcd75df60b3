using BulkMailer.Data.Connections;
using BulkMailer.Data.Queries;
using Dapper;

namespace BulkMailer.Data.Operations;

/// <summary>
/// The suppression list as operators manage it (SQL: Queries/suppression.sql): addresses are stored lower-case, adding
/// one already listed and removing one that is not change nothing, and reading pages through the list so that an
/// export of millions of addresses never holds them all.
/// </summary>
public sealed class SuppressionList(StaticConnection connection)
{
    /// <summary>The <c>source</c> of addresses an operator added (by hand or by import).</summary>
    public const string OperatorSource = "operator";

    private const int PageSize = 5_000;

    /// <summary>Adds the addresses (one round trip, however many); returns how many were not listed before.</summary>
    public Task<int> AddAsync(IReadOnlyList<(string Email, string Reason)> entries, string source = OperatorSource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return Task.FromResult(0);
        }
        var args = new AddArgs
        {
            Emails = [.. entries.Select(e => Normalize(e.Email))],
            Reasons = [.. entries.Select(e => e.Reason)],
            Source = source,
        };
        return connection.ExecuteAsync((c, _) => c.QuerySingleAsync<int>(SqlQueries.SuppressionAdd, args), cancellationToken);
    }

    /// <summary>Lifts the address's suppression; false when it was not listed.</summary>
    public async Task<bool> RemoveAsync(string email, CancellationToken cancellationToken = default)
    {
        var removed = await connection.ExecuteAsync(
            (c, _) => c.ExecuteAsync(SqlQueries.SuppressionRemove, new EmailArgs { Email = Normalize(email) }), cancellationToken).ConfigureAwait(false);
        return removed > 0;
    }

    /// <summary>Every listed address in address order, a page per round trip.</summary>
    public async IAsyncEnumerable<SuppressionListEntry> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var after = "";
        while (true)
        {
            var args = new PageArgs { After = after, Limit = PageSize };
            var page = (await connection.ExecuteAsync((c, _) => c.QueryAsync<EntryRow>(SqlQueries.SuppressionList, args), cancellationToken).ConfigureAwait(false)).ToList();
            foreach (var row in page)
            {
                yield return new SuppressionListEntry(row.Email, row.Reason, row.Source, DateTime.SpecifyKind(row.CreatedAt, DateTimeKind.Utc));
            }
            if (page.Count < PageSize)
            {
                yield break;
            }
            after = page[^1].Email;
        }
    }

    /// <summary>The form the list stores: trimmed and lower-case (claim-batch looks recipients up by <c>lower()</c>).</summary>
    public static string Normalize(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.Trim().ToLowerInvariant();
    }

    // Internal, not private, so that Dapper.AOT's interceptors can see them (see MailStore).
    internal sealed class AddArgs
    {
        public required string[] Emails { get; init; }
        public required string[] Reasons { get; init; }
        public required string Source { get; init; }
    }

    internal sealed class EmailArgs
    {
        public required string Email { get; init; }
    }

    internal sealed class PageArgs
    {
        public required string After { get; init; }
        public required int Limit { get; init; }
    }

    internal sealed class EntryRow
    {
        public string Email { get; set; } = "";
        public string Reason { get; set; } = "";
        public string Source { get; set; } = "";
        public DateTime CreatedAt { get; set; }
    }
}
