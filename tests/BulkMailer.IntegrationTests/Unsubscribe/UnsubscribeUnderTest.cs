using System.Text;
using BulkMailer.Core.Unsubscribe;
using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.LocalLambda.FunctionUrls;
using BulkMailer.LocalLambda.RuntimeApi;
using Npgsql;

namespace BulkMailer.IntegrationTests.Unsubscribe;

/// <summary>
/// The real unsubscribe function process, logged in as its insert-only role (V010) on its own database, behind the
/// local function URL front; plus the codec a sender with the same key would sign links with.
/// </summary>
public sealed class UnsubscribeUnderTest : IAsyncDisposable
{
    /// <summary>The signing key of the tests (what BULKMAILER_UNSUBSCRIBE_KEY holds locally).</summary>
    public const string Key = "integration-tests-unsubscribe-key-0123456789abcdef";

    private const string Role = "bulkmailer_unsubscribe";

    private UnsubscribeUnderTest(string db, RuntimeApiServer runtime, FunctionProcess process, FunctionUrlFront front)
    {
        Db = db;
        Runtime = runtime;
        Process = process;
        Front = front;
    }

    public string Db { get; }

    public RuntimeApiServer Runtime { get; }

    public FunctionProcess Process { get; }

    public FunctionUrlFront Front { get; }

    public HttpClient Http { get; } = new();

    /// <summary>Links as a sender with the same key signs them, at <paramref name="clock"/>'s time.</summary>
    public UnsubscribeLinks Links(TimeProvider? clock = null) =>
        new(Front.Url, new UnsubscribeTokenCodec(UnsubscribeSigningKeys.Parse(Key), clock ?? TimeProvider.System));

    public static async Task<UnsubscribeUnderTest> StartAsync(LocalServersFixture stack, string name, string? db = null)
    {
        ArgumentNullException.ThrowIfNull(stack);
        db ??= await stack.NewDatabaseAsync(name);
        // The local cluster trusts local logins; the password only makes the login look like a deployed one.
        await stack.ScalarAsync<int>(db, $"alter role {Role} password 'unsubscribe-role-test'; select 1");
        var login = new NpgsqlConnectionStringBuilder(db) { Username = Role, Password = "unsubscribe-role-test" }.ConnectionString;
        var runtime = RuntimeApiServer.Start();
        var process = FunctionProcess.Start("BulkMailer.Unsubscribe.Bootstrap", runtime.RuntimeApiAddress, new Dictionary<string, string>
        {
            ["BULKMAILER_DB"] = login,
            ["AWS_LAMBDA_FUNCTION_NAME"] = name,
            ["BULKMAILER_UNSUBSCRIBE_KEY"] = Key,
        });
        return new UnsubscribeUnderTest(db, runtime, process, FunctionUrlFront.Start(runtime));
    }

    /// <summary>The RFC 8058 one-click POST a mailbox provider sends to the link.</summary>
    public async Task<(int Status, string Body)> PostAsync(string url, string body = UnsubscribeLinks.OneClick)
    {
        using var content = new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded");
        using var response = await Http.PostAsync(new Uri(url), content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<(int Status, string Body)> GetAsync(string url)
    {
        using var response = await Http.GetAsync(new Uri(url));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public Task<IReadOnlyList<string>> SuppressionsAsync() => TableState.SuppressionsAsync(Db);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Front.DisposeAsync();
        await Process.DisposeAsync();
        await Runtime.DisposeAsync();
    }
}
