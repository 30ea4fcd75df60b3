using BulkMailer.Cli.Enqueue;

namespace BulkMailer.UnitTests.Client;

public sealed class CheckpointStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("checkpoint-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_saved_checkpoint_loads_back_equal_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(_directory, "jobs.jsonl.checkpoint");
        var checkpoint = new Checkpoint("/data/jobs.jsonl", 12_345, 900, [17, 450]);

        CheckpointStore.Save(path, checkpoint);
        CheckpointStore.Save(path, checkpoint with { Line = 1000 });
        var loaded = CheckpointStore.Load(path);

        Assert.NotNull(loaded);
        Assert.Equal((1000L, 12_345L, "/data/jobs.jsonl"), (loaded.Line, loaded.SourceLength, loaded.SourceFile));
        Assert.Equal([17L, 450L], loaded.FailedLines);
        Assert.Equal([path], Directory.GetFiles(_directory));
    }

    [Fact]
    public void No_file_means_no_checkpoint()
    {
        Assert.Null(CheckpointStore.Load(Path.Combine(_directory, "absent.checkpoint")));
    }

    [Fact]
    public void A_corrupt_checkpoint_is_a_usage_error_that_says_how_to_start_over()
    {
        var path = Path.Combine(_directory, "bad.checkpoint");
        File.WriteAllText(path, "{ not json");

        var error = Assert.Throws<EnqueueUsageException>(() => CheckpointStore.Load(path));

        Assert.Contains("delete it", error.Message, StringComparison.Ordinal);
    }
}
