namespace BulkMailer.Client.Jobs;

/// <summary>
/// Thrown by <see cref="MailJobBuilder.Build"/> when the job would be rejected by the sender; <see cref="Reason"/>
/// is the validator's sentence, the same one the sender would record.
/// </summary>
public sealed class InvalidMailJobException : Exception
{
    public InvalidMailJobException()
        : this("the mail job is invalid")
    {
    }

    public InvalidMailJobException(string reason)
        : base($"invalid mail job: {reason}")
    {
        Reason = reason;
    }

    public InvalidMailJobException(string reason, Exception innerException)
        : base($"invalid mail job: {reason}", innerException)
    {
        Reason = reason;
    }

    /// <summary>Why the job is invalid (from <see cref="BulkMailer.Core.Jobs.JobValidator"/>).</summary>
    public string Reason { get; } = "the mail job is invalid";
}
