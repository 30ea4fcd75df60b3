using BulkMailer.Lambda.Events;

namespace BulkMailer.UnitTests.Sender;

/// <summary>The queue the sender delays handed-back messages on, from the record's eventSourceARN.</summary>
public sealed class SqsQueueAddressTests
{
    [Fact]
    public void A_queue_ARN_names_partition_region_account_and_queue() =>
        Assert.Equal(new SqsQueueAddress("aws", "eu-west-1", "123456789012", "mail-jobs"), SqsQueueAddress.FromArn("arn:aws:sqs:eu-west-1:123456789012:mail-jobs"));

    [Fact]
    public void A_queue_on_AWS_has_its_regional_SQS_URL() =>
        Assert.Equal("https://sqs.eu-west-1.amazonaws.com/123456789012/mail-jobs", SqsQueueAddress.FromArn("arn:aws:sqs:eu-west-1:123456789012:mail-jobs")!.AwsUrl);

    [Fact]
    public void A_queue_in_the_China_partition_uses_its_domain() =>
        Assert.Equal("https://sqs.cn-north-1.amazonaws.com.cn/123456789012/mail-jobs", SqsQueueAddress.FromArn("arn:aws-cn:sqs:cn-north-1:123456789012:mail-jobs")!.AwsUrl);

    [Fact]
    public void A_source_that_is_not_an_SQS_queue_has_no_address() =>
        Assert.Null(SqsQueueAddress.FromArn("arn:aws:sns:us-east-1:000000000000:topic"));

    [Fact]
    public void A_missing_source_has_no_address() =>
        Assert.Null(SqsQueueAddress.FromArn(null));
}
