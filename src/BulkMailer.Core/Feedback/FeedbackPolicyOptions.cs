namespace BulkMailer.Core.Feedback;

/// <summary>
/// Tunable parts of the feedback policy. The fixed part (permanent bounce and complaint suppress, transient
/// bounces and delays do not) is decided per event by <see cref="FeedbackParser"/>; what needs history across
/// events lives here and is applied by the database when it ingests a batch.
/// </summary>
/// <remarks>
/// <para>
/// Transient-bounce suppression: a recipient that collected <see cref="TransientBounceThreshold"/> or more
/// transient bounces (counted from <see cref="FeedbackEvent.SuppressionCandidates"/>, i.e. <c>Transient/General</c>,
/// <c>Transient/MailboxFull</c> and <c>Undetermined</c> bounces) within <see cref="TransientBounceWindow"/> is
/// suppressed. Content-related transient bounces (message too large, content or attachment rejected) are never
/// candidates: they say nothing about the address.
/// </para>
/// <para>Off by default: a mailbox that is full this week is usually a customer next week.</para>
/// </remarks>
public sealed record FeedbackPolicyOptions
{
    /// <summary>The policy with every optional rule off.</summary>
    public static FeedbackPolicyOptions Default { get; } = new();

    /// <summary>Transient bounces within the window that suppress the recipient; 0 turns the rule off.</summary>
    public int TransientBounceThreshold { get; init; }

    /// <summary>How far back transient bounces count. Only used when <see cref="TransientBounceThreshold"/> is above 0.</summary>
    public TimeSpan TransientBounceWindow { get; init; } = TimeSpan.FromDays(7);

    /// <summary>True when repeated transient bounces may suppress a recipient.</summary>
    public bool SuppressesRepeatedTransientBounces => TransientBounceThreshold > 0;

    /// <summary>Null when the options are usable, else why not.</summary>
    public string? Validate()
    {
        if (TransientBounceThreshold < 0)
        {
            return "TransientBounceThreshold must be 0 (off) or more";
        }
        if (TransientBounceThreshold > 0 && TransientBounceWindow <= TimeSpan.Zero)
        {
            return "TransientBounceWindow must be positive when TransientBounceThreshold is set";
        }
        return null;
    }
}
