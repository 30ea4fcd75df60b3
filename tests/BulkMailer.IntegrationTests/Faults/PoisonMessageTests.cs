using System.Text.Json;
using BulkMailer.IntegrationTests.Fixtures;

namespace BulkMailer.IntegrationTests.Faults;

/// <summary>
/// Fault suite (README, "Fault suite"): poison messages among valid jobs. Malformed feedback bodies are covered by
/// Feedback/FeedbackProcessTests (Bad_input_is_recorded_and_acknowledged_and_the_process_keeps_serving).
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed class PoisonMessageTests(LocalServersFixture stack)
{
    private static string Poison(string jobId, string marker, Action<Dictionary<string, object>> spoil)
    {
        var job = new Dictionary<string, object>
        {
            ["jobId"] = jobId,
            ["from"] = "news@acme.example",
            ["to"] = $"{jobId}.{marker}@example.com",
            ["subject"] = "Hello",
            ["text"] = "body",
        };
        spoil(job);
        return JsonSerializer.Serialize(job);
    }

    [Fact]
    public async Task Poison_messages_end_rejected_at_first_delivery_and_never_block_or_reach_the_dlq()
    {
        // A poison message handed back would be received again: MessagesReceived and ItemsHandedBack below tell.
        await using var pipeline = await SenderPipeline.StartAsync(stack, new SenderPipelineOptions { Name = "poison", Concurrency = 2 });
        var m = pipeline.Marker;
        string[] poison =
        [
            "this is not json",
            "[1, 2, 3]",
            "null",
            """{"jobId": 5, "from": "news@acme.example", "to": "p-number.MARK@example.com", "subject": "s", "text": "t"}""".Replace("MARK", m, StringComparison.Ordinal),
            Poison("p-to-array", m, j => j["to"] = new[] { $"a.{m}@example.com", $"b.{m}@example.com" }),
            Poison("p-crlf-header", m, j => j["headers"] = new Dictionary<string, string> { ["X-Campaign"] = $"a\r\nBcc: evil.{m}@example.com" }),
            Poison("p-crlf-subject", m, j => j["subject"] = $"Hi\r\nBcc: evil.{m}@example.com"),
            Poison("p-no-from", m, j => j.Remove("from")),
            Poison("p-no-body", m, j => { j.Remove("text"); j.Remove("subject"); }),
            Poison("p-bad-address", m, j => j["to"] = "not-an-address"),
            Poison("p-template-type", m, j => j["template"] = "welcome"),
            Poison(new string('x', 200), m, _ => { }),
        ];
        var jobs = pipeline.Jobs(10);
        await pipeline.EnqueueAsync([.. poison.Zip(jobs.Select(j => j.Body)).SelectMany(p => new[] { p.First, p.Second }), .. poison.Skip(jobs.Count)]);
        await pipeline.StartAsync();

        var rows = jobs.Count + poison.Length;
        Assert.True(await pipeline.WaitUntilSettledAsync(rows, TimeSpan.FromSeconds(40)), "messages left on the queue");
        var report = await pipeline.CheckAsync(jobs);
        Assert.True(report.Holds, report.ToString());
        Assert.Equal(jobs.Count, report.Mails);
        Assert.Equal(
            [$"{poison.Length}|{poison.Length}|0"],
            await TableState.LinesAsync(pipeline.Db, "select count(*) || '|' || count(last_error) || '|' || coalesce(sum(attempts), 0) from mail_message where status = 'rejected'"));
        Assert.Equal(rows, await stack.ScalarAsync<long>(pipeline.Db, "select count(*) from mail_message"));
        Assert.Equal(rows, pipeline.Mapping.MessagesReceived);
        Assert.Equal(0, pipeline.Mapping.ItemsHandedBack);
        Assert.Equal(0, pipeline.Mapping.FailedInvocations);
        Assert.Equal(0, await pipeline.DepthAsync(pipeline.DlqUrl));
    }
}
