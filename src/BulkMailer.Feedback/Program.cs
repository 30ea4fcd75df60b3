using BulkMailer.Data.Connections;
using BulkMailer.Data.Mail;
using BulkMailer.Feedback;
using BulkMailer.Lambda.Events;
using BulkMailer.Lambda.Hosting;
using BulkMailer.Lambda.Observability;

// Init phase: options validated once, and the environment's one database connection opened here, so the first
// invocation does not pay for it and no invocation ever opens another.
return await LambdaHost.RunAsync(async cancellationToken =>
{
    var options = FeedbackOptions.FromEnvironment();
    var connectionString = await DatabaseConnectionString.FromEnvironmentAsync(cancellationToken: cancellationToken);
    var connection = new StaticConnection(connectionString, options.FunctionName);
    await connection.OpenAsync(cancellationToken);
    var metrics = new EmfMetrics("BulkMailer").SetDimension("FunctionName", options.FunctionName);
    var handler = new FeedbackHandler(new MailStore(connection), connection, options, JsonLogger.Default, metrics);
    return LambdaHandlers.Json(LambdaEventsJsonContext.Default.SqsEvent, LambdaEventsJsonContext.Default.SqsBatchResponse, handler.HandleAsync);
});
