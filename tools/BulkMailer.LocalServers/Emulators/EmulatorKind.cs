namespace BulkMailer.LocalServers.Emulators;

/// <summary>The AWS stand-ins tools/local/serve.mjs can start.</summary>
public enum EmulatorKind
{
    /// <summary>fauxqs: SQS (JSON protocol) and SNS, with SNS → SQS delivery.</summary>
    Fauxqs,

    /// <summary>aws-ses-v2-local: SES v2 SendEmail/SendBulkEmail, accepted mails at GET /store.</summary>
    Ses,
}
