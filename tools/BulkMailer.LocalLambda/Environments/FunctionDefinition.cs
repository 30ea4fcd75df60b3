namespace BulkMailer.LocalLambda.Environments;

/// <summary>What the local Lambda service needs to run a function: its code, environment and limits.</summary>
public sealed record FunctionDefinition
{
    /// <summary>Function name (also its AWS_LAMBDA_FUNCTION_NAME and so its database application_name).</summary>
    public required string Name { get; init; }

    /// <summary>The published <c>bootstrap</c> executable, or a framework-dependent <c>bootstrap.dll</c> (run with dotnet).</summary>
    public required string Executable { get; init; }

    /// <summary>Function environment variables (docs/contract.md); AWS_LAMBDA_RUNTIME_API is added per environment.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The function timeout: an invocation running longer is stopped and its environment destroyed.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Reserved concurrency: at most this many environments exist at once.</summary>
    public int ReservedConcurrency { get; init; } = 1;

    /// <summary>Freeze (SIGSTOP) an environment between invocations, as Lambda does; thawed (SIGCONT) on reuse.</summary>
    public bool FreezeBetweenInvocations { get; init; } = true;

    /// <summary>Destroy an environment idle for this long (null: keep it), as Lambda recycles idle environments.</summary>
    public TimeSpan? RecycleAfterIdle { get; init; }

    /// <summary>Folder for each environment's stdout (JSON logs, EMF lines); null discards them.</summary>
    public string? LogDirectory { get; init; }
}
