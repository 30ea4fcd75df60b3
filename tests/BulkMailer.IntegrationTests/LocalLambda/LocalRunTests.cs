using BulkMailer.Core.Jobs;
using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.LocalLambda.Runs;

namespace BulkMailer.IntegrationTests.LocalLambda;

/// <summary>
/// `local run` end to end at a small size: its own local stack, both real functions under the local Lambda
/// service, the SES feedback played back through SNS → SQS. The report's numbers are checked against the campaign.
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed class LocalRunTests
{
    [Fact]
    public async Task A_small_local_run_settles_every_job_exactly_as_the_simulator_outcomes_say()
    {
        var options = new LocalRunOptions
        {
            Jobs = 200,
            SenderConcurrency = 3,
            FeedbackConcurrency = 2,
            SenderExecutable = FunctionProcess.BuiltBootstrap("BulkMailer.Sender.Bootstrap"),
            FeedbackExecutable = FunctionProcess.BuiltBootstrap("BulkMailer.Feedback.Bootstrap"),
            Timeout = TimeSpan.FromMinutes(4),
        };

        var result = await LocalRun.RunAsync(options);
        var report = result.Report;

        Assert.True(result.Settled);
        foreach (var status in MailStatus.All)
        {
            Assert.Equal(result.ExpectedStatuses[status], report.JobsByStatus[status]);
        }
        var acceptedBySes = report.JobsByStatus[MailStatus.Sent] + report.JobsByStatus[MailStatus.Delivered]
            + report.JobsByStatus[MailStatus.Bounced] + report.JobsByStatus[MailStatus.Complained];
        Assert.Equal(acceptedBySes, result.SesAcceptedMails);
        Assert.Equal(result.SesAcceptedMails, result.SesDistinctRecipients);
        Assert.InRange(report.PeakConnections, 1, options.SenderConcurrency + options.FeedbackConcurrency);
        Assert.All(report.DlqDepths.Values, depth => Assert.Equal(0, depth));
        Assert.Equal(result.BouncedOrComplainedRecipients, result.SuppressedEmails);
        // Environments are reused: a handful of cold starts serve every batch.
        Assert.InRange(report.Functions["sender"].EnvironmentsStarted, 1, options.SenderConcurrency);
        Assert.True(report.Functions["sender"].Invocations >= 3 * report.Functions["sender"].EnvironmentsStarted);
    }
}
