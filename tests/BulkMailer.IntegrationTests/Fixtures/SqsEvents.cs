using System.Text.Json;
using BulkMailer.Lambda.Events;

namespace BulkMailer.IntegrationTests.Fixtures;

/// <summary>Builds Lambda's SQS event JSON and reads the partial-batch response, exactly as Lambda does.</summary>
public static class SqsEvents
{
    public static string Build(params (string MessageId, string Body)[] records) => JsonSerializer.Serialize(new SqsEvent
    {
        Records = [.. records.Select(r => new SqsMessage
        {
            MessageId = r.MessageId,
            ReceiptHandle = $"rh-{r.MessageId}",
            Body = r.Body,
            Attributes = new Dictionary<string, string> { ["ApproximateReceiveCount"] = "1" },
            EventSource = "aws:sqs",
            EventSourceArn = "arn:aws:sqs:us-east-1:000000000000:mail-jobs",
            AwsRegion = "us-east-1",
        })],
    }, LambdaEventsJsonContext.Default.SqsEvent);

    public static IReadOnlyList<string> Failures(string responseBody) =>
        [.. (JsonSerializer.Deserialize(responseBody, LambdaEventsJsonContext.Default.SqsBatchResponse)?.BatchItemFailures ?? []).Select(f => f.ItemIdentifier).Order(StringComparer.Ordinal)];
}
