using BulkMailer.Core.Unsubscribe;
using BulkMailer.Lambda.Configuration;
using BulkMailer.Lambda.Observability;
using BulkMailer.Lambda.Processing;
using BulkMailer.Lambda.Runtime;
using BulkMailer.Lambda.Secrets;
using BulkMailer.Sender.Governor;
using BulkMailer.Sender.Ports;
using BulkMailer.Sender.Sending;
using BulkMailer.Ses.Client;
using BulkMailer.Ses.RateLimiting;

namespace BulkMailer.Sender;

/// <summary>
/// The sender's init phase: every long-lived object is built once per execution environment — above all the
/// database access, which the store factory opens here so the first invocation does not pay for it and no
/// invocation opens another. The store is a parameter so that the deployed bootstrap plugs in the static
/// connection and the benchmark the naive patterns it compares against, over the very same handler.
/// </summary>
public static class SenderFunction
{
    /// <summary>Builds the environment's store (and opens its connection) from the function's environment.</summary>
    public delegate Task<ISenderStore> StoreFactory(FunctionEnvironment environment, string applicationName, CancellationToken cancellationToken);

    /// <summary>Without visibility delays: a job handed back for an account stop comes back after its visibility timeout.</summary>
    public static Task<LambdaHandler> InitAsync(StoreFactory createStore, FunctionEnvironment environment, CancellationToken cancellationToken) =>
        InitAsync(createStore, visibility: null, environment, cancellationToken);

    /// <param name="visibility">Pushes out the next appearance of jobs handed back for an account-level stop (the
    /// deployed sender's is AWSSDK.SQS, built by its bootstrap); null for none.</param>
    public static async Task<LambdaHandler> InitAsync(StoreFactory createStore, IVisibilityDelayer? visibility, FunctionEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(createStore);
        ArgumentNullException.ThrowIfNull(environment);
        var options = SenderOptions.From(environment);
        var store = await createStore(environment, options.FunctionName, cancellationToken).ConfigureAwait(false);
        var ses = new SesClient(SesClientOptions.For(environment.Region, environment.SesEndpoint));
        await ses.WarmUpAsync(cancellationToken).ConfigureAwait(false);
        var unsubscribe = await UnsubscribeLinksAsync(options, environment, cancellationToken).ConfigureAwait(false);
        var dispatcher = new MailDispatcher(ses, new SendRateLimiter(options.MaxSendRate), options, JsonLogger.Default, unsubscribe);
        // The account's rate and quota: read once here (GetAccount), never failing init; refreshed on the invocation path.
        var governor = new AccountSendBudget(ses, options.AccountSendRate, AccountSendBudget.KeyFor(environment.Region), JsonLogger.Default);
        await governor.RefreshIfDueAsync(cancellationToken).ConfigureAwait(false);
        var handler = new SenderHandler(store, dispatcher, options, JsonLogger.Default, visibility, governor: governor);
        return SqsBatchProcessor.ForFunction(handler, () => store.RoundTrips, options.FunctionName);
    }

    /// <summary>
    /// The one-click unsubscribe links when the deployment has an unsubscribe URL: the signing key is read here, once
    /// (from Secrets Manager in AWS), and never logged; a URL without a key fails init instead of sending unsigned links.
    /// </summary>
    private static async Task<UnsubscribeLinks?> UnsubscribeLinksAsync(SenderOptions options, FunctionEnvironment environment, CancellationToken cancellationToken)
    {
        if (options.UnsubscribeBaseUrl is not { } baseUrl)
        {
            return null;
        }
        var keys = await FunctionSecrets.ReadAsync(environment, FunctionVariables.UnsubscribeKey, FunctionVariables.UnsubscribeKeySecretArn,
            "the unsubscribe signing secret", cancellationToken: cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException(
                $"invalid sender configuration: {FunctionVariables.UnsubscribeBaseUrl} needs {FunctionVariables.UnsubscribeKeySecretArn} (or {FunctionVariables.UnsubscribeKey} locally)");
        return new UnsubscribeLinks(baseUrl, new UnsubscribeTokenCodec(UnsubscribeSigningKeys.Parse(keys), TimeProvider.System, options.UnsubscribeValidity));
    }
}
