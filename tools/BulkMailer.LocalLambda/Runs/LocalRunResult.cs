using BulkMailer.LocalLambda.Reporting;

namespace BulkMailer.LocalLambda.Runs;

/// <summary>What a local run produced, with the facts an end-to-end check compares against the campaign.</summary>
/// <param name="ExpectedStatuses">The final statuses the sample campaign must end in.</param>
/// <param name="SesAcceptedMails">Mails aws-ses-v2-local accepted (its store), duplicates included if any.</param>
/// <param name="SesDistinctRecipients">Distinct recipients among them.</param>
/// <param name="SuppressedEmails">The suppression list at the end, sorted.</param>
/// <param name="BouncedOrComplainedRecipients">Recipients of jobs that ended bounced or complained, lower-case, sorted.</param>
/// <param name="Settled">False when the run gave up at its timeout.</param>
public sealed record LocalRunResult(
    RunReport Report,
    IReadOnlyDictionary<string, int> ExpectedStatuses,
    long SesAcceptedMails,
    long SesDistinctRecipients,
    IReadOnlyList<string> SuppressedEmails,
    IReadOnlyList<string> BouncedOrComplainedRecipients,
    bool Settled);
