using System.Globalization;
using System.Runtime.CompilerServices;
using BulkMailer.Client.Jobs;
using CsvHelper;

namespace BulkMailer.Cli.Enqueue;

/// <summary>
/// Reads CSV: a header row, then one recipient per record. Reserved columns (case-insensitive): <c>to</c> (or
/// <c>email</c>), <c>jobId</c>, <c>from</c>. Every other column is a template variable of that name. Without a
/// <c>jobId</c> column the job id is <c>CAMPAIGN/NNNNNN</c>, NNNNNN the 1-based data-row number (empty lines not counted), so a rerun of the
/// same file produces the same ids.
/// </summary>
public static class CsvJobReader
{
    public static async IAsyncEnumerable<InputLine> ReadAsync(TextReader reader, CsvJobDefaults defaults, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(defaults);
        long malformedLine = -1;
        var options = new CsvReaderOptions
        {
            // Line numbers of record starts, counting quoted line breaks, empty lines and the header: what an editor shows.
            TrackLineNumbers = true,
            OnMalformedRecord = record => malformedLine = record.LineNumber,
        };
        await using var csv = CsvReader.Create(reader, options, leaveOpen: true);
        await csv.ReadHeaderAsync(cancellationToken).ConfigureAwait(false);
        if (csv.Headers.Count == 0)
        {
            yield break;
        }
        var columns = Columns.From(csv.Headers, defaults);
        yield return InputLine.ForBlank(1);

        while (await csv.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var lineNumber = csv.LineNumber;
            var record = new string[csv.FieldCount];
            for (var i = 0; i < record.Length; i++)
            {
                record[i] = csv.GetString(i);
            }
            if (record.All(string.IsNullOrWhiteSpace))
            {
                yield return InputLine.ForBlank(lineNumber);
                continue;
            }
            if (malformedLine == lineNumber)
            {
                yield return InputLine.ForInvalid(lineNumber, "malformed CSV record (stray or unbalanced quote)");
                continue;
            }
            yield return columns.ToLine(lineNumber, csv.RowNumber, record, defaults);
        }
    }

    /// <summary>Where the reserved columns are, and which columns are template variables.</summary>
    private sealed class Columns
    {
        private int _to = -1;
        private int _jobId = -1;
        private int _from = -1;
        private readonly List<(int Index, string Name)> _data = [];

        public static Columns From(IReadOnlyList<string> header, CsvJobDefaults defaults)
        {
            var columns = new Columns();
            for (var i = 0; i < header.Count; i++)
            {
                var name = header[i].Trim();
                switch (name.ToLowerInvariant())
                {
                    case "to" or "email" when columns._to < 0: columns._to = i; break;
                    case "jobid" when columns._jobId < 0: columns._jobId = i; break;
                    case "from" when columns._from < 0: columns._from = i; break;
                    default:
                        if (name.Length > 0)
                        {
                            columns._data.Add((i, name));
                        }
                        break;
                }
            }
            if (columns._to < 0)
            {
                throw new EnqueueUsageException("the CSV header has no 'to' (or 'email') column");
            }
            if (string.IsNullOrWhiteSpace(defaults.Template))
            {
                throw new EnqueueUsageException("a CSV file needs --template NAME");
            }
            if (columns._from < 0 && string.IsNullOrWhiteSpace(defaults.From))
            {
                throw new EnqueueUsageException("a CSV file needs --from ADDRESS (or a 'from' column)");
            }
            if (columns._jobId < 0 && string.IsNullOrWhiteSpace(defaults.Campaign))
            {
                throw new EnqueueUsageException("a CSV file needs --campaign ID (or a 'jobId' column)");
            }
            return columns;
        }

        public InputLine ToLine(long lineNumber, long dataRow, string[] record, CsvJobDefaults defaults)
        {
            string Field(int index) => index >= 0 && index < record.Length ? record[index].Trim() : string.Empty;

            var jobId = _jobId >= 0 ? Field(_jobId) : $"{defaults.Campaign}/{dataRow.ToString("D6", CultureInfo.InvariantCulture)}";
            var from = Field(_from) is { Length: > 0 } rowFrom ? rowFrom : defaults.From ?? string.Empty;
            var data = _data.Select(column => KeyValuePair.Create(column.Name, Field(column.Index)));
            var builder = MailJobBuilder.ForJob(jobId)
                .InCampaign(string.IsNullOrWhiteSpace(defaults.Campaign) ? null : defaults.Campaign)
                .From(from)
                .To(Field(_to))
                .WithTemplate(defaults.Template!, data);
            return builder.TryBuild(out var job, out var reason)
                ? InputLine.ForJob(lineNumber, job)
                : InputLine.ForInvalid(lineNumber, reason);
        }
    }
}
