using BulkMailer.Lambda.Configuration;
using BulkMailer.Lambda.Hosting;
using BulkMailer.Lambda.Observability;
using BulkMailer.Lambda.Runtime;
using BulkMailer.Migrator.CustomResources;
using BulkMailer.Migrator.Ports;

namespace BulkMailer.Migrator;

/// <summary>
/// The migrator's init phase: the migration port and the HTTP client for the ResponseURL are built once. The port
/// opens its connection only while it migrates: the migrator runs during deploys, and holds one connection then.
/// </summary>
public static class MigratorFunction
{
    /// <summary>Builds the migration port from the function's environment (it resolves the connection string).</summary>
    public delegate Task<ISchemaMigrations> MigrationsFactory(FunctionEnvironment environment, string applicationName, CancellationToken cancellationToken);

    public static async Task<LambdaHandler> InitAsync(MigrationsFactory createMigrations, FunctionEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(createMigrations);
        ArgumentNullException.ThrowIfNull(environment);
        var migrations = await createMigrations(environment, environment.FunctionName("bulkmailer-migrator"), cancellationToken).ConfigureAwait(false);
        environment.ThrowIfInvalid("migrator");
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        var handler = new MigratorHandler(migrations, new ResponseUploader(http), JsonLogger.Default);
        return LambdaHandlers.Json(CustomResourceJsonContext.Default.CustomResourceRequest, CustomResourceJsonContext.Default.CustomResourceResponse, handler.HandleAsync);
    }
}
