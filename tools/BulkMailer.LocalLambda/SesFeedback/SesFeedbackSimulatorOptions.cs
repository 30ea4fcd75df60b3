namespace BulkMailer.LocalLambda.SesFeedback;

/// <summary>Where <see cref="SesFeedbackSimulator"/> reads accepted mails and publishes their events, and how.</summary>
public sealed record SesFeedbackSimulatorOptions
{
    /// <summary>aws-ses-v2-local's endpoint; its store of accepted mails is at <c>GET /store</c>.</summary>
    public required Uri SesEndpoint { get; init; }

    /// <summary>The SNS topic the configuration set's event destination publishes to.</summary>
    public required string TopicArn { get; init; }

    /// <summary>How often <see cref="SesFeedbackSimulator.RunAsync"/> looks at the store.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Mails accepted before this are ignored (the store is per emulator process, and may hold earlier runs' mails).
    /// The store records whole seconds, so a mail in the same second as this may still be included.
    /// </summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>
    /// Written into each event's <c>mail.tags["ses:configuration-set"]</c> unless the mail's recorded tags name the set
    /// its send call gave (the SES front records it; the emulator's store keeps no configuration set).
    /// </summary>
    public string ConfigurationSet { get; init; } = "bulkmailer-events";

    /// <summary>
    /// How old a mail must be (from the store's whole-second acceptance time) before its events are published
    /// (default zero: at once). Real SES publishes its events seconds after accepting a mail; <c>local run</c> sets a
    /// few seconds to play that. Not needed for correctness: an event that overtakes the sender's record of the SES
    /// message id still finds its job through the <c>bulkmailer-job</c> tag it carries (the SES front's
    /// <c>SesMailTagLog</c>), as in AWS.
    /// </summary>
    public TimeSpan OutcomeDelay { get; init; } = TimeSpan.Zero;

    /// <summary>How many PublishBatch calls are in flight at once; each mail's own events stay in order in one publisher.</summary>
    public int MaxParallelMails { get; init; } = 4;
}
