using BulkMailer.Core.Unsubscribe;
using BulkMailer.Lambda.Configuration;
using BulkMailer.Lambda.Events;
using BulkMailer.Lambda.Hosting;
using BulkMailer.Lambda.Observability;
using BulkMailer.Lambda.Runtime;
using BulkMailer.Lambda.Secrets;
using BulkMailer.Unsubscribe.Ports;

namespace BulkMailer.Unsubscribe;

/// <summary>
/// The unsubscribe function's init phase: the signing key(s) read once (from Secrets Manager in AWS; never logged),
/// and the environment's store — its one database connection — opened here, so no invocation opens another.
/// </summary>
public static class UnsubscribeFunction
{
    /// <summary>Builds the environment's store (and opens its connection) from the function's environment.</summary>
    public delegate Task<IUnsubscribeStore> StoreFactory(FunctionEnvironment environment, string applicationName, CancellationToken cancellationToken);

    public static async Task<LambdaHandler> InitAsync(StoreFactory createStore, FunctionEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(createStore);
        ArgumentNullException.ThrowIfNull(environment);
        var options = UnsubscribeOptions.From(environment);
        var keys = await FunctionSecrets.ReadAsync(environment, FunctionVariables.UnsubscribeKey, FunctionVariables.UnsubscribeKeySecretArn,
            "the unsubscribe signing secret", cancellationToken: cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException(
                $"invalid unsubscribe configuration: {FunctionVariables.UnsubscribeKeySecretArn} (or {FunctionVariables.UnsubscribeKey} locally) is not set");
        var codec = new UnsubscribeTokenCodec(UnsubscribeSigningKeys.Parse(keys), TimeProvider.System);
        var store = await createStore(environment, options.FunctionName, cancellationToken).ConfigureAwait(false);
        var handler = new UnsubscribeHandler(codec, store, JsonLogger.Default);
        return LambdaHandlers.Json(FunctionUrlJsonContext.Default.FunctionUrlRequest, FunctionUrlJsonContext.Default.FunctionUrlResponse,
            (request, _, token) => handler.HandleAsync(request, token));
    }
}
