using BulkMailer.Data.Connections;
using BulkMailer.Data.Maintenance;
using BulkMailer.Lambda.Configuration;
using BulkMailer.Lambda.Hosting;
using BulkMailer.Maintenance;

// The deployed maintenance function: the environment's one static connection, opened in the init phase, behind its store port.
return await LambdaHost.RunAsync(cancellationToken =>
    MaintenanceFunction.InitAsync(
        async (environment, applicationName, token) => new MaintenanceStore(await FunctionConnection.OpenAsync(environment, applicationName, token).ConfigureAwait(false)),
        FunctionEnvironment.FromProcess(),
        cancellationToken));
