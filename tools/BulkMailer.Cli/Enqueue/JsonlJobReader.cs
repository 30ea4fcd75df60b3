using System.Runtime.CompilerServices;
using BulkMailer.Core.Jobs;

namespace BulkMailer.Cli.Enqueue;

/// <summary>Reads JSONL: each non-blank line is one mail job, parsed and validated by the sender's own rules.</summary>
public static class JsonlJobReader
{
    public static async IAsyncEnumerable<InputLine> ReadAsync(TextReader reader, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        long lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(text))
            {
                yield return InputLine.ForBlank(lineNumber);
                continue;
            }
            var parsed = JobValidator.Parse(text);
            yield return parsed.IsValid
                ? InputLine.ForJob(lineNumber, parsed.Job!)
                : InputLine.ForInvalid(lineNumber, parsed.RejectReason!);
        }
    }
}
