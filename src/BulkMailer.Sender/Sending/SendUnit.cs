using BulkMailer.Core.Jobs;

namespace BulkMailer.Sender.Sending;

/// <summary>One SES call's worth of jobs: a single SendEmail, or one SendBulkEmail of up to 50 templated jobs.</summary>
/// <param name="NotBefore">The send governor's slot for the call: the latest of its jobs' slots (a SendBulkEmail of n
/// entries uses n permits); default: at once.</param>
public sealed record SendUnit(IReadOnlyList<MailJob> Jobs, bool IsBulk, DateTimeOffset NotBefore = default);
