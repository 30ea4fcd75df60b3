using BulkMailer.Feedback.Ports;
using BulkMailer.Lambda.Configuration;
using BulkMailer.Lambda.Observability;
using BulkMailer.Lambda.Processing;
using BulkMailer.Lambda.Runtime;

namespace BulkMailer.Feedback;

/// <summary>
/// The feedback function's init phase: options validated once, and the environment's store (its one database
/// connection) opened here, so the first invocation does not pay for it and no invocation ever opens another.
/// </summary>
public static class FeedbackFunction
{
    /// <summary>Builds the environment's store (and opens its connection) from the function's environment.</summary>
    public delegate Task<IFeedbackStore> StoreFactory(FunctionEnvironment environment, string applicationName, CancellationToken cancellationToken);

    public static async Task<LambdaHandler> InitAsync(StoreFactory createStore, FunctionEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(createStore);
        ArgumentNullException.ThrowIfNull(environment);
        var options = FeedbackOptions.From(environment);
        var store = await createStore(environment, options.FunctionName, cancellationToken).ConfigureAwait(false);
        var handler = new FeedbackHandler(store, options, JsonLogger.Default);
        return SqsBatchProcessor.ForFunction(handler, () => store.RoundTrips, options.FunctionName);
    }
}
