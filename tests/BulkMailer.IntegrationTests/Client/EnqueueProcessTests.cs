using System.Diagnostics;
using BulkMailer.Cli.Enqueue;
using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.LocalServers;

namespace BulkMailer.IntegrationTests.Client;

/// <summary><c>bulkmailer enqueue</c> as a real process: the environment it reads and the signals it gets.</summary>
[Collection(LocalServersCollection.Name)]
public sealed class EnqueueProcessTests(LocalServersFixture stack) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("enqueue-process-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Process Start(string file, string queueUrl)
    {
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "bulkmailer"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "enqueue", "--file", file, "--queue-url", queueUrl })
        {
            info.ArgumentList.Add(argument);
        }
        // Only the standard variables: the endpoint must come from AWS_ENDPOINT_URL_SQS, not from an option.
        info.Environment["AWS_ENDPOINT_URL_SQS"] = stack.FauxqsEndpoint.ToString().TrimEnd('/');
        info.Environment["AWS_ACCESS_KEY_ID"] = "local";
        info.Environment["AWS_SECRET_ACCESS_KEY"] = "local";
        info.Environment["AWS_REGION"] = LocalServerSet.Region;
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    [Fact]
    public async Task Sigterm_stops_the_process_gracefully_and_the_rerun_enqueues_every_line_exactly_once()
    {
        const int count = 30_000;
        using var queue = await FauxqsQueue.CreateAsync(stack.FauxqsEndpoint, "cli-sigterm");
        var file = IntegrationJobs.WriteJsonl(_directory, "sigterm", count);
        var checkpointPath = file + ".checkpoint";

        using (var first = Start(file, queue.Url))
        {
            var waited = Stopwatch.StartNew();
            while ((ReadLine(checkpointPath) ?? 0) < 2_000 && !first.HasExited && waited.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(20);
            }
            Assert.False(first.HasExited, "the run ended before it could be interrupted");
            using (var kill = Process.Start("kill", ["-TERM", first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
            await first.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(EnqueueExitCodes.Interrupted, first.ExitCode);
        }
        var interruptedAt = ReadLine(checkpointPath);
        using (var second = Start(file, queue.Url))
        {
            await second.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
            Assert.Equal(EnqueueExitCodes.Success, second.ExitCode);
        }
        var received = await queue.DrainJobIdsAsync(count, TimeSpan.FromSeconds(60));

        Assert.InRange(interruptedAt ?? 0, 2_000, count - 1);
        Assert.Equal(count, received.Count);
        Assert.Equal(count, received.Distinct().Count());
    }

    private static long? ReadLine(string checkpointPath)
    {
        try
        {
            return CheckpointStore.Load(checkpointPath)?.Line;
        }
        catch (Exception ex) when (ex is IOException or EnqueueUsageException)
        {
            // Read while being replaced: try again on the next poll.
            return null;
        }
    }
}
