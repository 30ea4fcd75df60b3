namespace BulkMailer.Lambda.Configuration;

/// <summary>The process environment: the one place under src/ that reads it (see <see cref="FunctionEnvironment"/>).</summary>
public sealed class ProcessEnvironmentVariables : IEnvironmentVariables
{
    public static ProcessEnvironmentVariables Instance { get; } = new();

    public string? Get(string name) => Environment.GetEnvironmentVariable(name);
}
