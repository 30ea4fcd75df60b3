namespace BulkMailer.Sender.Ports;

/// <summary>One handed-back SQS message and how long it stays out of sight from now.</summary>
/// <param name="QueueArn">The record's <c>eventSourceARN</c>: the queue it came from.</param>
/// <param name="ReceiptHandle">The handle of this receive, which ChangeMessageVisibility needs.</param>
public sealed record DelayedMessage(string MessageId, string QueueArn, string ReceiptHandle, TimeSpan Delay);
