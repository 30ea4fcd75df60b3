using BulkMailer.Cli.Enqueue;

namespace BulkMailer.UnitTests.Client;

public sealed class JsonlJobReaderTests
{
    private const string Good = """{"jobId":"j1","from":"news@acme.example","to":"ada@example.com","subject":"Hi","text":"x"}""";

    private static async Task<List<InputLine>> ReadAsync(string text)
    {
        var lines = new List<InputLine>();
        await foreach (var line in JsonlJobReader.ReadAsync(new StringReader(text)))
        {
            lines.Add(line);
        }
        return lines;
    }

    [Fact]
    public async Task Each_line_is_numbered_from_one_and_blank_lines_keep_their_numbers()
    {
        var lines = await ReadAsync($"{Good}\n\n   \n{Good.Replace("j1", "j2", StringComparison.Ordinal)}\n");

        Assert.Equal([1L, 2L, 3L, 4L], lines.Select(l => l.LineNumber));
        Assert.Equal([InputLineKind.Job, InputLineKind.Blank, InputLineKind.Blank, InputLineKind.Job], lines.Select(l => l.Kind));
        Assert.Equal("j2", lines[3].Job!.JobId);
    }

    [Fact]
    public async Task A_line_that_is_not_json_is_invalid_with_a_reason()
    {
        var lines = await ReadAsync($"{Good}\nnot json at all\n");

        var bad = lines[1];
        Assert.Equal((2L, InputLineKind.Invalid), (bad.LineNumber, bad.Kind));
        Assert.StartsWith("not a valid mail job", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_the_sender_would_reject_is_invalid_with_the_senders_reason()
    {
        var lines = await ReadAsync(Good.Replace("ada@example.com", "ada", StringComparison.Ordinal) + "\r\n" + Good);

        Assert.Equal("to must be exactly one valid recipient address", lines[0].Error);
        Assert.Equal(InputLineKind.Job, lines[1].Kind);
    }

    [Fact]
    public async Task A_missing_required_field_is_invalid()
    {
        var lines = await ReadAsync("""{"jobId":"j1","to":"ada@example.com","subject":"Hi","text":"x"}""");

        Assert.Equal(InputLineKind.Invalid, Assert.Single(lines).Kind);
    }
}
