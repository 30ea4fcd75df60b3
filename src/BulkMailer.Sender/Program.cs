using BulkMailer.Data.Connections;
using BulkMailer.Data.Mail;
using BulkMailer.Lambda.Events;
using BulkMailer.Lambda.Hosting;
using BulkMailer.Lambda.Observability;
using BulkMailer.Sender;
using BulkMailer.Sender.Sending;
using BulkMailer.Ses.Client;
using BulkMailer.Ses.RateLimiting;

// Init phase: every long-lived object is built once per execution environment — above all the one database
// connection, opened here so the first invocation does not pay for it and no invocation ever opens another.
return await LambdaHost.RunAsync(async cancellationToken =>
{
    var options = SenderOptions.FromEnvironment();
    var connectionString = await DatabaseConnectionString.FromEnvironmentAsync(cancellationToken: cancellationToken);
    var connection = new StaticConnection(connectionString, options.FunctionName);
    await connection.OpenAsync(cancellationToken);
    var dispatcher = new MailDispatcher(new SesClient(SesClientOptions.FromEnvironment()), new SendRateLimiter(options.MaxSendRate), options);
    var metrics = new EmfMetrics("BulkMailer").SetDimension("FunctionName", options.FunctionName);
    var handler = new SenderHandler(new MailStore(connection), connection, dispatcher, options, JsonLogger.Default, metrics);
    return LambdaHandlers.Json(LambdaEventsJsonContext.Default.SqsEvent, LambdaEventsJsonContext.Default.SqsBatchResponse, handler.HandleAsync);
});
