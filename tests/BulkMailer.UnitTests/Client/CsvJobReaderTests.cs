using BulkMailer.Cli.Enqueue;

namespace BulkMailer.UnitTests.Client;

public sealed class CsvJobReaderTests
{
    private static readonly CsvJobDefaults Defaults = new("welcome-v3", "Acme <news@acme.example>", "welcome");

    private static async Task<List<InputLine>> ReadAsync(string text, CsvJobDefaults? defaults = null)
    {
        var lines = new List<InputLine>();
        await foreach (var line in CsvJobReader.ReadAsync(new StringReader(text), defaults ?? Defaults))
        {
            lines.Add(line);
        }
        return lines;
    }

    [Fact]
    public async Task Each_row_becomes_a_template_job_with_its_other_columns_as_data()
    {
        var lines = await ReadAsync("to,name,plan\nada@example.com,Ada,pro\nbob@example.com,Bob,free\n");

        var jobs = lines.Where(l => l.Kind == InputLineKind.Job).ToList();
        Assert.Equal([2L, 3L], jobs.Select(l => l.LineNumber));
        var ada = jobs[0].Job!;
        Assert.Equal(("welcome/000001", "welcome", "welcome-v3"), (ada.JobId, ada.CampaignId, ada.Template!.Name));
        Assert.Equal("Ada", ada.Template.Data!.Value.GetProperty("name").GetString());
        Assert.Equal("pro", ada.Template.Data.Value.GetProperty("plan").GetString());
        Assert.Equal("Acme <news@acme.example>", ada.From);
        Assert.Equal("welcome/000002", jobs[1].Job!.JobId);
    }

    [Fact]
    public async Task Line_numbers_count_quoted_line_breaks_and_empty_lines()
    {
        var lines = await ReadAsync("to,name\nada@example.com,Ada\n\n\"bob@example.com\",\"Bob\nSmith\"\nnobody,Carl\n");

        var bad = Assert.Single(lines, l => l.Kind == InputLineKind.Invalid);
        Assert.Equal(6, bad.LineNumber);
        Assert.Equal("to must be exactly one valid recipient address", bad.Error);
        var bob = Assert.Single(lines, l => l.Job?.To == "bob@example.com");
        Assert.Equal(4, bob.LineNumber);
        Assert.Equal("Bob\nSmith", bob.Job!.Template!.Data!.Value.GetProperty("name").GetString());
    }

    [Fact]
    public async Task JobId_and_from_columns_override_the_command_line()
    {
        var lines = await ReadAsync("email,jobId,from,name\nada@example.com,custom-1,Other <other@acme.example>,Ada\n", Defaults with { Campaign = null });

        var job = Assert.Single(lines, l => l.Kind == InputLineKind.Job).Job!;
        Assert.Equal(("custom-1", "Other <other@acme.example>", "ada@example.com"), (job.JobId, job.From, job.To));
        Assert.False(job.Template!.Data!.Value.TryGetProperty("jobId", out _));
    }

    [Theory]
    [InlineData("name\nAda\n", "'to'")]
    [InlineData("to\nada@example.com\n", "--template")]
    public async Task A_file_that_cannot_make_jobs_is_a_usage_error(string text, string expected)
    {
        var defaults = text.StartsWith("to", StringComparison.Ordinal) ? Defaults with { Template = null } : Defaults;

        var error = await Assert.ThrowsAsync<EnqueueUsageException>(() => ReadAsync(text, defaults));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_jobId_column_a_campaign_is_required()
    {
        var error = await Assert.ThrowsAsync<EnqueueUsageException>(() => ReadAsync("to\nada@example.com\n", Defaults with { Campaign = null }));

        Assert.Contains("--campaign", error.Message, StringComparison.Ordinal);
    }
}
