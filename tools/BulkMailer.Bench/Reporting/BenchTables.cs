using System.Text;
using Spectre.Console;

namespace BulkMailer.Bench.Reporting;

/// <summary>
/// The two shapes every bench table is shown in, from one header row plus one row per run: transposed for the
/// terminal (one column per run fits 80 columns, one column per metric does not) and as a markdown table.
/// </summary>
public static class BenchTables
{
    /// <param name="rows">The header row first, then one row per run.</param>
    /// <param name="keyColumns">Leading columns that name a run (joined into its column heading).</param>
    public static Table Transposed(string title, IReadOnlyList<string[]> rows, int keyColumns = 1)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var table = new Table().Title(Markup.Escape(title));
        table.AddColumn(new TableColumn(Markup.Escape(string.Join(" ", rows[0].Take(keyColumns)))));
        foreach (var run in rows.Skip(1))
        {
            table.AddColumn(new TableColumn(Markup.Escape(string.Join(" ", run.Take(keyColumns)))).RightAligned());
        }
        for (var metric = keyColumns; metric < rows[0].Length; metric++)
        {
            var index = metric;
            table.AddRow([Markup.Escape(rows[0][index]), .. rows.Skip(1).Select(r => Markup.Escape(r[index]))]);
        }
        return table;
    }

    /// <summary>The rows as a right-aligned markdown table.</summary>
    public static void AppendMarkdown(StringBuilder text, IReadOnlyList<string[]> rows)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(rows);
        text.AppendLine("| " + string.Join(" | ", rows[0]) + " |");
        text.AppendLine("|" + string.Concat(rows[0].Select(_ => "---:|")));
        foreach (var row in rows.Skip(1))
        {
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        }
    }
}
