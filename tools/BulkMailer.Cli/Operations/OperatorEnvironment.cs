using Amazon.Runtime;
using Amazon.SQS;
using Spectre.Console;

namespace BulkMailer.Cli.Operations;

/// <summary>
/// What the operators' commands talk to: the console, the error stream and, for <c>redrive</c>, the SQS client
/// factory. Tests supply their own (a recording console, explicit test credentials); the CLI uses <see cref="Default"/>.
/// </summary>
public sealed record OperatorEnvironment(IAnsiConsole Console, TextWriter Error, Func<SqsEndpoint, IAmazonSQS> SqsFactory)
{
    /// <summary>Credentials for SES calls (<c>suppression import --from-ses-account</c>); null: the standard AWS chain.</summary>
    public AWSCredentials? SesCredentials { get; init; }

    /// <summary>The process console and SQS clients from the standard AWS configuration.</summary>
    public static OperatorEnvironment Default { get; } = new(AnsiConsole.Console, System.Console.Error, CreateSqsClient);

    /// <summary>A client for <paramref name="endpoint"/>: the SDK's own retries, the standard credential chain.</summary>
    public static IAmazonSQS CreateSqsClient(SqsEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var config = new AmazonSQSConfig();
        if (endpoint.ServiceUrl is { } url)
        {
            config.ServiceURL = url;
        }
        if (endpoint.Region is { } region)
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(region);
        }
        return new AmazonSQSClient(config);
    }
}
