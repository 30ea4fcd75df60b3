using Amazon.CDK.Assertions;
using static BulkMailer.InfraTests.Cfn;

namespace BulkMailer.InfraTests;

/// <summary>Every queue keeps messages 14 days, the SQS maximum: a backlog or a paused mapping is not lost after the 4-day default.</summary>
[Collection(NewDatabaseStackCollection.Name)]
public sealed class RetentionTests(NewDatabaseStack fixture)
{
    private const int FourteenDaysInSeconds = 1_209_600;

    [Theory]
    [InlineData("MailJobsQueue")]
    [InlineData("MailJobsDeadLetterQueue")]
    [InlineData("FeedbackEventsQueue")]
    [InlineData("FeedbackEventsDeadLetterQueue")]
    public void The_queue_keeps_messages_fourteen_days(string queue)
    {
        var matching = fixture.Template.FindResources("AWS::SQS::Queue", Obj(("Properties", Match.ObjectLike(Obj(("MessageRetentionPeriod", FourteenDaysInSeconds))))));

        Assert.Single(matching.Keys, id => id.StartsWith(queue, StringComparison.Ordinal));
    }
}
