using System.Diagnostics;
using System.Globalization;
using BulkMailer.Core.Feedback;
using BulkMailer.Data.Connections;
using BulkMailer.Data.Mail;
using BulkMailer.Data.Migrations;
using BulkMailer.Data.Progress;
using BulkMailer.LocalLambda.Monitoring;
using BulkMailer.LocalServers.Postgres;

namespace BulkMailer.Bench.Feedback;

/// <summary>
/// The ingest statement alone: the feedback store's <c>ingest-feedback</c> with batches of already parsed events,
/// on one connection to the real PostgreSQL — no queue, no function process. What the database side can take,
/// apart from whatever the local queue emulator caps the end-to-end run at.
/// </summary>
public static class FeedbackStoreOnly
{
    public const string Mode = "store only";

    public static async Task<FeedbackScenarioResult> RunAsync(PostgresCluster postgres, FeedbackBenchData data, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(postgres);
        ArgumentNullException.ThrowIfNull(data);
        var db = await postgres.CreateDatabaseAsync(string.Create(CultureInfo.InvariantCulture, $"feedback_store_b{batchSize}"), cancellationToken).ConfigureAwait(false);
        await SchemaMigrator.MigrateAsync(db, cancellationToken).ConfigureAwait(false);
        await data.SeedAsync(db, cancellationToken).ConfigureAwait(false);
        var events = data.EventJson().Select((json, i) => FeedbackParser.Parse(json, i.ToString(CultureInfo.InvariantCulture))).SelectMany(p => p.Events).ToList();

        var batches = new List<FeedbackBatchSample>();
        var clock = Stopwatch.StartNew();
        await using (var connection = new StaticConnection(db, "bulkmailer-bench-store"))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var store = new MailStore(connection);
            clock.Restart();
            foreach (var batch in events.Chunk(batchSize))
            {
                var before = connection.RoundTrips;
                var started = Stopwatch.GetTimestamp();
                var result = await store.IngestFeedbackAsync(batch, FeedbackPolicyOptions.Default, cancellationToken).ConfigureAwait(false);
                batches.Add(new FeedbackBatchSample(batch.Length, result.EventsInserted, (int)(connection.RoundTrips - before), Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            }
            clock.Stop();
        }

        await using var progress = new CampaignProgressReader(db, ConnectionSampler.ApplicationName);
        var counts = await progress.CountEventsAsync(cancellationToken).ConfigureAwait(false);
        var account = new FeedbackIngestAccount
        {
            Events = data.Plan.Count,
            Rows = counts.Rows,
            DistinctKeys = counts.DistinctKeys,
            Matched = counts.Matched,
            Duration = clock.Elapsed,
            Batches = batches,
        };
        return FeedbackScenarioResult.From(Mode, batchSize, account, peakConnections: 1, timedOut: false);
    }
}
