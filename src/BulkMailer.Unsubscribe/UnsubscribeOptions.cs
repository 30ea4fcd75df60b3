using BulkMailer.Lambda.Configuration;

namespace BulkMailer.Unsubscribe;

/// <summary>The unsubscribe function's settings, read once at init (the signing key is read by <see cref="UnsubscribeFunction"/>).</summary>
public sealed record UnsubscribeOptions
{
    /// <summary><see cref="FunctionVariables.FunctionName"/>: the application_name of the connection and the metric dimension.</summary>
    public string FunctionName { get; init; } = "bulkmailer-unsubscribe";

    public static UnsubscribeOptions From(FunctionEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new UnsubscribeOptions { FunctionName = environment.FunctionName(new UnsubscribeOptions().FunctionName) };
    }
}
