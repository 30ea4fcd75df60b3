using BulkMailer.Core.Feedback;
using BulkMailer.Core.Jobs;
using BulkMailer.Data.Connections;
using BulkMailer.Data.Mail;
using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.LocalLambda.RuntimeApi;
using BulkMailer.LocalLambda.SesFeedback;
using BulkMailer.LocalServers.Postgres;
using BulkMailer.Sender.Ports;
using Npgsql;

namespace BulkMailer.IntegrationTests.Feedback;

/// <summary>The real feedback process, a test Runtime API server and the real PostgreSQL, fed AWS's example payloads.</summary>
[Collection(LocalServersCollection.Name)]
public sealed class FeedbackProcessTests(LocalServersFixture stack)
{
    private static readonly TimeSpan InvokeTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private const string Threshold = "BULKMAILER_TRANSIENT_BOUNCE_THRESHOLD";
    private const string WindowHours = "BULKMAILER_TRANSIENT_BOUNCE_WINDOW_HOURS";

    private async Task<(string Db, RuntimeApiServer Runtime, FunctionProcess Process)> StartFeedbackAsync(
        string name, Dictionary<string, string>? extra = null, string? db = null)
    {
        db ??= await stack.NewDatabaseAsync(name);
        var runtime = RuntimeApiServer.Start();
        var environment = new Dictionary<string, string>(stack.Stack.AwsEnvironment())
        {
            ["BULKMAILER_DB"] = db,
            ["AWS_LAMBDA_FUNCTION_NAME"] = name,
        };
        foreach (var (key, value) in extra ?? [])
        {
            environment[key] = value;
        }
        return (db, runtime, FunctionProcess.Start("BulkMailer.Feedback.Bootstrap", runtime.RuntimeApiAddress, environment));
    }

    /// <summary>Jobs as the sender leaves them after SES accepted them: claimed, then recorded <c>sent</c> with SES's id.</summary>
    private static async Task SeedSentAsync(string db, params (string JobId, string SesMessageId)[] jobs)
    {
        await using var connection = new StaticConnection(db, "test-seed");
        var store = new MailStore(connection);
        await store.ClaimBatchAsync([.. jobs.Select(j => new ClaimRequest(j.JobId, "c1", $"{j.JobId}@example.com"))], "seed", Lease);
        await store.RecordResultsAsync([.. jobs.Select(j => new SendResult(j.JobId, MailStatus.Sent, j.SesMessageId, null))]);
    }

    private static async Task<InvocationOutcome> InvokeAcknowledgedAsync(RuntimeApiServer runtime, string payload)
    {
        var outcome = await runtime.InvokeAsync(payload, InvokeTimeout);
        Assert.False(outcome.IsError, outcome.BodyText);
        Assert.Empty(SqsEvents.Failures(outcome.BodyText));
        return outcome;
    }

    private static IReadOnlyList<string> Sorted(IEnumerable<string> lines) => [.. lines.Order(StringComparer.Ordinal)];

    /// <summary>Every SES example (each about its own job), two SNS control messages, and three bodies that are not usable feedback.</summary>
    private static (string MessageId, string Body)[] ExamplesBatch(bool enveloped, bool withBadInput = true)
    {
        var records = FeedbackBodies.SesExamples
            .Select(name => ($"m-{name}", FeedbackBodies.Body(FeedbackBodies.WithMessageId(FeedbackBodies.Read(name), $"ses-{name}"), enveloped, $"sns-{name}")))
            .ToList();
        if (withBadInput)
        {
            records.Add(("m-subscribe", FeedbackBodies.Read("sns-subscription-confirmation")));
            records.Add(("m-unsubscribe", FeedbackBodies.Read("sns-unsubscribe-confirmation")));
            records.Add(("m-garbage", "this is not json"));
            records.Add(("m-teleport", FeedbackBodies.Body("""{"eventType":"Teleport","mail":{"messageId":"ses-teleport"}}""", enveloped, "sns-teleport")));
            records.Add(("m-nobody", FeedbackBodies.Body(FeedbackBodies.WithMessageId(FeedbackBodies.Read("event-delivery"), "ses-nobody"), enveloped, "sns-nobody")));
        }
        return [.. records];
    }

    private static readonly IReadOnlyList<string> ExpectedMessages = Sorted(
    [
        "job-event-bounce|bounced|1|ses-event-bounce|Permanent/General: 5.1.1 smtp; 550 5.1.1 user unknown",
        "job-event-click|sent|1|ses-event-click|-",
        "job-event-complaint|complained|1|ses-event-complaint|complaint: abuse",
        "job-event-delivery|delivered|1|ses-event-delivery|-",
        "job-event-delivery-delay|sent|1|ses-event-delivery-delay|-",
        "job-event-open|sent|1|ses-event-open|-",
        "job-event-reject|failed|1|ses-event-reject|rejected by SES: Bad content",
        "job-event-rendering-failure|failed|1|ses-event-rendering-failure|rendering failed (MyTemplate): Attribute 'attributeName' is not present in the rendering data.",
        "job-event-send|sent|1|ses-event-send|-",
        "job-event-subscription|sent|1|ses-event-subscription|-",
        "job-notification-bounce-with-dsn|bounced|1|ses-notification-bounce-with-dsn|Permanent/General: 5.1.1 smtp; 550 5.1.1 <jane@example.com>... User",
        "job-notification-bounce-without-dsn|bounced|1|ses-notification-bounce-without-dsn|Permanent/General",
        "job-notification-complaint-with-feedback|complained|1|ses-notification-complaint-with-feedback|complaint: abuse",
        "job-notification-complaint-without-feedback|complained|1|ses-notification-complaint-without-feedback|complaint: no feedback report",
        "job-notification-delivery|delivered|1|ses-notification-delivery|-",
    ]);

    private static readonly IReadOnlyList<string> ExpectedExampleEvents = Sorted(
    [
        "Bounce|job-event-bounce|ses-event-bounce|-",
        "Bounce|job-notification-bounce-with-dsn|ses-notification-bounce-with-dsn|-",
        "Bounce|job-notification-bounce-without-dsn|ses-notification-bounce-without-dsn|-",
        "Click|job-event-click|ses-event-click|-",
        "Complaint|job-event-complaint|ses-event-complaint|-",
        "Complaint|job-notification-complaint-with-feedback|ses-notification-complaint-with-feedback|-",
        "Complaint|job-notification-complaint-without-feedback|ses-notification-complaint-without-feedback|-",
        "Delivery|job-event-delivery|ses-event-delivery|-",
        "Delivery|job-notification-delivery|ses-notification-delivery|-",
        "DeliveryDelay|job-event-delivery-delay|ses-event-delivery-delay|-",
        "Open|job-event-open|ses-event-open|-",
        "Reject|job-event-reject|ses-event-reject|-",
        "RenderingFailure|job-event-rendering-failure|ses-event-rendering-failure|-",
        "Send|job-event-send|ses-event-send|-",
        "Subscription|job-event-subscription|ses-event-subscription|-",
    ]);

    private static readonly IReadOnlyList<string> ExpectedBadInputEvents =
    [
        "Delivery|-|ses-nobody|no job found for this SES message",
        "Unknown|-|ses-teleport|unknown SES eventType 'Teleport'",
        "Unparseable|-|-|body is not JSON (line 1, byte 2)",
    ];

    // The first report of an address in the batch names the reason (the examples share their recipients).
    private static readonly IReadOnlyList<string> ExpectedSuppressions =
    [
        "jane@example.com|bounce:Permanent/General|ses-feedback",
        "recipient@example.com|bounce:Permanent/General|ses-feedback",
        "richard@example.com|bounce:Permanent/General|ses-feedback",
    ];

    private static Task SeedExampleJobsAsync(string db) =>
        SeedSentAsync(db, [.. FeedbackBodies.SesExamples.Select(name => ($"job-{name}", $"ses-{name}"))]);

    [Theory, InlineData(true), InlineData(false)]
    public async Task Every_aws_example_in_both_ses_formats_leaves_exactly_the_expected_tables(bool enveloped)
    {
        var (db, runtime, process) = await StartFeedbackAsync(enveloped ? "fb-examples-sns" : "fb-examples-raw");
        await using var _ = runtime;
        await using var __ = process;
        await SeedExampleJobsAsync(db);

        await InvokeAcknowledgedAsync(runtime, SqsEvents.Build(ExamplesBatch(enveloped)));

        Assert.Equal(ExpectedMessages, Sorted(await TableState.MessagesAsync(db)));
        Assert.Equal(Sorted([.. ExpectedExampleEvents, .. ExpectedBadInputEvents]), Sorted(await TableState.EventsAsync(db)));
        Assert.Equal(ExpectedSuppressions, Sorted(await TableState.SuppressionsAsync(db)));
        // The raw text is kept: the SES JSON itself for an event (identical whether it came enveloped or raw), the body for bad input.
        Assert.Equal(
            FeedbackBodies.WithMessageId(FeedbackBodies.Read("event-send"), "ses-event-send"),
            await stack.ScalarAsync<string>(db, "select raw from mail_event where event_type = 'Send'"));
        Assert.Equal("this is not json", await stack.ScalarAsync<string>(db, "select raw from mail_event where event_type = 'Unparseable'"));
        Assert.Equal(0L, await stack.ScalarAsync<long>(db, "select count(*) from mail_message where lease_until is not null"));

        var lines = process.Lines;
        var metrics = Assert.Single(lines, l => l.Contains("\"CloudWatchMetrics\"", StringComparison.Ordinal));
        foreach (var expected in new[]
                 {
                     "\"EventsBounce\":3", "\"EventsComplaint\":3", "\"EventsDelivery\":3", "\"EventsSend\":1", "\"EventsClick\":1",
                     "\"Events\":16", "\"InvalidBodies\":2", "\"SubscriptionMessages\":2", "\"EventsInserted\":18",
                     "\"StatusesAdvanced\":10", "\"SuppressionsAdded\":3", "\"UnknownMessages\":1", "\"DbRoundTrips\":1",
                 })
        {
            Assert.Contains(expected, metrics, StringComparison.Ordinal);
        }
        Assert.Contains(lines, l => l.Contains("SNS subscription message acknowledged", StringComparison.Ordinal) && l.Contains("SubscriptionConfirmation", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("recipient@example.com", StringComparison.Ordinal)
            || l.Contains("jane@example.com", StringComparison.Ordinal) || l.Contains("richard@example.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Redelivering_a_batch_raw_or_enveloped_changes_nothing()
    {
        var (db, runtime, process) = await StartFeedbackAsync("fb-redelivery");
        await using var _ = runtime;
        await using var __ = process;
        await SeedExampleJobsAsync(db);
        var batch = SqsEvents.Build(ExamplesBatch(enveloped: true));
        await InvokeAcknowledgedAsync(runtime, batch);
        var before = await SnapshotAsync(db);

        await InvokeAcknowledgedAsync(runtime, batch);
        var afterSameBatch = await SnapshotAsync(db);
        // The same SES events once more, now as raw deliveries: other SQS and SNS ids, the same events.
        await InvokeAcknowledgedAsync(runtime, SqsEvents.Build(ExamplesBatch(enveloped: false, withBadInput: false)));
        var afterRawCopies = await SnapshotAsync(db);

        Assert.Equal(before, afterSameBatch);
        Assert.Equal(before, afterRawCopies);
        Assert.Equal(ExpectedExampleEvents.Count + ExpectedBadInputEvents.Count, (await TableState.EventsAsync(db)).Count);
        var metrics = process.Lines.Where(l => l.Contains("\"CloudWatchMetrics\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, metrics.Count);
        Assert.All(metrics.Skip(1), l => Assert.Contains("\"EventsInserted\":0,", l, StringComparison.Ordinal));
        Assert.Contains("\"DuplicateEvents\":15,", metrics[2], StringComparison.Ordinal);
    }

    /// <summary>Every column that could change, timestamps included: "changes nothing" means not even a touched row.</summary>
    private static async Task<string> SnapshotAsync(string db)
    {
        var messages = await TableState.LinesAsync(db,
            "select concat_ws('|', job_id, status, attempts, ses_message_id, last_error, lease_owner, lease_until, updated_at) from mail_message order by job_id");
        var events = await TableState.LinesAsync(db,
            "select concat_ws('|', id, event_key, event_type, job_id, ses_message_id, occurred_at, detail, error, md5(raw), received_at) from mail_event order by id");
        var suppressions = await TableState.LinesAsync(db, "select concat_ws('|', email, reason, source, created_at) from suppression order by email");
        var bounces = await TableState.LinesAsync(db, "select concat_ws('|', event_key, email, reason, occurred_at) from transient_bounce order by event_key, email");
        return string.Join('\n', [.. messages, "--", .. events, "--", .. suppressions, "--", .. bounces]);
    }

    [Fact]
    public async Task A_delivery_processed_before_the_senders_record_then_the_record_ends_delivered()
    {
        var (db, runtime, process) = await StartFeedbackAsync("fb-early-delivery");
        await using var _ = runtime;
        await using var __ = process;
        await using var connection = new StaticConnection(db, "test-sender");
        var store = new MailStore(connection);
        await store.ClaimBatchAsync([new ClaimRequest("early", "c1", "ada@example.com")], "sender-invocation", Lease);
        var sentAt = DateTimeOffset.UtcNow.AddSeconds(-5);
        var delivery = SesEventJson.Write(SesEventKind.Delivery, new SesEventMail("ses-early", "ada@example.com", sentAt) { JobId = "early" }, sentAt.AddSeconds(2));

        await InvokeAcknowledgedAsync(runtime, SqsEvents.Build(("m1", FeedbackBodies.InSnsEnvelope(delivery, "sns-1"))));
        var afterFeedback = await TableState.MessagesAsync(db);
        await store.RecordResultsAsync([new SendResult("early", MailStatus.Sent, "ses-early", null)]);

        Assert.Equal(["early|delivered|1|ses-early|-"], afterFeedback);
        Assert.Equal(["early|delivered|1|ses-early|-"], await TableState.MessagesAsync(db));
        Assert.Equal(["Delivery|early|ses-early|-"], await TableState.EventsAsync(db));
    }

    [Theory, InlineData(SesEventKind.Send, "sent"), InlineData(SesEventKind.Delivery, "delivered")]
    public async Task A_job_left_sending_is_settled_by_a_later_event_found_through_its_job_tag(SesEventKind kind, string expectedStatus)
    {
        var (db, runtime, process) = await StartFeedbackAsync($"fb-orphan-{kind}");
        await using var _ = runtime;
        await using var __ = process;
        await using (var connection = new StaticConnection(db, "test-dead-sender"))
        {
            // The sender claimed the job, SES accepted the mail, and the environment died before recording it.
            await new MailStore(connection).ClaimBatchAsync([new ClaimRequest("orphan", "c1", "ada@example.com")], "dead-invocation", Lease);
        }
        var sentAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        var sesEvent = SesEventJson.Write(kind, new SesEventMail("ses-orphan", "ada@example.com", sentAt) { JobId = "orphan" }, sentAt.AddSeconds(1));

        await InvokeAcknowledgedAsync(runtime, SqsEvents.Build(("m1", sesEvent)));

        Assert.Equal([$"orphan|{expectedStatus}|1|ses-orphan|-"], await TableState.MessagesAsync(db));
        Assert.Equal([$"{kind}|orphan|ses-orphan|-"], await TableState.EventsAsync(db));
        Assert.Equal(0L, await stack.ScalarAsync<long>(db, "select count(*) from mail_message where lease_owner is not null or lease_until is not null"));
    }

    [Fact]
    public async Task A_batch_of_1_and_a_batch_of_100_each_take_one_round_trip_on_the_wire_over_one_connection()
    {
        var db = await stack.NewDatabaseAsync("fb-roundtrips");
        await using var counter = new PgRoundTripCounter(stack.Postgres.Port);
        var viaCounter = new NpgsqlConnectionStringBuilder(db) { Port = counter.Port }.ConnectionString;
        // The repeated-transient rule on, so its part of the statement runs too.
        var (_, runtime, process) = await StartFeedbackAsync("fb-roundtrips", new() { [Threshold] = "2" }, viaCounter);
        await using var __ = runtime;
        await using var ___ = process;
        var jobs = Enumerable.Range(0, 101).Select(i => ($"job-{i}", $"ses-{i}")).ToArray();
        await SeedSentAsync(db, jobs);
        var at = DateTimeOffset.UtcNow.AddMinutes(-10);
        var kinds = new[] { SesEventKind.Delivery, SesEventKind.PermanentBounce, SesEventKind.TransientBounce, SesEventKind.Complaint, SesEventKind.Send };
        string Body(int i) => SesEventJson.Write(kinds[i % kinds.Length], new SesEventMail($"ses-{i}", $"r{i % 7}@example.com", at), at.AddSeconds(i));

        var beforeOne = counter.RoundTrips;
        await InvokeAcknowledgedAsync(runtime, SqsEvents.Build(("one", Body(100))));
        var one = counter.RoundTrips - beforeOne;
        var beforeHundred = counter.RoundTrips;
        await InvokeAcknowledgedAsync(runtime, SqsEvents.Build([.. Enumerable.Range(0, 100).Select(i => ($"m{i}", FeedbackBodies.InSnsEnvelope(Body(i), $"sns-{i}")))]));
        var hundred = counter.RoundTrips - beforeHundred;

        Assert.Equal(1, one);
        Assert.Equal(1, hundred);
        Assert.Equal(1, counter.ConnectionsOpened);
        Assert.Equal(101L, await stack.ScalarAsync<long>(db, "select count(*) from mail_event"));
        Assert.Equal(2, process.Lines.Count(l => l.Contains("\"DbRoundTrips\":1,", StringComparison.Ordinal)));
    }

    [Theory, InlineData(true), InlineData(false)]
    public async Task Repeated_transient_bounces_suppress_the_recipient_only_when_the_threshold_is_on(bool on)
    {
        var settings = on ? new Dictionary<string, string> { [Threshold] = "3", [WindowHours] = "24" } : null;
        var (db, runtime, process) = await StartFeedbackAsync(on ? "fb-transient-on" : "fb-transient-off", settings);
        await using var _ = runtime;
        await using var __ = process;
        await SeedSentAsync(db, ("j1", "ses-t1"), ("j2", "ses-t2"), ("j3", "ses-t3"));
        var at = DateTimeOffset.UtcNow.AddHours(-2);
        // One address, written differently by different receiving servers.
        string Bounce(int n, string recipient) =>
            SesEventJson.Write(SesEventKind.TransientBounce, new SesEventMail($"ses-t{n}", recipient, at.AddMinutes(n)), at.AddMinutes(n + 1));

        // The same bounce delivered three times is one bounce.
        for (var i = 0; i < 3; i++)
        {
            await InvokeAcknowledgedAsync(runtime, SqsEvents.Build(($"m1-{i}", Bounce(1, "Ada@Example.com"))));
        }
        await InvokeAcknowledgedAsync(runtime, SqsEvents.Build(("m2", FeedbackBodies.InSnsEnvelope(Bounce(2, "ada@example.com"), "sns-2"))));
        var afterTwo = await TableState.SuppressionsAsync(db);
        await InvokeAcknowledgedAsync(runtime, SqsEvents.Build(("m3", Bounce(3, "ADA@example.com"))));

        Assert.Empty(afterTwo);
        Assert.Equal(on ? ["ada@example.com|bounce:Transient/Repeated|ses-feedback"] : [], await TableState.SuppressionsAsync(db));
        Assert.Equal(3L, await stack.ScalarAsync<long>(db, "select count(*) from transient_bounce where email = 'ada@example.com'"));
        // A transient bounce never moves the job: the mailbox may accept the next mail.
        Assert.Equal(["j1|sent", "j2|sent", "j3|sent"], Sorted(await TableState.LinesAsync(db, "select job_id || '|' || status from mail_message")));
        Assert.Contains(process.Lines, l => l.Contains($"\"RepeatedTransientSuppressions\":{(on ? 1 : 0)},", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Transient_bounces_older_than_the_window_before_the_newest_do_not_count()
    {
        var (db, runtime, process) = await StartFeedbackAsync("fb-transient-window",
            new() { [Threshold] = "2", [WindowHours] = "24" });
        await using var _ = runtime;
        await using var __ = process;
        var now = DateTimeOffset.UtcNow;
        string Bounce(int n, DateTimeOffset at) =>
            SesEventJson.Write(SesEventKind.TransientBounce, new SesEventMail($"ses-w{n}", "ada@example.com", at.AddMinutes(-1)), at);

        await InvokeAcknowledgedAsync(runtime, SqsEvents.Build(("m1", Bounce(1, now.AddHours(-30)))));
        await InvokeAcknowledgedAsync(runtime, SqsEvents.Build(("m2", Bounce(2, now))));
        var afterTwo = await TableState.SuppressionsAsync(db);
        await InvokeAcknowledgedAsync(runtime, SqsEvents.Build(("m3", Bounce(3, now.AddHours(-1)))));

        Assert.Empty(afterTwo);
        Assert.Equal(["ada@example.com|bounce:Transient/Repeated|ses-feedback"], await TableState.SuppressionsAsync(db));
    }

    [Fact]
    public async Task Bad_input_is_recorded_and_acknowledged_and_the_process_keeps_serving()
    {
        var (db, runtime, process) = await StartFeedbackAsync("fb-bad-input");
        await using var _ = runtime;
        await using var __ = process;
        await SeedSentAsync(db, ("j1", "ses-nul"), ("j2", "ses-surrogate"));
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        string Bounce(string sesMessageId, string diagnostic) => FeedbackBodies.Edit(
                SesEventJson.Write(SesEventKind.PermanentBounce, new SesEventMail(sesMessageId, "ada@example.com", at), at.AddSeconds(1)),
                root => root["mail"]!["tags"]!["bulkmailer-job"] = new System.Text.Json.Nodes.JsonArray("AA"))
            .Replace("smtp; 550 5.1.1 user unknown", diagnostic, StringComparison.Ordinal);

        await InvokeAcknowledgedAsync(runtime, SqsEvents.Build(
            ("m-empty", ""),
            ("m-array", "[1,2,3]"),
            ("m-sns-garbage", """{"Type":"Notification","MessageId":"x","TopicArn":"arn:aws:sns:us-east-1:000000000000:t","Message":"not json"}"""),
            ("m-no-mail", """{"eventType":"Bounce","bounce":{"bounceType":"Permanent"}}"""),
            // JSON can spell what PostgreSQL text cannot hold: a NUL (and the job tag "AA" decodes to one), a lone surrogate.
            ("m-nul", Bounce("ses-nul", @"smtp; 550 \u0000 user unknown")),
            ("m-surrogate", Bounce("ses-surrogate", @"smtp; 550 \ud800 user unknown"))));
        await InvokeAcknowledgedAsync(runtime, SqsEvents.Build(("m-after", FeedbackBodies.Read("event-open"))));

        Assert.False(process.HasExited);
        Assert.Equal(
            Sorted([
                "Bounce|j1|ses-nul|-",
                "Open|-|EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000|no job found for this SES message",
                "Unparseable|-|-|body is a JSON array, not an object",
                "Unparseable|-|-|body is empty",
                "Unparseable|-|-|SES Bounce event has no mail.messageId",
                "Unparseable|-|-|SNS Message is not JSON (line 1, byte 2)",
                "Unparseable|j2|ses-surrogate|SES Bounce event has a field of the wrong type at $.bounce.bouncedRecipients[0].diagnosticCode",
            ]),
            Sorted(await TableState.EventsAsync(db)));
        Assert.Equal(["j1|bounced|1|ses-nul|Permanent/General: 5.1.1 smtp; 550 \ufffd user unknown", "j2|sent|1|ses-surrogate|-"], await TableState.MessagesAsync(db));
        Assert.Equal(["ada@example.com|bounce:Permanent/General|ses-feedback"], await TableState.SuppressionsAsync(db));
    }

    [Fact]
    public async Task A_database_failure_fails_the_invocation_and_the_redelivered_batch_is_ingested_once()
    {
        var (db, runtime, process) = await StartFeedbackAsync("fb-db-failure");
        await using var _ = runtime;
        await using var __ = process;
        await SeedExampleJobsAsync(db);
        var batch = SqsEvents.Build(ExamplesBatch(enveloped: true));
        await Execute(db, "alter table mail_event rename to mail_event_away");

        var failed = await runtime.InvokeAsync(batch, InvokeTimeout);
        var afterFailure = await TableState.MessagesAsync(db);
        await Execute(db, "alter table mail_event_away rename to mail_event");
        await InvokeAcknowledgedAsync(runtime, batch);

        Assert.True(failed.IsError, failed.BodyText);
        Assert.All(afterFailure, l => Assert.Contains("|sent|", l, StringComparison.Ordinal));
        Assert.False(process.HasExited);
        Assert.Equal(ExpectedMessages, Sorted(await TableState.MessagesAsync(db)));
        Assert.Equal(Sorted([.. ExpectedExampleEvents, .. ExpectedBadInputEvents]), Sorted(await TableState.EventsAsync(db)));
        Assert.Equal(ExpectedSuppressions, Sorted(await TableState.SuppressionsAsync(db)));
    }

    private static async Task Execute(string db, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Theory]
    [InlineData("BULKMAILER_TRANSIENT_BOUNCE_THRESHOLD", "-1")]
    [InlineData("BULKMAILER_TRANSIENT_BOUNCE_THRESHOLD", "three")]
    [InlineData("BULKMAILER_TRANSIENT_BOUNCE_WINDOW_HOURS", "0")]
    public async Task An_invalid_transient_bounce_setting_fails_init_naming_the_variable(string variable, string value)
    {
        var (_, runtime, process) = await StartFeedbackAsync("fb-bad-config", new() { [variable] = value });
        await using var _ = runtime;
        await using var __ = process;

        var report = await runtime.InitError.WaitAsync(InvokeTimeout);

        Assert.Contains(variable, report.BodyText, StringComparison.Ordinal);
        Assert.Contains("invalid feedback configuration", report.BodyText, StringComparison.Ordinal);
    }
}
