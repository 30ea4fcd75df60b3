using BulkMailer.Data.Connections;
using BulkMailer.Data.Mail;

namespace BulkMailer.IntegrationTests.Fixtures;

/// <summary>
/// Base of the data tests that drive <see cref="MailStore"/> directly: every test gets a fresh migrated database
/// (named after the test class) and one <see cref="StaticConnection"/> to it, disposed after the test.
/// </summary>
/// <param name="applicationName">The connection's application_name, to tell the test's sessions apart in pg_stat_activity.</param>
public abstract class MailStoreTest(LocalServersFixture stack, string applicationName) : IAsyncLifetime
{
    /// <summary>The claim lease the data tests claim with.</summary>
    protected static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    protected LocalServersFixture Stack { get; } = stack;

    /// <summary>The test's database (a connection string).</summary>
    protected string Db { get; private set; } = "";

    protected MailStore Store { get; private set; } = null!;

    private StaticConnection _connection = null!;

    public async Task InitializeAsync()
    {
        Db = await Stack.NewDatabaseAsync(GetType().Name);
        _connection = new StaticConnection(Db, applicationName);
        Store = new MailStore(_connection);
    }

    public async Task DisposeAsync() => await _connection.DisposeAsync();
}
