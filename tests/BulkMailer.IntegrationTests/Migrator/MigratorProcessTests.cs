using System.Text;
using System.Text.Json;
using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.LocalLambda.Environments;
using Npgsql;

namespace BulkMailer.IntegrationTests.Migrator;

/// <summary>
/// The real migrator bootstrap under the local Lambda service, invoked with CloudFormation's custom-resource request
/// and answering to a local ResponseURL: Create builds the schema, Update is idempotent, Delete keeps the data, a
/// failing migration answers FAILED with the reason.
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed class MigratorProcessTests(LocalServersFixture stack)
{
    private const string StackId = "arn:aws:cloudformation:us-east-1:123456789012:stack/bulkmailer/5b5c1a40-0000-0000-0000-000000000000";

    private static byte[] Request(string type, string requestId, string responseUrl, string? physicalId = null, string hash = "h1")
    {
        var request = new Dictionary<string, object?>
        {
            ["RequestType"] = type,
            ["ServiceToken"] = "arn:aws:lambda:us-east-1:123456789012:function:bulkmailer-migrator",
            ["ResponseURL"] = responseUrl,
            ["StackId"] = StackId,
            ["RequestId"] = requestId,
            ["ResourceType"] = "Custom::BulkMailerSchema",
            ["LogicalResourceId"] = "Schema",
            ["ResourceProperties"] = new Dictionary<string, object> { ["ServiceToken"] = "x", ["MigrationsHash"] = hash },
        };
        if (physicalId is not null)
        {
            request["PhysicalResourceId"] = physicalId;
        }
        if (type == "Update")
        {
            request["OldResourceProperties"] = new Dictionary<string, object> { ["ServiceToken"] = "x", ["MigrationsHash"] = "h0" };
        }
        return Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request));
    }

    private async Task<string> EmptyDatabaseAsync(string name) =>
        await stack.Postgres.CreateDatabaseAsync($"mig_{name}_{Guid.NewGuid():N}"[..30]);

    private static LocalFunction Migrator(string db) => new(new FunctionDefinition
    {
        Name = "bulkmailer-migrator",
        Executable = FunctionProcess.BuiltBootstrap("BulkMailer.Migrator.Bootstrap"),
        Environment = new Dictionary<string, string> { ["BULKMAILER_DB"] = db, ["AWS_REGION"] = "us-east-1" },
        Timeout = TimeSpan.FromSeconds(60),
        ReservedConcurrency = 1,
    });

    private static async Task<long> CountAsync(string db, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Create_builds_the_schema_and_answers_success_to_the_response_url()
    {
        var db = await EmptyDatabaseAsync("create");
        await using var responses = new ResponseUrlServer();
        await using var migrator = Migrator(db);

        var result = await migrator.InvokeAsync(Request("Create", "r-create", responses.UrlFor("r-create")), CancellationToken.None);

        Assert.Equal(InvocationStatus.Succeeded, result.Status);
        var answer = responses.AnswerFor("r-create");
        Assert.Equal("SUCCESS", answer.GetProperty("Status").GetString());
        Assert.Equal("bulkmailer-schema", answer.GetProperty("PhysicalResourceId").GetString());
        Assert.Equal(StackId, answer.GetProperty("StackId").GetString());
        Assert.Equal("r-create", answer.GetProperty("RequestId").GetString());
        Assert.Equal("Schema", answer.GetProperty("LogicalResourceId").GetString());
        var versions = await CountAsync(db, "select count(*) from schema_version");
        Assert.True(versions >= 4);
        Assert.Equal(versions.ToString(System.Globalization.CultureInfo.InvariantCulture), answer.GetProperty("Data").GetProperty("Applied").GetString()!.Split(',').Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, await CountAsync(db, "select count(*) from mail_message"));
        // S3 checks a pre-signed PUT against its signature: no content type may be added.
        Assert.Null(responses.Received.Single().ContentType);
    }

    [Fact]
    public async Task Update_is_idempotent_and_delete_keeps_every_row()
    {
        var db = await EmptyDatabaseAsync("update");
        await using var responses = new ResponseUrlServer();
        await using var migrator = Migrator(db);
        await migrator.InvokeAsync(Request("Create", "r1", responses.UrlFor("r1")), CancellationToken.None);
        await CountAsync(db, "insert into mail_message (job_id, campaign_id, recipient, status) values ('kept', 'c', 'ada@example.com', 'sent') returning 1");

        var update = await migrator.InvokeAsync(Request("Update", "r2", responses.UrlFor("r2"), "bulkmailer-schema", "h2"), CancellationToken.None);
        var delete = await migrator.InvokeAsync(Request("Delete", "r3", responses.UrlFor("r3"), "bulkmailer-schema"), CancellationToken.None);

        Assert.Equal(InvocationStatus.Succeeded, update.Status);
        Assert.Equal(InvocationStatus.Succeeded, delete.Status);
        var updated = responses.AnswerFor("r2");
        Assert.Equal("SUCCESS", updated.GetProperty("Status").GetString());
        Assert.Equal("", updated.GetProperty("Data").GetProperty("Applied").GetString());
        Assert.Equal("bulkmailer-schema", updated.GetProperty("PhysicalResourceId").GetString());
        var deleted = responses.AnswerFor("r3");
        Assert.Equal("SUCCESS", deleted.GetProperty("Status").GetString());
        Assert.Equal("bulkmailer-schema", deleted.GetProperty("PhysicalResourceId").GetString());
        Assert.Equal(1, await CountAsync(db, "select count(*) from mail_message where job_id = 'kept'"));
        Assert.True(await CountAsync(db, "select count(*) from schema_version") >= 4);
        Assert.Equal(1, migrator.ColdStarts);
    }

    [Fact]
    public async Task A_failing_migration_answers_failed_with_the_reason_and_applies_nothing_of_that_version()
    {
        var db = await EmptyDatabaseAsync("failing");
        // An object in the way of the first migration: its create table fails (42P07), as a hand-made table would.
        await CountAsync(db, "create table mail_message (x int); select 1");
        await using var responses = new ResponseUrlServer();
        await using var migrator = Migrator(db);

        var result = await migrator.InvokeAsync(Request("Create", "r-fail", responses.UrlFor("r-fail")), CancellationToken.None);

        // The function itself succeeded: it answered CloudFormation, which is what ends the wait.
        Assert.Equal(InvocationStatus.Succeeded, result.Status);
        var answer = responses.AnswerFor("r-fail");
        Assert.Equal("FAILED", answer.GetProperty("Status").GetString());
        var reason = answer.GetProperty("Reason").GetString()!;
        Assert.Contains("42P07", reason, StringComparison.Ordinal);
        Assert.Contains("mail_message", reason, StringComparison.Ordinal);
        Assert.Equal("bulkmailer-schema", answer.GetProperty("PhysicalResourceId").GetString());
        Assert.Equal(0, await CountAsync(db, "select count(*) from schema_version"));
    }

    [Fact]
    public async Task A_direct_invocation_migrates_and_returns_the_summary_without_a_response_url()
    {
        var db = await EmptyDatabaseAsync("direct");
        await using var migrator = Migrator(db);

        var result = await migrator.InvokeAsync(Encoding.UTF8.GetBytes("{}"), CancellationToken.None);

        Assert.Equal(InvocationStatus.Succeeded, result.Status);
        using var document = JsonDocument.Parse(result.Response);
        Assert.Equal("SUCCESS", document.RootElement.GetProperty("Status").GetString());
        Assert.True(await CountAsync(db, "select count(*) from schema_version") >= 4);
    }
}
