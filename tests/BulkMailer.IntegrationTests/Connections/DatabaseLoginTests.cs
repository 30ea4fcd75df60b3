using BulkMailer.Data.Connections;
using BulkMailer.Lambda.Configuration;
using BulkMailer.LocalServers.Postgres;
using Npgsql;

namespace BulkMailer.IntegrationTests.Connections;

/// <summary>
/// How a deployed function logs in, against a real server that checks passwords (scram-sha-256) and offers TLS with a
/// certificate from a test CA: verified TLS from the configured bundle, and a rotated secret picked up on reconnect.
/// </summary>
public sealed class DatabaseLoginTests : IAsyncLifetime
{
    private const string SuperuserPassword = "superuser-secret";
    private readonly TestCertificateAuthority _authority = new("bulkmailer-test");
    private PostgresCluster? _cluster;

    private PostgresCluster Cluster => _cluster!;

    public async Task InitializeAsync() => _cluster = await PostgresCluster.StartAsync(new PostgresOptions
    {
        MaxConnections = 20,
        SuperuserPassword = SuperuserPassword,
        Tls = new PostgresTlsFiles(_authority.ServerCertificatePath, _authority.ServerKeyPath),
    });

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
        _authority.Dispose();
    }

    private static FunctionEnvironment Environment(IReadOnlyDictionary<string, string> variables) =>
        new(name => variables.TryGetValue(name, out var value) ? value : null);

    private static Task<string?> SslInUse(StaticConnection connection) =>
        connection.ExecuteAsync(async (c, ct) =>
        {
            await using var command = new NpgsqlCommand("select ssl::text from pg_stat_ssl where pid = pg_backend_pid()", c);
            return (string?)await command.ExecuteScalarAsync(ct);
        });

    [Fact]
    public async Task A_login_with_the_root_certificate_bundle_verifies_the_server_and_talks_tls()
    {
        var login = await DatabaseLogin.FromEnvironmentAsync(Environment(new Dictionary<string, string>
        {
            [FunctionVariables.Database] = Cluster.ConnectionString,
            [FunctionVariables.DatabaseRootCertificate] = _authority.RootBundlePath,
        }));
        await using var connection = new StaticConnection(login, "tls-verified");

        Assert.Equal("true", await SslInUse(connection));
        Assert.Equal(SslMode.VerifyFull, new NpgsqlConnectionStringBuilder(login.ConnectionString).SslMode);
    }

    [Fact]
    public async Task A_server_whose_certificate_does_not_chain_to_the_bundle_is_refused()
    {
        using var otherAuthority = new TestCertificateAuthority("someone-else");
        var login = await DatabaseLogin.FromEnvironmentAsync(Environment(new Dictionary<string, string>
        {
            [FunctionVariables.Database] = Cluster.ConnectionString,
            [FunctionVariables.DatabaseRootCertificate] = otherAuthority.RootBundlePath,
        }));
        await using var connection = new StaticConnection(login, "tls-refused");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => connection.OpenAsync());
        Assert.IsNotType<PostgresException>(failure);
        Assert.Equal(0, connection.Opens);
    }

    [Fact]
    public async Task A_rotated_secret_is_read_again_when_the_server_refuses_the_old_password_and_the_call_succeeds()
    {
        await ExecuteAsSuperuserAsync("create role rotated_app login password 'first-password'");
        var extension = new SecretsExtensionStandIn("rotated_app", "first-password");
        var login = await DatabaseLogin.FromEnvironmentAsync(Environment(new Dictionary<string, string>
        {
            [FunctionVariables.Database] = new NpgsqlConnectionStringBuilder(Cluster.ConnectionString) { Username = "ignored", Password = null }.ConnectionString,
            [FunctionVariables.DatabaseSecretArn] = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db",
            [FunctionVariables.SessionToken] = SecretsExtensionStandIn.SessionToken,
        }), extension);
        await using var connection = new StaticConnection(login, "rotated-app");
        Assert.Equal("rotated_app", await CurrentUser(connection));

        // Rotation: the secret and the role change together; the environment's connection is cut (idle timeout, failover).
        await ExecuteAsSuperuserAsync("alter role rotated_app password 'second-password'");
        extension.Password = "second-password";
        await ExecuteAsSuperuserAsync("select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'rotated-app'");

        Assert.Equal("rotated_app", await CurrentUser(connection));
        Assert.Equal(2, extension.Reads);
        Assert.Equal(2, connection.Opens);
    }

    private static Task<string?> CurrentUser(StaticConnection connection) =>
        connection.ExecuteAsync(async (c, ct) =>
        {
            await using var command = new NpgsqlCommand("select current_user::text", c);
            return (string?)await command.ExecuteScalarAsync(ct);
        });

    private async Task ExecuteAsSuperuserAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Cluster.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
