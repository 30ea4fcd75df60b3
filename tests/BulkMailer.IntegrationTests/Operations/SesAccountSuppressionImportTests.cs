using BulkMailer.Cli.Operations;
using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.TestSupport.Ses;

namespace BulkMailer.IntegrationTests.Operations;

/// <summary>
/// <c>bulkmailer suppression import --from-ses-account</c> against a real PostgreSQL and an SES stand-in serving
/// ListSuppressedDestinations as SES's v2 model does (GET, pages linked by NextToken, BOUNCE/COMPLAINT reasons).
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed class SesAccountSuppressionImportTests(LocalServersFixture stack)
{
    private const string Rows = "select email || '|' || reason || '|' || source from suppression order by email";

    private static Task<(int ExitCode, string Output, string Error)> ImportAsync(SesStandIn ses, string db) =>
        OperatorCli.RunAsync("suppression", "import", "--from-ses-account", "--endpoint-url", ses.Endpoint.ToString(), "--region", "us-east-1", "--db", db);

    private static SesStandIn StandInWithFiveSuppressions()
    {
        var ses = SesStandIn.Start();
        ses.SuppressOnAccount("Bounced.One@Example.com", "BOUNCE");
        ses.SuppressOnAccount("complained@example.com", "COMPLAINT");
        ses.SuppressOnAccount("bounced.two@example.com", "BOUNCE");
        ses.SuppressOnAccount("already@example.com", "BOUNCE");
        ses.SuppressOnAccount("bounced.three@example.com", "BOUNCE");
        return ses;
    }

    [Fact]
    public async Task Every_page_of_the_SES_account_list_is_imported_lower_cased_with_its_reason_and_a_rerun_adds_nothing()
    {
        var db = await stack.NewDatabaseAsync("suppress-ses");
        await using var ses = StandInWithFiveSuppressions();
        await OperatorCli.RunAsync("suppression", "add", "already@example.com", "--reason", "unsubscribe", "--db", db);

        var first = await ImportAsync(ses, db);
        var rowsAfterFirst = await TableState.LinesAsync(db, Rows);
        var second = await ImportAsync(ses, db);

        Assert.Equal(OperatorExitCodes.Success, first.ExitCode);
        Assert.Contains("imported 5 address(es) from SES's account suppression list in 3 page(s): 4 newly suppressed, 1 already suppressed", first.Output, StringComparison.Ordinal);
        Assert.Equal(
            [
                "already@example.com|unsubscribe|operator",
                "bounced.one@example.com|bounce|ses-account",
                "bounced.three@example.com|bounce|ses-account",
                "bounced.two@example.com|bounce|ses-account",
                "complained@example.com|complaint|ses-account",
            ],
            rowsAfterFirst);
        Assert.Equal(OperatorExitCodes.Success, second.ExitCode);
        Assert.Contains("0 newly suppressed, 5 already suppressed", second.Output, StringComparison.Ordinal);
        Assert.Equal(rowsAfterFirst, await TableState.LinesAsync(db, Rows));
        // Two runs of three pages each: GETs on SES's path, signed, the later pages asking with the token of the one before.
        var gets = ses.Requests.Where(r => r.Method == "GET" && r.Path == "/v2/email/suppression/addresses").ToList();
        Assert.Equal(6, gets.Count);
        Assert.All(gets, r => Assert.StartsWith("AWS4-HMAC-SHA256 ", r.Headers["Authorization"], StringComparison.Ordinal));
        Assert.DoesNotContain("bounced", first.Error + second.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Access_denied_by_SES_gives_a_clear_message_a_non_zero_exit_and_changes_nothing()
    {
        var db = await stack.NewDatabaseAsync("suppress-ses-denied");
        await using var ses = StandInWithFiveSuppressions();
        ses.Script(SesStandInReply.Error(403, "AccessDeniedException",
            "User: arn:aws:iam::123456789012:user/ops is not authorized to perform: ses:ListSuppressedDestinations"));

        var (exitCode, output, error) = await ImportAsync(ses, db);

        Assert.Equal(OperatorExitCodes.Failed, exitCode);
        Assert.Contains("AccessDeniedException (403)", error, StringComparison.Ordinal);
        Assert.Contains("ses:ListSuppressedDestinations", error, StringComparison.Ordinal);
        Assert.DoesNotContain("imported", output, StringComparison.Ordinal);
        Assert.Empty(await TableState.LinesAsync(db, Rows));
    }

    [Fact]
    public async Task Import_refuses_both_a_file_and_the_SES_account_at_once()
    {
        var db = await stack.NewDatabaseAsync("suppress-ses-usage");

        var (exitCode, _, error) = await OperatorCli.RunAsync("suppression", "import", "--from-ses-account", "--file", "x.csv", "--db", db);

        Assert.Equal(OperatorExitCodes.Usage, exitCode);
        Assert.Contains("either --file or --from-ses-account", error, StringComparison.Ordinal);
    }
}
