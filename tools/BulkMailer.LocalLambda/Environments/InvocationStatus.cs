namespace BulkMailer.LocalLambda.Environments;

/// <summary>How an invocation ended.</summary>
public enum InvocationStatus
{
    /// <summary>The function posted a response.</summary>
    Succeeded,

    /// <summary>The function posted an error (a handler exception).</summary>
    FunctionError,

    /// <summary>The function overran its timeout; its environment was destroyed.</summary>
    TimedOut,

    /// <summary>The environment died (crash, init failure, killed) before answering.</summary>
    EnvironmentDied,
}
