namespace BulkMailer.Data.Operations;

/// <summary>
/// The rates at which SES puts an account under review (docs/operators.md, "Alarms": the same 5 % and 0.1 % the
/// reputation alarms use). The status view flags a campaign that reaches them.
/// </summary>
public static class SesReviewThresholds
{
    /// <summary>Bounces per mail SES accepted.</summary>
    public const double BounceRate = 0.05;

    /// <summary>Complaints per mail SES accepted.</summary>
    public const double ComplaintRate = 0.001;
}
