using System.Text.Json;
using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.LocalLambda.RuntimeApi;

namespace BulkMailer.IntegrationTests.Sender;

/// <summary>
/// A real sender process behind a test Runtime API, on its own database of the shared PostgreSQL, sending to
/// aws-ses-v2-local or a given SES stand-in; plus the job bodies the sender process tests send it.
/// </summary>
public sealed record SenderUnderTest(string Db, RuntimeApiServer Runtime, FunctionProcess Process) : IAsyncDisposable
{
    public static async Task<SenderUnderTest> StartAsync(LocalServersFixture stack, string name, Uri? sesEndpoint = null, Dictionary<string, string>? extra = null, string? db = null)
    {
        ArgumentNullException.ThrowIfNull(stack);
        db ??= await stack.NewDatabaseAsync(name);
        var runtime = RuntimeApiServer.Start();
        var environment = new Dictionary<string, string>(stack.Stack.AwsEnvironment())
        {
            ["BULKMAILER_DB"] = db,
            ["AWS_LAMBDA_FUNCTION_NAME"] = name,
            ["AWS_ENDPOINT_URL_SES"] = (sesEndpoint ?? stack.SesEndpoint).ToString().TrimEnd('/'),
            ["BULKMAILER_DEADLINE_MARGIN_MS"] = "1000",
        };
        foreach (var (key, value) in extra ?? [])
        {
            environment[key] = value;
        }
        return new SenderUnderTest(db, runtime, FunctionProcess.Start("BulkMailer.Sender.Bootstrap", runtime.RuntimeApiAddress, environment));
    }

    /// <summary>A simple job, or a templated one when <paramref name="template"/> is given.</summary>
    public static string Job(string jobId, string to, string? template = null, string? campaign = "c1") =>
        template is null
            ? JsonSerializer.Serialize(new Dictionary<string, object?> { ["jobId"] = jobId, ["campaignId"] = campaign, ["from"] = "News <news@acme.example>", ["to"] = to, ["subject"] = "Hello", ["text"] = "plain body" })
            : JsonSerializer.Serialize(new Dictionary<string, object?> { ["jobId"] = jobId, ["campaignId"] = campaign, ["from"] = "news@acme.example", ["to"] = to, ["template"] = new { name = template, data = new { name = "Ada" } } });

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        await Runtime.DisposeAsync();
    }
}
