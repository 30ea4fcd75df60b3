using BulkMailer.Data.Connections;

namespace BulkMailer.IntegrationTests.Maintenance;

/// <summary>
/// A clock that moves on by a fixed time per statement the connection sent: a table as slow as the test says, with
/// no waiting — the handler's deadline arithmetic sees each statement take <paramref name="perStatement"/>.
/// </summary>
public sealed class StatementClock(StaticConnection connection, DateTimeOffset start, TimeSpan perStatement) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => start + perStatement * connection.RoundTrips;
}
