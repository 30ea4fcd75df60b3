using BulkMailer.Lambda.Events;

namespace BulkMailer.UnitTests.Sender;

/// <summary>The queue URL the sender delays handed-back messages on, from the record's eventSourceARN.</summary>
public sealed class SqsQueueAddressTests
{
    [Fact]
    public void A_queue_ARN_names_its_regional_SQS_endpoint() =>
        Assert.Equal("https://sqs.eu-west-1.amazonaws.com/123456789012/mail-jobs",
            SqsQueueAddress.UrlOf("arn:aws:sqs:eu-west-1:123456789012:mail-jobs", endpointOverride: null));

    [Fact]
    public void A_queue_in_the_China_partition_uses_its_domain() =>
        Assert.Equal("https://sqs.cn-north-1.amazonaws.com.cn/123456789012/mail-jobs",
            SqsQueueAddress.UrlOf("arn:aws-cn:sqs:cn-north-1:123456789012:mail-jobs", endpointOverride: null));

    [Fact]
    public void An_endpoint_override_replaces_the_host_and_keeps_account_and_name() =>
        Assert.Equal("http://127.0.0.1:4566/000000000000/mail-jobs",
            SqsQueueAddress.UrlOf("arn:aws:sqs:us-east-1:000000000000:mail-jobs", "http://127.0.0.1:4566/"));

    [Fact]
    public void A_source_that_is_not_an_SQS_queue_has_no_URL() =>
        Assert.Null(SqsQueueAddress.UrlOf("arn:aws:sns:us-east-1:000000000000:topic", endpointOverride: null));

    [Fact]
    public void A_missing_source_has_no_URL() =>
        Assert.Null(SqsQueueAddress.UrlOf(null, endpointOverride: null));
}
