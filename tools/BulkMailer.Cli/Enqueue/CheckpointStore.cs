using System.Text.Json;

namespace BulkMailer.Cli.Enqueue;

/// <summary>
/// Reads and writes the checkpoint file. Writes go to a temporary file that is flushed to disk and then renamed
/// over the old one: the rename is atomic, so a crash leaves either the old checkpoint or the new, never half of one.
/// </summary>
public static class CheckpointStore
{
    /// <summary>The checkpoint at <paramref name="path"/>, or null when there is none.</summary>
    public static Checkpoint? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), CheckpointJsonContext.Default.Checkpoint)
                ?? throw new EnqueueUsageException($"checkpoint {path} is empty; delete it to start over");
        }
        catch (JsonException ex)
        {
            throw new EnqueueUsageException($"checkpoint {path} is not readable ({ex.Message}); delete it to start over", ex);
        }
    }

    public static void Save(string path, Checkpoint checkpoint)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, checkpoint, CheckpointJsonContext.Default.Checkpoint);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }
}
