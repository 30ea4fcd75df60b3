using BulkMailer.Data.Operations;
using BulkMailer.Ses.Client;
using BulkMailer.Ses.Model;

namespace BulkMailer.Cli.Operations;

/// <summary>
/// <c>bulkmailer suppression import --from-ses-account</c>: reads SES's account-level suppression list
/// (ListSuppressedDestinations, page by page through NextToken) and adds every address to ours, so the sender skips
/// what SES would refuse anyway (docs/operators.md, "Suppressions"). Each page is one idempotent round trip: a rerun
/// adds nothing twice, and an interrupted import is completed by running it again.
/// </summary>
public sealed class SesAccountSuppressionImport(SesClient ses, SuppressionList list)
{
    /// <summary>The suppression row's source for addresses taken from SES.</summary>
    public const string Source = "ses-account";

    /// <summary>SES's largest page.</summary>
    public const int PageSize = 1000;

    /// <summary>Imports every page; <paramref name="progress"/> gets the addresses read so far after each page.</summary>
    public async Task<SesAccountImportCount> ImportAsync(Action<int> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        string? token = null;
        var count = new SesAccountImportCount(0, 0, 0);
        do
        {
            var page = await ses.ListSuppressedDestinationsAsync(token, PageSize, cancellationToken).ConfigureAwait(false);
            var entries = (page.SuppressedDestinationSummaries ?? [])
                .Where(s => !string.IsNullOrWhiteSpace(s.EmailAddress))
                .Select(s => (s.EmailAddress!.Trim(), Reason(s)))
                .ToList();
            var added = await list.AddAsync(entries, Source, cancellationToken).ConfigureAwait(false);
            count = new SesAccountImportCount(count.Pages + 1, count.Addresses + entries.Count, count.Added + added);
            progress(count.Addresses);
            token = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
        }
        while (token is not null);
        return count;
    }

    /// <summary>SES's reason lower-cased (<c>bounce</c>, <c>complaint</c>); an entry without one keeps the source's name.</summary>
    private static string Reason(SuppressedDestinationSummary summary) =>
        string.IsNullOrWhiteSpace(summary.Reason) ? Source : summary.Reason.Trim().ToLowerInvariant();
}
