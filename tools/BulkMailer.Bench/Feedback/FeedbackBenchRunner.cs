using System.Globalization;
using BulkMailer.LocalLambda.Runs;
using BulkMailer.LocalServers;

namespace BulkMailer.Bench.Feedback;

/// <summary>
/// <c>bulkmailer bench --scenario feedback</c>: the same SES events ingested at each batch size, twice — end to end
/// (<see cref="FeedbackEndToEnd"/>) and by the ingest statement alone (<see cref="FeedbackStoreOnly"/>) — each
/// into a fresh database, one connection. Stops by itself (every event ingested, or the timeout) and leaves nothing
/// running: each deployment is disposed before the next, the stack when the run ends.
/// </summary>
public static class FeedbackBenchRunner
{
    public static async Task<FeedbackBenchReport> RunAsync(FeedbackBenchOptions options, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join("; ", problems));
        }
        var started = DateTimeOffset.UtcNow;
        var work = Directory.CreateTempSubdirectory("bulkmailer-bench-feedback-").FullName;
        try
        {
            progress?.Report(options.StoreOnly
                ? "starting PostgreSQL (store only)"
                : $"starting the local stack; publishing the feedback function ({(options.NativeAot ? "Native AOT, as deployed" : "JIT")})");
            var publishing = options.StoreOnly ? Task.FromResult("")
                : options.FeedbackExecutable is { } prebuilt ? Task.FromResult(prebuilt)
                : FunctionPublisher.PublishAsync("src/BulkMailer.Feedback.Bootstrap", Path.Combine(work, "feedback"), options.NativeAot, cancellationToken);
            var owned = options.Stack is null
                ? await LocalServerSet.StartAsync(new LocalServerSetOptions { StartFauxqs = !options.StoreOnly, StartSes = !options.StoreOnly }, cancellationToken).ConfigureAwait(false)
                : null;
            try
            {
                var stack = options.Stack ?? owned!;
                var executable = await publishing.ConfigureAwait(false);
                var data = new FeedbackBenchData(options.Events);
                var results = new List<FeedbackScenarioResult>();
                foreach (var batchSize in options.BatchSizes)
                {
                    if (!options.StoreOnly)
                    {
                        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"feedback batch {batchSize}: {FeedbackEndToEnd.Mode}"));
                        results.Add(await FeedbackEndToEnd.RunAsync(stack, executable, data, batchSize, options, work, progress, cancellationToken).ConfigureAwait(false));
                    }
                    progress?.Report(string.Create(CultureInfo.InvariantCulture, $"feedback batch {batchSize}: {FeedbackStoreOnly.Mode}"));
                    results.Add(await FeedbackStoreOnly.RunAsync(stack.Postgres, data, batchSize, cancellationToken).ConfigureAwait(false));
                }
                return new FeedbackBenchReport
                {
                    Options = FeedbackBenchOptionsSummary.Of(options),
                    Results = results,
                    StartedAt = started,
                    ProcessorCount = Environment.ProcessorCount,
                };
            }
            finally
            {
                if (owned is not null)
                {
                    await owned.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // A log still held by an exiting process: the OS temp cleaner takes it later.
            }
        }
    }
}
