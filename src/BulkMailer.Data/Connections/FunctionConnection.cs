using BulkMailer.Lambda.Configuration;

namespace BulkMailer.Data.Connections;

/// <summary>
/// A function's one static connection as its bootstrap opens it in the init phase: the login read from the
/// environment (<see cref="DatabaseLogin.FromEnvironmentAsync"/>), opened now, so the first invocation does not pay
/// for it and no invocation opens another.
/// </summary>
public static class FunctionConnection
{
    public static async Task<StaticConnection> OpenAsync(FunctionEnvironment environment, string applicationName, CancellationToken cancellationToken)
    {
        var login = await DatabaseLogin.FromEnvironmentAsync(environment, cancellationToken: cancellationToken).ConfigureAwait(false);
        var connection = new StaticConnection(login, applicationName);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }
}
