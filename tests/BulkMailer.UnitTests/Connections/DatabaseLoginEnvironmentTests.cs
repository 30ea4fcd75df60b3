using BulkMailer.Data.Connections;
using BulkMailer.Lambda.Configuration;
using Npgsql;

namespace BulkMailer.UnitTests.Connections;

public sealed class DatabaseLoginEnvironmentTests
{
    private const string Base = "Host=db.example.internal;Port=5432;Database=bulkmailer;Username=postgres";

    private static FunctionEnvironment Environment(params (string Name, string Value)[] variables) =>
        new(name => variables.FirstOrDefault(v => v.Name == name).Value);

    [Fact]
    public async Task Iam_authentication_logs_in_as_the_configured_role_with_a_token_source_and_no_password_in_the_string()
    {
        var environment = Environment(
            (FunctionVariables.Database, Base + ";Password=should-go"),
            (FunctionVariables.DatabaseUser, "bulkmailer_app"),
            (FunctionVariables.DatabaseAuth, "iam"),
            (FunctionVariables.Region, "eu-west-1"));

        var login = await DatabaseLogin.FromEnvironmentAsync(environment);

        var builder = new NpgsqlConnectionStringBuilder(login.ConnectionString);
        Assert.Equal("bulkmailer_app", builder.Username);
        Assert.Null(builder.Password);
        Assert.IsType<RdsIamAuthToken>(login.Passwords);
        Assert.Empty(environment.Problems);
    }

    [Fact]
    public async Task A_root_certificate_bundle_turns_on_full_verification_of_the_server()
    {
        var login = await DatabaseLogin.FromEnvironmentAsync(Environment(
            (FunctionVariables.Database, Base + ";SSL Mode=Require"),
            (FunctionVariables.DatabaseRootCertificate, "/var/task/rds-ca-bundle.pem")));

        var builder = new NpgsqlConnectionStringBuilder(login.ConnectionString);
        Assert.Equal(SslMode.VerifyFull, builder.SslMode);
        Assert.Equal("/var/task/rds-ca-bundle.pem", builder.RootCertificate);
    }

    [Fact]
    public async Task Without_an_auth_setting_the_string_is_used_as_it_is()
    {
        var login = await DatabaseLogin.FromEnvironmentAsync(Environment((FunctionVariables.Database, Base + ";Password=local")));

        Assert.Null(login.Passwords);
        Assert.Equal("local", new NpgsqlConnectionStringBuilder(login.ConnectionString).Password);
    }

    [Fact]
    public async Task An_unknown_auth_setting_is_reported_as_a_configuration_problem()
    {
        var environment = Environment((FunctionVariables.Database, Base), (FunctionVariables.DatabaseAuth, "kerberos"));

        await DatabaseLogin.FromEnvironmentAsync(environment);

        Assert.Contains(environment.Problems, p => p.Contains(FunctionVariables.DatabaseAuth, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Secret_authentication_without_a_secret_arn_is_reported_as_a_configuration_problem()
    {
        var environment = Environment((FunctionVariables.Database, Base), (FunctionVariables.DatabaseAuth, "secret"));

        await DatabaseLogin.FromEnvironmentAsync(environment);

        Assert.Contains(environment.Problems, p => p.Contains(FunctionVariables.DatabaseSecretArn, StringComparison.Ordinal));
    }

    [Fact]
    public void Bounds_the_string_leaves_at_npgsql_defaults_are_tightened_and_explicit_ones_are_kept()
    {
        var defaults = new NpgsqlConnectionStringBuilder(Base);
        var explicitOnes = new NpgsqlConnectionStringBuilder(Base + ";Timeout=3;Command Timeout=20");

        DatabaseTimeouts.ApplyDefaults(defaults);
        DatabaseTimeouts.ApplyDefaults(explicitOnes);

        Assert.Equal((DatabaseTimeouts.ConnectSeconds, DatabaseTimeouts.CommandSeconds), (defaults.Timeout, defaults.CommandTimeout));
        Assert.Equal(DatabaseTimeouts.KeepAliveSeconds, defaults.KeepAlive);
        Assert.True(defaults.TcpKeepAlive);
        Assert.Equal((3, 20), (explicitOnes.Timeout, explicitOnes.CommandTimeout));
    }
}
