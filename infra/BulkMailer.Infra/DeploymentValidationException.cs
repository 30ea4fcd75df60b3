namespace BulkMailer.Infra;

/// <summary>The deployment options cannot be deployed: the message lists every problem with the knob to turn.</summary>
public sealed class DeploymentValidationException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public DeploymentValidationException(IReadOnlyList<string> problems)
        : base("BulkMailer deployment options are invalid:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => " - " + p)))
    {
        Problems = problems;
    }

    /// <summary>Creates the exception with a message.</summary>
    public DeploymentValidationException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DeploymentValidationException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public DeploymentValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>The problems, one per entry.</summary>
    public IReadOnlyList<string> Problems { get; }
}
