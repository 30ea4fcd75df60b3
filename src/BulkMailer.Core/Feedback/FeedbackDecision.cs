namespace BulkMailer.Core.Feedback;

/// <summary>What the policy makes of one SES event: the status it may move its job to, why, and whom it suppresses.</summary>
internal sealed record FeedbackDecision(
    string? NewStatus,
    string? Detail,
    IReadOnlyList<SuppressionEntry> Suppressions,
    IReadOnlyList<SuppressionEntry> SuppressionCandidates)
{
    public static FeedbackDecision EventOnly(string? detail) => new(null, detail, [], []);
}
