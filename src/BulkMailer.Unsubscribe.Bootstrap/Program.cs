using BulkMailer.Data.Connections;
using BulkMailer.Data.Unsubscribe;
using BulkMailer.Lambda.Configuration;
using BulkMailer.Lambda.Hosting;
using BulkMailer.Unsubscribe;

// The deployed unsubscribe function: the environment's one static connection, opened in the init phase, behind its store port.
return await LambdaHost.RunAsync(cancellationToken =>
    UnsubscribeFunction.InitAsync(
        async (environment, applicationName, token) => new UnsubscribeStore(await FunctionConnection.OpenAsync(environment, applicationName, token).ConfigureAwait(false)),
        FunctionEnvironment.FromProcess(),
        cancellationToken));
