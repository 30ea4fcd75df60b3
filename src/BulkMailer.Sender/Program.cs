using BulkMailer.Lambda.Hosting;
using BulkMailer.Sender;

return await LambdaHost.RunAsync(cancellationToken => SenderFunction.InitAsync(SenderFunction.StaticConnectionStoreAsync, cancellationToken));
