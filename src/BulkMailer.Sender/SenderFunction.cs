using BulkMailer.Data.Connections;
using BulkMailer.Data.Mail;
using BulkMailer.Lambda.Events;
using BulkMailer.Lambda.Observability;
using BulkMailer.Lambda.Runtime;
using BulkMailer.Sender.Sending;
using BulkMailer.Ses.Client;
using BulkMailer.Ses.RateLimiting;

namespace BulkMailer.Sender;

/// <summary>
/// The sender's init phase: every long-lived object is built once per execution environment — above all the
/// database access, opened here so the first invocation does not pay for it and no invocation opens another.
/// The store is a parameter only so the benchmark can run the same handler over the naive patterns; the deployed
/// function always uses <see cref="StaticConnectionStoreAsync"/>.
/// </summary>
public static class SenderFunction
{
    /// <summary>Builds a store for a connection string and an application name.</summary>
    public delegate Task<ISenderStore> StoreFactory(string connectionString, string applicationName, CancellationToken cancellationToken);

    /// <summary>The design: one static connection, opened now, and the one-round-trip statements.</summary>
    public static async Task<ISenderStore> StaticConnectionStoreAsync(string connectionString, string applicationName, CancellationToken cancellationToken)
    {
        var connection = new StaticConnection(connectionString, applicationName);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return new MailStore(connection);
    }

    public static async Task<LambdaHandler> InitAsync(StoreFactory createStore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(createStore);
        var options = SenderOptions.FromEnvironment();
        var connectionString = await DatabaseConnectionString.FromEnvironmentAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var store = await createStore(connectionString, options.FunctionName, cancellationToken).ConfigureAwait(false);
        var ses = new SesClient(SesClientOptions.FromEnvironment());
        await ses.WarmUpAsync(cancellationToken).ConfigureAwait(false);
        var dispatcher = new MailDispatcher(ses, new SendRateLimiter(options.MaxSendRate), options);
        var metrics = new EmfMetrics("BulkMailer").SetDimension("FunctionName", options.FunctionName);
        var handler = new SenderHandler(store, dispatcher, options, JsonLogger.Default, metrics);
        return Lambda.Hosting.LambdaHandlers.Json(LambdaEventsJsonContext.Default.SqsEvent, LambdaEventsJsonContext.Default.SqsBatchResponse, handler.HandleAsync);
    }
}
