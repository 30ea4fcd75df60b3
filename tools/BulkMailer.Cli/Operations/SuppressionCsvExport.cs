using System.Globalization;
using BulkMailer.Data.Operations;
using CsvHelper;

namespace BulkMailer.Cli.Operations;

/// <summary>Writes the suppression list as CSV (<c>email,reason,source,created_at</c>), the form <see cref="SuppressionCsvImport"/> reads back.</summary>
internal static class SuppressionCsvExport
{
    public static async Task<long> ExportAsync(SuppressionList list, TextWriter writer, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(writer, new CsvWriterOptions(), leaveOpen: true);
        await csv.WriteRecordAsync(["email", "reason", "source", "created_at"], cancellationToken).ConfigureAwait(false);
        long rows = 0;
        await foreach (var entry in list.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await csv.WriteRecordAsync([entry.Email, entry.Reason, entry.Source, entry.CreatedAt.ToString("O", CultureInfo.InvariantCulture)], cancellationToken).ConfigureAwait(false);
            rows++;
        }
        await csv.FlushAsync(cancellationToken).ConfigureAwait(false);
        return rows;
    }
}
