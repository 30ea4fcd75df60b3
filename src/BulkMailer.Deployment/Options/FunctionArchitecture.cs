namespace BulkMailer.Deployment.Options;

/// <summary>The processor architecture of the Lambda functions (and of the Native AOT publish that feeds them).</summary>
public enum FunctionArchitecture
{
    /// <summary>Graviton, <c>linux-arm64</c>: the default, cheaper per GB-second.</summary>
    Arm64,

    /// <summary><c>linux-x64</c>.</summary>
    X86_64,
}
