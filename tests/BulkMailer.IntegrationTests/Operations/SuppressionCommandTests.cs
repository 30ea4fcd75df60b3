using System.Text.Json;
using BulkMailer.Cli.Operations;
using BulkMailer.IntegrationTests.Fixtures;

namespace BulkMailer.IntegrationTests.Operations;

/// <summary><c>bulkmailer suppression …</c> against a real PostgreSQL.</summary>
[Collection(LocalServersCollection.Name)]
public sealed class SuppressionCommandTests(LocalServersFixture stack) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("suppression-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Adding_and_removing_are_lower_cased_idempotent_and_print_masked_addresses()
    {
        var db = await stack.NewDatabaseAsync("suppress-add");

        var first = await OperatorCli.RunAsync("suppression", "add", "Ada@Example.COM", "--reason", "asked by phone", "--db", db);
        var again = await OperatorCli.RunAsync("suppression", "add", "ada@example.com", "--db", db);
        var listed = await TableState.SuppressionsAsync(db);
        var removed = await OperatorCli.RunAsync("suppression", "remove", "ADA@example.com", "--db", db);
        var removedAgain = await OperatorCli.RunAsync("suppression", "remove", "ada@example.com", "--db", db);

        Assert.Equal((0, 0, 0, 0), (first.ExitCode, again.ExitCode, removed.ExitCode, removedAgain.ExitCode));
        Assert.Equal(["ada@example.com|asked by phone|operator"], listed);
        Assert.Contains("was already suppressed", again.Output, StringComparison.Ordinal);
        Assert.Contains("was not suppressed", removedAgain.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("ada@example.com", first.Output + again.Output + removed.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await TableState.SuppressionsAsync(db));
    }

    [Fact]
    public async Task Adding_something_that_is_not_an_address_is_a_usage_error_and_changes_nothing()
    {
        var db = await stack.NewDatabaseAsync("suppress-bad");

        var (exitCode, _, error) = await OperatorCli.RunAsync("suppression", "add", "Ada <ada@example.com>", "--db", db);

        Assert.Equal(OperatorExitCodes.Usage, exitCode);
        Assert.Contains("is not one bare email address", error, StringComparison.Ordinal);
        Assert.Empty(await TableState.SuppressionsAsync(db));
    }

    [Fact]
    public async Task Import_reports_bad_lines_by_number_imports_every_good_one_and_exits_bad_lines()
    {
        var db = await stack.NewDatabaseAsync("suppress-import");
        await OperatorCli.RunAsync("suppression", "add", "listed@example.com", "--db", db);
        var file = Path.Combine(_directory, "in.csv");
        await File.WriteAllLinesAsync(file,
        [
            "email,reason",
            "One@Example.com,complaint by mail",
            "not-an-address,x",
            "two@example.com",
            "\"three@example.com\"x,broken quote",
            "",
            "listed@example.com,again",
            "one@example.com,duplicate",
        ]);

        var (exitCode, output, error) = await OperatorCli.RunAsync("suppression", "import", "--file", file, "--db", db);

        Assert.Equal(OperatorExitCodes.BadLines, exitCode);
        var reported = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, reported.Length);
        Assert.StartsWith("suppression import: line 3: ", reported[0], StringComparison.Ordinal);
        Assert.StartsWith("suppression import: line 5: ", reported[1], StringComparison.Ordinal);
        Assert.DoesNotContain("not-an-address", error, StringComparison.Ordinal);
        Assert.Contains("imported 4 of 6 line(s): 2 newly suppressed, 2 already suppressed, 2 bad", output, StringComparison.Ordinal);
        Assert.Equal(
            ["listed@example.com|operator|operator", "one@example.com|complaint by mail|operator", "two@example.com|operator|operator"],
            await TableState.SuppressionsAsync(db));
    }

    [Fact]
    public async Task An_export_imports_into_another_database_as_the_same_list()
    {
        var source = await stack.NewDatabaseAsync("suppress-export");
        var target = await stack.NewDatabaseAsync("suppress-reimport");
        await OperatorDatabase.ExecuteAsync(source, """
            insert into suppression (email, reason, source)
            select 'user' || i || '@example.com', 'bounce, "permanent"', 'ses-feedback' from generate_series(1, 12345) i
            """);
        var file = Path.Combine(_directory, "out.csv");

        var exported = await OperatorCli.RunAsync("suppression", "export", "--file", file, "--db", source);
        var imported = await OperatorCli.RunAsync("suppression", "import", "--file", file, "--db", target);

        Assert.Equal(OperatorExitCodes.Success, exported.ExitCode);
        Assert.Contains("exported 12345 address(es)", exported.Output, StringComparison.Ordinal);
        Assert.Equal(OperatorExitCodes.Success, imported.ExitCode);
        Assert.Contains("12345 newly suppressed", imported.Output, StringComparison.Ordinal);
        Assert.Equal(
            (await TableState.LinesAsync(source, "select email || '|' || reason from suppression order by email")),
            await TableState.LinesAsync(target, "select email || '|' || reason from suppression order by email"));
    }

    [Fact]
    public async Task List_as_json_names_every_address_in_order()
    {
        var db = await stack.NewDatabaseAsync("suppress-list");
        await OperatorCli.RunAsync("suppression", "add", "b@example.com", "--db", db);
        await OperatorCli.RunAsync("suppression", "add", "a@example.com", "--reason", "unsubscribe", "--db", db);

        var (exitCode, output, _) = await OperatorCli.RunAsync("suppression", "list", "--json", "--db", db);

        Assert.Equal(OperatorExitCodes.Success, exitCode);
        var entries = JsonDocument.Parse(output).RootElement.GetProperty("suppressions").EnumerateArray()
            .Select(e => $"{e.GetProperty("email").GetString()}|{e.GetProperty("reason").GetString()}").ToList();
        Assert.Equal(["a@example.com|unsubscribe", "b@example.com|operator"], entries);
    }
}
