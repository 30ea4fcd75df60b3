using System.Text.Json;
using BulkMailer.Lambda.Events;
using BulkMailer.Lambda.Observability;
using BulkMailer.Lambda.Processing;
using BulkMailer.Lambda.Runtime;
using BulkMailer.UnitTests.Fakes;

namespace BulkMailer.UnitTests.Lambda;

public sealed class SqsBatchProcessorTests
{
    private readonly StringWriter _logs = new();
    private readonly StringWriter _metrics = new();
    private readonly ScriptedBatchHandler _handler = new();

    private Task<SqsBatchResponse> ProcessAsync(params string[] messageIds)
    {
        var processor = new SqsBatchProcessor(_handler, () => _handler.RoundTrips, new JsonLogger(_logs), new EmfMetrics("BulkMailer", _metrics));
        var batch = new SqsEvent { Records = [.. messageIds.Select(id => new SqsMessage { MessageId = id, Body = "{}" })] };
        var request = new InvocationRequest("req-1", DateTimeOffset.UtcNow.AddMinutes(1), null, null, ReadOnlyMemory<byte>.Empty);
        return processor.ProcessAsync(batch, request, CancellationToken.None);
    }

    private JsonElement Line(string text) => JsonDocument.Parse(Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries))).RootElement;

    [Fact]
    public async Task Every_record_the_handler_does_not_acknowledge_goes_back_in_batch_order()
    {
        _handler.Acknowledge.Add("m2");

        var response = await ProcessAsync("m1", "m2", "m3");

        Assert.Equal(["m1", "m3"], response.BatchItemFailures.Select(f => f.ItemIdentifier));
    }

    [Fact]
    public async Task A_record_delivered_twice_in_one_batch_is_handed_back_once()
    {
        var response = await ProcessAsync("m1", "m1");

        Assert.Equal(["m1"], response.BatchItemFailures.Select(f => f.ItemIdentifier));
    }

    [Fact]
    public async Task A_batch_fully_acknowledged_hands_nothing_back()
    {
        _handler.Acknowledge.UnionWith(["m1", "m2"]);

        var response = await ProcessAsync("m1", "m2");

        Assert.Empty(response.BatchItemFailures);
        Assert.Equal(["m1", "m2"], _handler.Batches.Single().Select(r => r.MessageId));
    }

    [Fact]
    public async Task The_metric_line_carries_the_handlers_counts_the_handed_back_records_and_the_batch_round_trips()
    {
        _handler.Metrics.Add(("Sent", 4));
        _handler.RoundTripsSpent = 2;
        _handler.Acknowledge.Add("m1");

        await ProcessAsync("m1", "m2", "m3");

        var line = Line(_metrics.ToString());
        Assert.Equal(4, line.GetProperty("Sent").GetDouble());
        Assert.Equal(2, line.GetProperty("HandedBack").GetDouble());
        Assert.Equal(2, line.GetProperty("DbRoundTrips").GetDouble());
        Assert.True(line.GetProperty("BatchDuration").GetDouble() >= 0);
        var units = line.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Metrics").EnumerateArray()
            .ToDictionary(m => m.GetProperty("Name").GetString()!, m => m.GetProperty("Unit").GetString());
        Assert.Equal("Milliseconds", units["BatchDuration"]);
        Assert.Equal("Count", units["Sent"]);
    }

    [Fact]
    public async Task The_batch_done_line_carries_the_record_count_the_handlers_fields_and_what_went_back()
    {
        _handler.LogFields.Add(LogField.Of("sent", 1));
        _handler.RoundTripsSpent = 1;
        _handler.Acknowledge.Add("m1");

        await ProcessAsync("m1", "m2");

        var line = Line(_logs.ToString());
        Assert.Equal("batch done", line.GetProperty("message").GetString());
        Assert.Equal(2, line.GetProperty("records").GetInt32());
        Assert.Equal(1, line.GetProperty("sent").GetInt32());
        Assert.Equal(1, line.GetProperty("handedBack").GetInt32());
        Assert.Equal(1, line.GetProperty("dbRoundTrips").GetInt32());
        Assert.True(line.TryGetProperty("durationMs", out _));
    }

    [Fact]
    public async Task A_handler_that_throws_fails_the_invocation_and_flushes_nothing()
    {
        _handler.Failure = new InvalidOperationException("database down");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ProcessAsync("m1"));

        Assert.Equal("database down", error.Message);
        Assert.Empty(_metrics.ToString());
        Assert.Empty(_logs.ToString());
    }
}
