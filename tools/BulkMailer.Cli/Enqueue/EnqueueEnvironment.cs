using BulkMailer.Client.Configuration;
using BulkMailer.Client.Enqueueing;
using Spectre.Console;

namespace BulkMailer.Cli.Enqueue;

/// <summary>
/// What <c>bulkmailer enqueue</c> talks to: the console, the error stream and the client factory. Tests supply
/// their own (a recording console, a client with explicit test credentials); the CLI uses <see cref="Default"/>.
/// </summary>
public sealed record EnqueueEnvironment(IAnsiConsole Console, TextWriter Error, Func<BulkMailerClientOptions, BulkMailerClient> ClientFactory)
{
    /// <summary>The process console and a client from the standard AWS configuration.</summary>
    public static EnqueueEnvironment Default { get; } =
        new(AnsiConsole.Console, System.Console.Error, options => new BulkMailerClient(options));

    /// <summary>How long in-flight batches may finish after an interrupt before they are abandoned.</summary>
    public TimeSpan InterruptGrace { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Minimum interval between checkpoint writes while running (the final state is always written).</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromMilliseconds(250);
}
