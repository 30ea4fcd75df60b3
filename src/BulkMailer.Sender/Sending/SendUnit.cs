using BulkMailer.Core.Jobs;

namespace BulkMailer.Sender.Sending;

/// <summary>One SES call's worth of jobs: a single SendEmail, or one SendBulkEmail of up to 50 templated jobs.</summary>
public sealed record SendUnit(IReadOnlyList<MailJob> Jobs, bool IsBulk);
