namespace BulkMailer.Core.Feedback;

/// <summary>A recipient to put on the suppression list, and why (e.g. <c>bounce:Permanent/General</c>, <c>complaint:abuse</c>).</summary>
/// <param name="Email">Lower-case address.</param>
/// <param name="Reason">Short machine-readable reason.</param>
public sealed record SuppressionEntry(string Email, string Reason);
