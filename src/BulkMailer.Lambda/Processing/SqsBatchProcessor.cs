using System.Diagnostics;
using BulkMailer.Lambda.Events;
using BulkMailer.Lambda.Hosting;
using BulkMailer.Lambda.Observability;
using BulkMailer.Lambda.Runtime;

namespace BulkMailer.Lambda.Processing;

/// <summary>
/// Runs an <see cref="ISqsBatchHandler"/> over one SQS batch, the part every queue-driven function shares: every
/// record counts as failed until the handler acknowledges it, the batch is timed and its database round trips
/// counted, the metrics line is flushed, the "batch done" line logged, and the partial-batch response built from the
/// records left unacknowledged. Built once per execution environment with the handler it runs; its
/// <see cref="ProcessAsync"/> is the function's invocation handler.
/// </summary>
/// <param name="roundTrips">The environment's database round trips so far (the store's counter).</param>
public sealed class SqsBatchProcessor(ISqsBatchHandler handler, Func<long> roundTrips, JsonLogger log, EmfMetrics metrics)
{
    /// <summary>
    /// A queue-driven function's invocation handler, built once at init: SQS event JSON in, partial-batch response JSON
    /// out, through a processor over <paramref name="handler"/> whose metrics carry the function's name.
    /// </summary>
    public static LambdaHandler ForFunction(ISqsBatchHandler handler, Func<long> roundTrips, string functionName)
    {
        var metrics = new EmfMetrics("BulkMailer").SetDimension("FunctionName", functionName);
        var processor = new SqsBatchProcessor(handler, roundTrips, JsonLogger.Default, metrics);
        return LambdaHandlers.Json(LambdaEventsJsonContext.Default.SqsEvent, LambdaEventsJsonContext.Default.SqsBatchResponse, processor.ProcessAsync);
    }

    public async Task<SqsBatchResponse> ProcessAsync(SqsEvent sqsEvent, InvocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sqsEvent);
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        var roundTripsBefore = roundTrips();

        var result = await handler.HandleBatchAsync(sqsEvent.Records, request, cancellationToken).ConfigureAwait(false);

        var failures = result.Failures(sqsEvent.Records.Select(r => r.MessageId));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var batchRoundTrips = roundTrips() - roundTripsBefore;
        foreach (var (name, value) in result.Metrics)
        {
            metrics.Put(name, value);
        }
        foreach (var (name, values, unit) in result.SampleMetrics)
        {
            metrics.PutSamples(name, values, unit);
        }
        metrics.Put("HandedBack", failures.Count)
            .Put("DbRoundTrips", batchRoundTrips)
            .Put("BatchDuration", elapsed.TotalMilliseconds, MetricUnit.Milliseconds)
            .Flush();
        log.Info("batch done", [
            LogField.Of("records", sqsEvent.Records.Count),
            .. result.Summary,
            LogField.Of("handedBack", failures.Count),
            LogField.Of("dbRoundTrips", batchRoundTrips),
            LogField.Of("durationMs", elapsed.TotalMilliseconds),
        ]);
        return SqsBatchResponse.ForFailures(failures);
    }
}
