namespace BulkMailer.Ses.Model;

/// <summary>
/// SES v2 <c>ListSuppressedDestinations</c> response: one page of the account-level suppression list, and the token of
/// the next page (absent on the last). SES may leave the list out of an empty page.
/// </summary>
public sealed class ListSuppressedDestinationsResponse
{
    public List<SuppressedDestinationSummary>? SuppressedDestinationSummaries { get; set; }

    public string? NextToken { get; set; }
}
