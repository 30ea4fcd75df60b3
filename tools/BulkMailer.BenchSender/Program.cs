using BulkMailer.Bench.Variants;
using BulkMailer.Lambda.Hosting;
using BulkMailer.Sender;

var variant = Environment.GetEnvironmentVariable(BenchVariant.EnvironmentVariable) ?? BenchVariant.Design;
return await LambdaHost.RunAsync(cancellationToken =>
    SenderFunction.InitAsync((connectionString, name, ct) => BenchStores.CreateAsync(variant, connectionString, name, ct), cancellationToken));
