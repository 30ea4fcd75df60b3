using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.LocalLambda.Deployments;

namespace BulkMailer.IntegrationTests.Faults;

/// <summary>
/// Fault suite (README, "Fault suite"): SES accepts a mail but its answer never reaches the sender (answered 504 by the
/// SES front after the emulator accepted it), the ambiguous case of docs/operators.md, "What the sender does with each
/// SES answer". Played end to end as `local run` plays it: both real functions, and SES's events published by the
/// feedback simulator through SNS → SQS. The Send event carries the mail's tags, as in AWS, so its job tag settles the
/// job the sender never recorded before the lease expires, and the redelivery sends nothing.
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed class LostAnswerTests(LocalServersFixture stack)
{
    private const string ConfigurationSet = "bulkmailer-events";

    [Fact]
    public async Task A_mail_SES_accepted_whose_answer_was_lost_is_settled_by_its_tagged_Send_event_and_sent_once()
    {
        var options = new SenderPipelineOptions { Name = "lostanswer", Concurrency = 1 };
        var marker = $"lost{Guid.NewGuid():N}"[..12];
        await using var deployment = await LocalDeployment.CreateAsync(new LocalDeploymentOptions
        {
            Stack = stack.Stack,
            Database = stack.NewDatabaseName(options.Name),
            Prefix = options.QueuePrefix(),
            Deployment = options.SenderDeployment(),
            SenderName = $"fault-{options.Name}",
            SenderExecutable = Task.FromResult(FunctionProcess.BuiltBootstrap("BulkMailer.Sender.Bootstrap")),
            FeedbackName = $"fault-{options.Name}-feedback",
            FeedbackExecutable = Task.FromResult(FunctionProcess.BuiltBootstrap("BulkMailer.Feedback.Bootstrap")),
            Environment = new Dictionary<string, string> { ["BULKMAILER_CONFIGURATION_SET"] = ConfigurationSet },
            SenderEnvironment = options.SenderVariables(),
            SesFeedbackConfigurationSet = ConfigurationSet,
        });
        var jobs = Enumerable.Range(0, 6).Select(i => SenderPipeline.Job(options.Name, marker, i)).ToList();
        var victim = jobs[3];
        // No rate limit asked for: the front is there because SES feedback is played back.
        var front = deployment.SesFront!;
        front.LoseNextAnswerTo(victim.Recipient);
        await deployment.MailJobs.SendBodiesAsync(jobs.Select(j => j.Body));
        await deployment.StartAsync();

        var settled = await deployment.SettleAsync(async (counts, _) =>
            counts.Settled >= jobs.Count
            && await deployment.DepthAsync(deployment.Queues.MailJobsUrl) == 0
            && await deployment.DepthAsync(deployment.Queues.FeedbackUrl) == 0, TimeSpan.FromSeconds(90));
        await deployment.StopAsync();

        Assert.True(settled, $"jobs left unsettled; lost answers {front.LostAnswers}, sender invocations {deployment.Sender.Invocations}");
        Assert.Equal(0d, front.Limits.MaxSendRate);
        Assert.Equal(1, front.LostAnswers);
        var report = ExactlyOnceChecker.Check(
            jobs.ToDictionary(j => j.JobId, j => j.Recipient, StringComparer.Ordinal),
            await SesStore.RecipientsAsync(stack.SesEndpoint, marker),
            await deployment.Progress.JobStatusesAsync());
        Assert.True(report.Holds, report.ToString());
        Assert.Equal([$"delivered|{jobs.Count}"], await TableState.LinesAsync(deployment.Db, "select status || '|' || count(*) from mail_message group by status"));
        // Every Send event found its job, the victim's too, whose SES message id the sender never learnt: by its job tag.
        Assert.Equal(jobs.Select(j => j.JobId).Order(StringComparer.Ordinal),
            await TableState.LinesAsync(deployment.Db, "select job_id from mail_event where event_type = 'Send' and error is null order by job_id collate \"C\""));
        Assert.Equal(0, await stack.ScalarAsync<long>(deployment.Db, "select count(*) from mail_event where error is not null"));
        Assert.Equal(jobs.Count, front.AcceptedMails);
        Assert.Equal(jobs.Count, front.Tags.Count);
        Assert.Equal(0, await deployment.DepthAsync(deployment.Queues.MailJobsDlqUrl));
        Assert.Equal(0, await deployment.DepthAsync(deployment.Queues.FeedbackDlqUrl));
    }
}
