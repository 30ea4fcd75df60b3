namespace BulkMailer.Lambda.Configuration;

/// <summary>
/// Where a function's settings come from: the process environment in a deployed function
/// (<see cref="ProcessEnvironmentVariables"/>), a dictionary in tests and tools.
/// </summary>
public interface IEnvironmentVariables
{
    /// <summary>The variable's value, or null when it is not set.</summary>
    string? Get(string name);
}
