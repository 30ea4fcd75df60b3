using BulkMailer.Data.Mail;
using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.LocalServers.Postgres;
using BulkMailer.LocalLambda.RuntimeApi;
using BulkMailer.TestSupport.Ses;
using Npgsql;

namespace BulkMailer.IntegrationTests.Sender;

/// <summary>The real sender process, a test Runtime API server, the real PostgreSQL and aws-ses-v2-local (or a fault-injecting SES).</summary>
[Collection(LocalServersCollection.Name)]
public sealed class SenderProcessTests(LocalServersFixture stack)
{
    private static string Job(string jobId, string to, string? template = null, string? campaign = "c1") => SenderUnderTest.Job(jobId, to, template, campaign);

    private async Task<(string Db, RuntimeApiServer Runtime, FunctionProcess Process)> StartSenderAsync(string name, Uri? sesEndpoint = null, Dictionary<string, string>? extra = null, string? db = null)
    {
        var sender = await SenderUnderTest.StartAsync(stack, name, sesEndpoint, extra, db);
        return (sender.Db, sender.Runtime, sender.Process);
    }

    [Fact]
    public async Task A_mixed_batch_gives_exactly_the_expected_mails_rows_and_no_failures()
    {
        const string m = "mixed1";
        await SesStore.CreateTemplateAsync(stack.SesEndpoint, "welcome-mixed", "Hello {{name}}", "Hi {{name}}");
        var (db, runtime, process) = await StartSenderAsync("sender-mixed");
        await using var _ = runtime;
        await using var __ = process;
        await using (var seed = new NpgsqlConnection(db))
        {
            await seed.OpenAsync();
            await new NpgsqlCommand($"insert into suppression (email, reason, source) values ('blocked.{m}@example.com', 'complaint', 'test')", seed).ExecuteNonQueryAsync();
        }

        var outcome = await runtime.InvokeAsync(SqsEvents.Build(
            ("m1", Job("simple", $"ada.{m}@example.com")),
            ("m2", Job("t1", $"t1.{m}@example.com", "welcome-mixed")),
            ("m3", Job("t2", $"t2.{m}@example.com", "welcome-mixed")),
            ("m4", Job("t3", $"t3.{m}@example.com", "welcome-mixed")),
            ("m5", Job("invalid", "not-an-address")),
            ("m6", "this is not json"),
            ("m7", Job("blocked", $"Blocked.{m}@Example.com")),
            ("m8", Job("simple", $"ada.{m}@example.com"))), timeout: TimeSpan.FromSeconds(30));

        Assert.False(outcome.IsError, outcome.BodyText);
        Assert.Empty(SqsEvents.Failures(outcome.BodyText));
        var rows = await TableState.LinesAsync(db, "select job_id || '|' || status || '|' || attempts || '|' || (ses_message_id is not null)::text from mail_message order by job_id");
        Assert.Equal([
            "blocked|suppressed|0|false",
            "invalid|rejected|0|false",
            "m6|rejected|0|false",
            "simple|sent|1|true",
            "t1|sent|1|true",
            "t2|sent|1|true",
            "t3|sent|1|true"], rows);
        Assert.Equal([$"ada.{m}@example.com", $"t1.{m}@example.com", $"t2.{m}@example.com", $"t3.{m}@example.com"], await SesStore.RecipientsAsync(stack.SesEndpoint, m));

        Assert.StartsWith("not a valid mail job", await stack.ScalarAsync<string>(db, "select last_error from mail_message where job_id = 'm6'"));
        Assert.Equal("to must be exactly one valid recipient address", await stack.ScalarAsync<string>(db, "select last_error from mail_message where job_id = 'invalid'"));
    }

    [Fact]
    public async Task The_same_message_delivered_twice_sends_one_mail()
    {
        const string m = "twice1";
        var (db, runtime, process) = await StartSenderAsync("sender-twice");
        await using var _ = runtime;
        await using var __ = process;
        var payload = SqsEvents.Build(("m1", Job("once", $"ada.{m}@example.com")));

        var first = await runtime.InvokeAsync(payload, TimeSpan.FromSeconds(30));
        var second = await runtime.InvokeAsync(payload, TimeSpan.FromSeconds(30));

        Assert.Empty(SqsEvents.Failures(first.BodyText));
        Assert.Empty(SqsEvents.Failures(second.BodyText));
        Assert.Single(await SesStore.RecipientsAsync(stack.SesEndpoint, m));
        Assert.Equal(["once|sent|1|-|-"], (await TableState.MessagesAsync(db)).Select(l => System.Text.RegularExpressions.Regex.Replace(l, @"\|ses-\d+\|", "|-|")));
    }

    [Fact]
    public async Task The_same_batch_delivered_concurrently_to_two_environments_sends_each_mail_once()
    {
        const string m = "concurrent1";
        var (db, runtimeA, processA) = await StartSenderAsync("sender-conc-a");
        var (_, runtimeB, processB) = await StartSenderAsync("sender-conc-b", db: db);
        await using var a = runtimeA;
        await using var b = runtimeB;
        await using var pa = processA;
        await using var pb = processB;
        var payload = SqsEvents.Build([.. Enumerable.Range(0, 20).Select(i => ($"m{i}", Job($"job-{i}", $"r{i}.{m}@example.com")))]);

        var outcomes = await Task.WhenAll(runtimeA.InvokeAsync(payload, TimeSpan.FromSeconds(30)), runtimeB.InvokeAsync(payload, TimeSpan.FromSeconds(30)));

        Assert.All(outcomes, o => Assert.False(o.IsError, o.BodyText));
        Assert.Equal(20, (await SesStore.RecipientsAsync(stack.SesEndpoint, m)).Count);
        Assert.Equal(20, (await SesStore.RecipientsAsync(stack.SesEndpoint, m)).Distinct().Count());
        // Whatever one environment handed back was in flight in the other; nothing is lost on redelivery.
        Assert.Equal(20, await stack.ScalarAsync<long>(db, "select count(*) from mail_message where status = 'sent'"));
    }

    [Fact]
    public async Task Transient_errors_go_back_to_the_queue_and_permanent_ones_are_recorded_failed()
    {
        await using var ses = SesStandIn.Start();
        ses.Script(
            SesStandInReply.Error(429, "TooManyRequestsException"),
            SesStandInReply.Error(500, "InternalFailure"),
            SesStandInReply.Error(400, "MessageRejected", "Email address is not verified."),
            SesStandInReply.Success());
        var (db, runtime, process) = await StartSenderAsync("sender-faults", ses.Endpoint, new() { ["BULKMAILER_SEND_PARALLELISM"] = "1" });
        await using var _ = runtime;
        await using var __ = process;

        var outcome = await runtime.InvokeAsync(SqsEvents.Build(
            ("m1", Job("throttled", "a@example.com")), ("m2", Job("server-error", "b@example.com")),
            ("m3", Job("rejected-by-ses", "c@example.com")), ("m4", Job("ok", "d@example.com"))), TimeSpan.FromSeconds(30));

        Assert.Equal(["m1", "m2"], SqsEvents.Failures(outcome.BodyText));
        var rows = await TableState.LinesAsync(db, "select job_id || '|' || status || '|' || (lease_until is null)::text from mail_message order by job_id");
        Assert.Equal(["ok|sent|true", "rejected-by-ses|failed|true", "server-error|sending|false", "throttled|sending|true"], rows);
        Assert.StartsWith("MessageRejected", await stack.ScalarAsync<string>(db, "select last_error from mail_message where job_id = 'rejected-by-ses'"));
        // A 429 certainly sent nothing: its lease is released and the redelivery sends at once. A 500 came after SES
        // had the request, so SES may have sent it: the lease is kept until a Send event can settle the job.
        Assert.Equal(["server-error"], await TableState.LinesAsync(db, "select job_id from mail_message where status = 'sending' and lease_until > now()"));
    }

    [Fact]
    public async Task A_systemic_error_stops_the_batch_and_hands_every_unsent_job_back()
    {
        await using var ses = SesStandIn.Start();
        ses.Script(SesStandInReply.Success(), SesStandInReply.Error(400, "SendingPausedException", "sending paused"));
        var (db, runtime, process) = await StartSenderAsync("sender-systemic", ses.Endpoint, new() { ["BULKMAILER_SEND_PARALLELISM"] = "1" });
        await using var _ = runtime;
        await using var __ = process;

        var outcome = await runtime.InvokeAsync(SqsEvents.Build([.. Enumerable.Range(1, 5).Select(i => ($"m{i}", Job($"j{i}", $"r{i}@example.com")))]), TimeSpan.FromSeconds(30));

        Assert.Equal(["m2", "m3", "m4", "m5"], SqsEvents.Failures(outcome.BodyText));
        Assert.Equal(2, ses.Requests.Count);
        Assert.Equal(["j1|sent", "j2|sending", "j3|sending", "j4|sending", "j5|sending"], await TableState.LinesAsync(db, "select job_id || '|' || status from mail_message order by job_id"));
    }

    [Fact]
    public async Task A_batch_whose_deadline_is_near_hands_back_unsent_jobs_instead_of_being_killed()
    {
        await using var ses = SesStandIn.Start();
        ses.Script([.. Enumerable.Range(0, 10).Select(_ => SesStandInReply.Slow(TimeSpan.FromMilliseconds(700)))]);
        var (db, runtime, process) = await StartSenderAsync("sender-deadline", ses.Endpoint, new() { ["BULKMAILER_SEND_PARALLELISM"] = "1" });
        await using var _ = runtime;
        await using var __ = process;
        // Warm the process (JIT, first claim) with a batch that sends nothing, so the deadline measures sending only.
        await runtime.InvokeAsync(SqsEvents.Build(("warm", Job("warm", "not-an-address"))), TimeSpan.FromSeconds(30));

        var outcome = await runtime.InvokeAsync(SqsEvents.Build([.. Enumerable.Range(1, 6).Select(i => ($"m{i}", Job($"j{i}", $"r{i}@example.com")))]), timeout: TimeSpan.FromMilliseconds(3000));

        Assert.False(outcome.IsError, outcome.BodyText);
        var failures = SqsEvents.Failures(outcome.BodyText);
        var sent = await stack.ScalarAsync<long>(db, "select count(*) from mail_message where status = 'sent'");
        Assert.InRange(sent, 1, 3);
        Assert.Equal(6 - sent, failures.Count);
        Assert.Equal(sent, ses.Requests.Count);
    }

    [Fact]
    public async Task Each_sender_process_holds_exactly_one_connection_across_many_invocations()
    {
        var db = await stack.NewDatabaseAsync("sender-conns");
        await using var counter = new PgRoundTripCounter(stack.Postgres.Port);
        var viaCounter = new NpgsqlConnectionStringBuilder(db) { Port = counter.Port }.ConnectionString;
        var (_, runtimeA, processA) = await StartSenderAsync("sender-conns", db: viaCounter);
        var (_, runtimeB, processB) = await StartSenderAsync("sender-conns", db: viaCounter);
        await using var a = runtimeA;
        await using var b = runtimeB;
        await using var pa = processA;
        await using var pb = processB;

        for (var i = 0; i < 10; i++)
        {
            var batchA = SqsEvents.Build([.. Enumerable.Range(0, 10).Select(k => ($"a{i}-{k}", Job($"a{i}-{k}", $"a{i}-{k}.conns@example.com")))]);
            var batchB = SqsEvents.Build(($"b{i}", Job($"b{i}", $"b{i}.conns@example.com")));
            var before = counter.RoundTrips;
            await runtimeA.InvokeAsync(batchA, TimeSpan.FromSeconds(30));
            Assert.Equal(2, counter.RoundTrips - before);
            await runtimeB.InvokeAsync(batchB, TimeSpan.FromSeconds(30));
            Assert.Equal(2, await stack.ScalarAsync<long>(db, "select count(*) from pg_stat_activity where application_name = 'sender-conns'"));
        }

        Assert.Equal(2, counter.ConnectionsOpened);
        Assert.Contains(processA.Lines, l => l.Contains("\"DbRoundTrips\":2", StringComparison.Ordinal));
    }
}
