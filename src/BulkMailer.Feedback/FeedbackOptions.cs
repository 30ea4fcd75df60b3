using BulkMailer.Core.Feedback;
using BulkMailer.Lambda.Configuration;

namespace BulkMailer.Feedback;

/// <summary>
/// Every knob of the feedback function, read once from the environment at init and validated there
/// (an invalid value fails init, listing every problem). All are optional.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term><c>BULKMAILER_TRANSIENT_BOUNCE_THRESHOLD</c></term><description>Transient bounces (about the address:
/// <c>Transient/General</c>, <c>Transient/MailboxFull</c>, <c>Undetermined</c>) within the window that suppress a
/// recipient. Whole number 0–1000; 0 (default) turns the rule off.</description></item>
/// <item><term><c>BULKMAILER_TRANSIENT_BOUNCE_WINDOW_HOURS</c></term><description>How far back, from the recipient's
/// newest transient bounce, bounces count. Above 0, at most 8760 (a year); default 168 (7 days).</description></item>
/// <item><term><c>AWS_LAMBDA_FUNCTION_NAME</c></term><description>Set by Lambda: the connection's application_name and
/// the metric dimension. Default <c>bulkmailer-feedback</c>.</description></item>
/// </list>
/// </remarks>
public sealed record FeedbackOptions
{
    /// <summary>The optional, history-based parts of the feedback policy, applied by the database in the ingest round trip.</summary>
    public FeedbackPolicyOptions Policy { get; init; } = FeedbackPolicyOptions.Default;

    public string FunctionName { get; init; } = "bulkmailer-feedback";

    public static FeedbackOptions From(FunctionEnvironment settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var defaults = new FeedbackOptions();
        var policy = new FeedbackPolicyOptions
        {
            TransientBounceThreshold = settings.Integer(FunctionVariables.TransientBounceThreshold, defaults.Policy.TransientBounceThreshold, 0, 1000),
            TransientBounceWindow = TimeSpan.FromHours(settings.Number(FunctionVariables.TransientBounceWindowHours, defaults.Policy.TransientBounceWindow.TotalHours, 0, 8760)),
        };
        if (policy.Validate() is { } invalid)
        {
            settings.Problem(invalid);
        }
        settings.ThrowIfInvalid("feedback");
        return new FeedbackOptions
        {
            Policy = policy,
            FunctionName = settings.FunctionName(defaults.FunctionName),
        };
    }
}
