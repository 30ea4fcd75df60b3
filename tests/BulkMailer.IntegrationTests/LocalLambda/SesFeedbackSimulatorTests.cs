using System.Text.Json;
using Amazon.Runtime;
using BulkMailer.Core.Feedback;
using BulkMailer.Core.Jobs;
using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.LocalLambda.SesFeedback;
using BulkMailer.Core.Ses;
using BulkMailer.LocalServers;
using BulkMailer.LocalServers.Ses;
using BulkMailer.Ses.Client;
using BulkMailer.Ses.Model;
using SnsClient = BulkMailer.LocalLambda.Sns.SnsQueryClient;

namespace BulkMailer.IntegrationTests.LocalLambda;

/// <summary>
/// A mail the SES emulator accepted comes back on the feedback queue as the SES events real SES would publish for
/// its recipient: aws-ses-v2-local → simulator → SNS topic (fauxqs) → SQS feedback queue → the feedback parser.
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed class SesFeedbackSimulatorTests : IDisposable
{
    private readonly LocalServersFixture _stack;
    private readonly SnsClient _sns;
    private readonly FauxqsQueues _queues;
    private readonly SesClient _ses;

    public SesFeedbackSimulatorTests(LocalServersFixture stack)
    {
        _stack = stack;
        _sns = new SnsClient(stack.FauxqsEndpoint, new BasicAWSCredentials("local", "local"), LocalServerSet.Region);
        _queues = new FauxqsQueues(stack.FauxqsEndpoint);
        _ses = Client(stack.SesEndpoint);
    }

    private static SesClient Client(Uri endpoint) => new(new SesClientOptions
    {
        Region = LocalServerSet.Region,
        Endpoint = endpoint,
        Credentials = new BasicAWSCredentials("local", "local"),
    });

    public void Dispose()
    {
        _sns.Dispose();
        _queues.Dispose();
        _ses.Dispose();
    }

    private async Task<(string TopicArn, string QueueUrl)> FeedbackPipelineAsync(bool raw)
    {
        var topic = await _sns.CreateTopicAsync($"ses-events-{Guid.NewGuid():N}");
        var (queueUrl, queueArn) = await _queues.CreateAsync("ses-feedback");
        await _sns.SubscribeQueueAsync(topic, queueArn, raw);
        return (topic, queueUrl);
    }

    private SesFeedbackSimulator Simulator(string topicArn, SesMailTagLog? tags = null) => new(
        new SesFeedbackSimulatorOptions
        {
            SesEndpoint = _stack.SesEndpoint,
            TopicArn = topicArn,
            // The store is shared by the whole test run; earlier tests' mails are not this test's business.
            Since = DateTimeOffset.UtcNow.AddSeconds(-1),
        },
        _sns,
        tags: tags);

    private Task<string> SendAsync(string to) => SendAsync(_ses, to, null);

    private static async Task<string> SendAsync(SesClient ses, string to, List<MessageTag>? tags)
    {
        var response = await ses.SendEmailAsync(new SendEmailRequest
        {
            FromEmailAddress = "Acme News <news@acme.example>",
            Destination = new Destination { ToAddresses = [to] },
            Content = new EmailContent
            {
                Simple = new Message { Subject = Content.Utf8("hello"), Body = new Body { Text = Content.Utf8("plain body") } },
            },
            ConfigurationSetName = "bulkmailer-events",
            EmailTags = tags,
        });
        return response.MessageId!;
    }

    /// <summary>This test's events from the feedback queue, parsed as the feedback function parses them.</summary>
    private async Task<List<FeedbackEvent>> FeedbackAsync(string queueUrl, string sesMessageId, int count)
    {
        var bodies = await _queues.ReceiveAsync(queueUrl, count, TimeSpan.FromSeconds(15),
            body => body.Contains(sesMessageId, StringComparison.Ordinal));
        return [.. bodies.SelectMany(body => FeedbackParser.Parse(body, "sqs").Events)];
    }

    [Fact]
    public async Task A_mail_to_the_bounce_simulator_comes_back_as_send_then_permanent_bounce_in_the_sns_envelope()
    {
        var (topic, queueUrl) = await FeedbackPipelineAsync(raw: false);
        using var simulator = Simulator(topic);
        var messageId = await SendAsync("bounce+x1@simulator.amazonses.com");

        Assert.True(await simulator.CatchUpAsync() >= 1);

        var events = await FeedbackAsync(queueUrl, messageId, 2);
        Assert.Equal([FeedbackEventTypes.Send, FeedbackEventTypes.Bounce], events.Select(e => e.EventType));
        Assert.All(events, e => Assert.Equal(messageId, e.SesMessageId));
        Assert.All(events, e => Assert.Null(e.Error));
        Assert.Equal([MailStatus.Sent, MailStatus.Bounced], events.Select(e => e.NewStatus));
        Assert.Equal(["bounce+x1@simulator.amazonses.com"], events[1].Suppressions.Select(s => s.Email));
        Assert.Contains("Permanent", events[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_polling_loop_publishes_a_complaint_mails_three_events_raw_to_a_raw_subscription()
    {
        var (topic, queueUrl) = await FeedbackPipelineAsync(raw: true);
        using var simulator = Simulator(topic);
        using var stop = new CancellationTokenSource();
        var loop = simulator.RunAsync(stop.Token);
        try
        {
            var messageId = await SendAsync("complaint+x2@simulator.amazonses.com");

            var events = await FeedbackAsync(queueUrl, messageId, 3);

            Assert.Equal([FeedbackEventTypes.Send, FeedbackEventTypes.Delivery, FeedbackEventTypes.Complaint], events.Select(e => e.EventType));
            Assert.Equal([MailStatus.Sent, MailStatus.Delivered, MailStatus.Complained], events.Select(e => e.NewStatus));
            Assert.All(events, e => Assert.Equal(messageId, e.SesMessageId));
        }
        finally
        {
            await stop.CancelAsync();
            await loop;
        }
        Assert.Equal(0, simulator.FailedPasses);
        Assert.True(simulator.PublishedByKind[SesEventKind.Complaint] >= 1);
    }

    [Fact]
    public async Task Catching_up_again_publishes_nothing_new_for_mails_already_published()
    {
        var (topic, queueUrl) = await FeedbackPipelineAsync(raw: true);
        using var simulator = Simulator(topic);
        var messageId = await SendAsync("success+x3@simulator.amazonses.com");
        await simulator.CatchUpAsync();
        var published = simulator.EventsPublished;

        Assert.Equal(0, await simulator.CatchUpAsync());

        Assert.Equal(published, simulator.EventsPublished);
        var events = await FeedbackAsync(queueUrl, messageId, 3);
        Assert.Equal([FeedbackEventTypes.Send, FeedbackEventTypes.Delivery], events.Select(e => e.EventType));
    }

    [Fact]
    public async Task Events_of_a_mail_sent_through_the_SES_front_carry_its_tags_in_mail_tags_as_SES_publishes_them()
    {
        var (topic, queueUrl) = await FeedbackPipelineAsync(raw: true);
        await using var front = SesAccountFront.Start(_stack.SesEndpoint, new SesAccountLimits());
        using var ses = Client(front.Endpoint);
        using var simulator = Simulator(topic, front.Tags);
        const string jobId = "spring/0042";
        var messageId = await SendAsync(ses, "bounce+x4@simulator.amazonses.com",
            [new MessageTag { Name = JobTag.Name, Value = JobTag.Encode(jobId) }, new MessageTag { Name = "campaign", Value = "spring" }]);

        await simulator.CatchUpAsync();

        var bodies = await _queues.ReceiveAsync(queueUrl, 2, TimeSpan.FromSeconds(15), body => body.Contains(messageId, StringComparison.Ordinal));
        Assert.Equal(2, bodies.Count);
        foreach (var body in bodies)
        {
            using var document = JsonDocument.Parse(body);
            var tags = document.RootElement.GetProperty("mail").GetProperty("tags");
            Assert.Equal([JobTag.Encode(jobId)], tags.GetProperty(JobTag.Name).EnumerateArray().Select(v => v.GetString()));
            Assert.Equal(["spring"], tags.GetProperty("campaign").EnumerateArray().Select(v => v.GetString()));
            Assert.Equal(["bulkmailer-events"], tags.GetProperty("ses:configuration-set").EnumerateArray().Select(v => v.GetString()));
        }
        var events = bodies.SelectMany(body => FeedbackParser.Parse(body, "sqs").Events).ToList();
        Assert.Equal([FeedbackEventTypes.Send, FeedbackEventTypes.Bounce], events.Select(e => e.EventType));
        Assert.All(events, e => Assert.Equal((jobId, messageId), (e.JobId, e.SesMessageId)));
    }
}
