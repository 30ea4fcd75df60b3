using BulkMailer.Deployment.Options;

namespace BulkMailer.Cli.Packaging;

/// <summary>One packaged function: where its bootstrap is, how big, for which processor, and how long the build took.</summary>
public sealed record PackagedBootstrap(string Function, string BootstrapPath, long Bytes, FunctionArchitecture Architecture, TimeSpan BuildTime);
