namespace BulkMailer.Sender.Ports;

/// <summary>
/// Pushes handed-back SQS messages' next appearance out (ChangeMessageVisibility), so a job waiting out an
/// account-level stop does not spend its receives on it (see <c>HandBackDelayPolicy</c>). The deployed sender
/// implements it with AWSSDK.SQS in its bootstrap. Best effort: when it fails the caller logs and goes on — the
/// message merely comes back after its visibility timeout, as it would without a delay.
/// </summary>
public interface IVisibilityDelayer
{
    Task DelayAsync(IReadOnlyList<DelayedMessage> messages, CancellationToken cancellationToken);
}
