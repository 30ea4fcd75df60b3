using System.Text.Json;
using System.Text.Json.Nodes;
using BulkMailer.Lambda.Events;

namespace BulkMailer.UnitTests.Lambda;

public sealed class SqsEventJsonTests
{
    // The example event of the Lambda developer guide ("Using Lambda with Amazon SQS").
    private const string LambdaExampleEvent = """
        {
          "Records": [
            {
              "messageId": "059f36b4-87a3-44ab-83d2-661975830a7d",
              "receiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...",
              "body": "test",
              "attributes": {
                "ApproximateReceiveCount": "3",
                "SentTimestamp": "1545082649183",
                "SenderId": "AIDAIENQZJOLO23YVJ4VO",
                "ApproximateFirstReceiveTimestamp": "1545082649185"
              },
              "messageAttributes": {
                "myAttribute": { "stringValue": "myValue", "stringListValues": [], "binaryListValues": [], "dataType": "String" }
              },
              "md5OfBody": "098f6bcd4621d373cade4e832627b4f6",
              "eventSource": "aws:sqs",
              "eventSourceARN": "arn:aws:sqs:us-east-2:123456789012:my-queue",
              "awsRegion": "us-east-2"
            }
          ]
        }
        """;

    [Fact]
    public void Lambdas_sqs_event_is_read_with_every_record_field()
    {
        var sqsEvent = JsonSerializer.Deserialize(LambdaExampleEvent, LambdaEventsJsonContext.Default.SqsEvent)!;

        var record = Assert.Single(sqsEvent.Records);
        Assert.Equal("059f36b4-87a3-44ab-83d2-661975830a7d", record.MessageId);
        Assert.Equal("AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...", record.ReceiptHandle);
        Assert.Equal("test", record.Body);
        Assert.Equal(3, record.ApproximateReceiveCount);
        Assert.Equal("1545082649183", record.Attributes["SentTimestamp"]);
        Assert.Equal(("myValue", "String"), (record.MessageAttributes["myAttribute"].StringValue, record.MessageAttributes["myAttribute"].DataType));
        Assert.Equal("098f6bcd4621d373cade4e832627b4f6", record.Md5OfBody);
        Assert.Equal(("aws:sqs", "arn:aws:sqs:us-east-2:123456789012:my-queue", "us-east-2"), (record.EventSource, record.EventSourceArn, record.AwsRegion));
    }

    [Fact]
    public void A_record_without_a_receive_count_reports_zero()
    {
        Assert.Equal(0, new SqsMessage().ApproximateReceiveCount);
    }

    [Fact]
    public void The_batch_response_is_exactly_lambdas_partial_failure_shape()
    {
        var json = JsonSerializer.Serialize(SqsBatchResponse.ForFailures(["m-1", "m-2"]), LambdaEventsJsonContext.Default.SqsBatchResponse);

        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"batchItemFailures":[{"itemIdentifier":"m-1"},{"itemIdentifier":"m-2"}]}"""),
            JsonNode.Parse(json)), json);
    }

    [Fact]
    public void An_empty_batch_response_acknowledges_the_whole_batch()
    {
        Assert.Equal("""{"batchItemFailures":[]}""", JsonSerializer.Serialize(new SqsBatchResponse(), LambdaEventsJsonContext.Default.SqsBatchResponse));
    }
}
