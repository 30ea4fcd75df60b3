using BulkMailer.Bench.Variants;
using BulkMailer.Lambda.Configuration;
using BulkMailer.Lambda.Hosting;
using BulkMailer.Sender;

// The bench sender: the sender's own init and handler, over the data access of the variant under test.
var environment = FunctionEnvironment.FromProcess();
var variant = environment.Text(BenchVariant.EnvironmentVariable) ?? BenchVariant.Design;
return await LambdaHost.RunAsync(cancellationToken =>
    SenderFunction.InitAsync((env, name, ct) => BenchStores.CreateAsync(variant, env, name, ct), environment, cancellationToken));
