using System.Globalization;
using BulkMailer.Core.Jobs;
using BulkMailer.Core.Privacy;
using BulkMailer.Data.Operations;
using CsvHelper;

namespace BulkMailer.Cli.Operations;

/// <summary>
/// Streams a CSV of addresses into the suppression list, a thousand per round trip: columns <c>email</c> and optional
/// <c>reason</c> (a header row naming them, as <c>suppression export</c> writes, or none: address first, reason second).
/// A bad line — not one bare address, or CSV the parser cannot read — is reported by its line number (the address
/// masked) and skipped; every good line is imported.
/// </summary>
internal sealed class SuppressionCsvImport(SuppressionList list, string defaultReason, Action<string> reportBadLine)
{
    private const int BatchSize = 1_000;

    /// <summary>Imports <paramref name="stream"/>; reports how many bytes were read after each batch.</summary>
    public async Task<SuppressionImportCount> ImportAsync(Stream stream, Action<long> progress, CancellationToken cancellationToken)
    {
        long malformedLine = -1;
        var options = new CsvReaderOptions
        {
            HasHeader = false,
            // Line numbers of record starts, counting quoted line breaks and empty lines: what an editor shows.
            TrackLineNumbers = true,
            OnMalformedRecord = record => malformedLine = record.LineNumber,
        };
        await using var csv = CsvReader.Create(stream, options, leaveOpen: true);
        var batch = new List<(string Email, string Reason)>(BatchSize);
        long lines = 0, bad = 0, added = 0;
        int emailColumn = 0, reasonColumn = 1;
        var first = true;
        while (await csv.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var line = csv.LineNumber;
            var fields = new string[csv.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = csv.GetString(i);
            }
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            if (first)
            {
                first = false;
                var header = Array.FindIndex(fields, f => string.Equals(f.Trim(), "email", StringComparison.OrdinalIgnoreCase));
                if (header >= 0)
                {
                    emailColumn = header;
                    reasonColumn = Array.FindIndex(fields, f => string.Equals(f.Trim(), "reason", StringComparison.OrdinalIgnoreCase));
                    continue;
                }
            }
            lines++;
            var raw = emailColumn < fields.Length ? fields[emailColumn] : null;
            var problem = malformedLine == line ? "malformed CSV record (stray or unbalanced quote)"
                : !JobValidator.TryParseMailbox(raw, out var address) || !string.Equals(address, raw!.Trim(), StringComparison.Ordinal)
                    ? $"'{EmailMask.Mask(raw)}' is not one bare email address"
                    : null;
            if (problem is not null)
            {
                bad++;
                reportBadLine(string.Create(CultureInfo.InvariantCulture, $"line {line}: {problem}"));
                continue;
            }
            var reason = reasonColumn >= 0 && reasonColumn < fields.Length && !string.IsNullOrWhiteSpace(fields[reasonColumn]) ? fields[reasonColumn].Trim() : defaultReason;
            batch.Add((raw!.Trim(), reason));
            if (batch.Count == BatchSize)
            {
                added += await list.AddAsync(batch, cancellationToken: cancellationToken).ConfigureAwait(false);
                batch.Clear();
                progress(csv.ByteOffset);
            }
        }
        added += await list.AddAsync(batch, cancellationToken: cancellationToken).ConfigureAwait(false);
        progress(stream.Length);
        return new SuppressionImportCount(lines, added, bad);
    }
}
