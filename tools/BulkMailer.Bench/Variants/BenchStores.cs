using BulkMailer.Data.Connections;
using BulkMailer.Data.Mail;
using BulkMailer.Lambda.Configuration;
using BulkMailer.Sender.Ports;

namespace BulkMailer.Bench.Variants;

/// <summary>Builds the data access of a benchmark variant inside a bench sender environment (its init phase).</summary>
public static class BenchStores
{
    /// <summary>The store for <paramref name="variant"/>; the design variant is exactly the deployed one.</summary>
    public static async Task<ISenderStore> CreateAsync(string variant, FunctionEnvironment environment, string applicationName, CancellationToken cancellationToken)
    {
        var login = await DatabaseLogin.FromEnvironmentAsync(environment, cancellationToken: cancellationToken).ConfigureAwait(false);
        var connectionString = login.ConnectionString;
        switch (variant)
        {
            case BenchVariant.Design:
            {
                var connection = new StaticConnection(connectionString, applicationName);
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                return new MailStore(connection);
            }
            case BenchVariant.QueryPerMessage:
            {
                var connection = new StaticConnection(connectionString, applicationName);
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                return new QueryPerMessageStore(connection);
            }
            case BenchVariant.ConnectionPerInvocation:
                return new ConnectionPerInvocationStore(WithName(connectionString, applicationName));
            case BenchVariant.PoolOfFive:
                return new PoolPerEnvironmentStore(WithName(connectionString, applicationName));
            default:
                throw new ArgumentException($"unknown bench variant '{variant}'; one of: {string.Join(", ", BenchVariant.All)}", nameof(variant));
        }
    }

    private static string WithName(string connectionString, string applicationName) =>
        new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = applicationName }.ConnectionString;
}
