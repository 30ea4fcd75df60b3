using System.Runtime.CompilerServices;
using System.Text;

namespace BulkMailer.Cli.Enqueue;

/// <summary>The input file of <c>bulkmailer enqueue</c>: its jobs as a stream of numbered lines, and its line count.</summary>
internal static class EnqueueInputFile
{
    /// <summary>The lines of <see cref="EnqueueSettings.FilePath"/>, parsed in its format, read as a stream.</summary>
    public static async IAsyncEnumerable<InputLine> ReadLinesAsync(EnqueueSettings settings, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(settings.FilePath, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions
        {
            Access = FileAccess.Read,
            Share = FileShare.Read,
            BufferSize = 64 * 1024,
            Options = FileOptions.SequentialScan,
        });
        var lines = settings.EffectiveFormat == InputFormat.Csv
            ? CsvJobReader.ReadAsync(reader, settings.CsvDefaults, cancellationToken)
            : JsonlJobReader.ReadAsync(reader, cancellationToken);
        await foreach (var line in lines.ConfigureAwait(false))
        {
            yield return line;
        }
    }

    /// <summary>Physical lines in the file (a last line without a newline counts), for the progress total.</summary>
    public static long CountLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        var buffer = new byte[64 * 1024];
        long lines = 0;
        var last = (byte)'\n';
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
            last = buffer[read - 1];
        }
        return last == (byte)'\n' ? lines : lines + 1;
    }
}
