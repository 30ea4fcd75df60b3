using BulkMailer.Lambda.Configuration;
using BulkMailer.Lambda.Hosting;
using BulkMailer.Lambda.Observability;
using BulkMailer.Lambda.Runtime;
using BulkMailer.Maintenance.Metrics;
using BulkMailer.Maintenance.Ports;

namespace BulkMailer.Maintenance;

/// <summary>
/// The maintenance function's init phase: the settings validated once, and the environment's store — its one
/// database connection, as the least-privilege maintenance role — opened here, so no invocation opens another.
/// </summary>
public static class MaintenanceFunction
{
    /// <summary>Builds the environment's store (and opens its connection) from the function's environment.</summary>
    public delegate Task<IMaintenanceStore> StoreFactory(FunctionEnvironment environment, string applicationName, CancellationToken cancellationToken);

    public static async Task<LambdaHandler> InitAsync(StoreFactory createStore, FunctionEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(createStore);
        ArgumentNullException.ThrowIfNull(environment);
        var options = MaintenanceOptions.From(environment);
        var store = await createStore(environment, options.FunctionName, cancellationToken).ConfigureAwait(false);
        var handler = new MaintenanceHandler(store, options, new MaintenanceMetrics(options.FunctionName), TimeProvider.System, JsonLogger.Default);
        return LambdaHandlers.Json(MaintenanceJsonContext.Default.ScheduledEvent, MaintenanceJsonContext.Default.MaintenanceReport,
            (_, request, token) => handler.HandleAsync(request, token));
    }
}
