using System.Collections.Concurrent;
using BulkMailer.Ses.Client;
using BulkMailer.Ses.Errors;
using BulkMailer.Ses.RateLimiting;

namespace BulkMailer.Sender.Sending;

/// <summary>
/// Runs a batch's SES calls with bounded parallelism under the environment's send-rate limit. Before each call it
/// checks the invocation's remaining time: under the margin, nothing new starts (the rest goes back to the queue
/// rather than being cut off mid-send). A systemic error (sending paused, account suspended) stops every call
/// not yet started. Every job it is given gets exactly one outcome.
/// </summary>
public sealed class MailDispatcher(ISesClient ses, SendRateLimiter rateLimiter, SenderOptions options)
{
    public async Task<IReadOnlyList<SendOutcome>> DispatchAsync(IReadOnlyList<SendUnit> units, Func<TimeSpan> remainingTime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(remainingTime);
        var outcomes = new ConcurrentBag<SendOutcome>();
        var stop = new StopSignal();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.SendParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(units, parallel, async (unit, token) =>
        {
            if (ReasonNotToStart(stop, remainingTime) is { } before)
            {
                AddAll(outcomes, unit, SendOutcomeKind.NotAttempted, before);
                return;
            }
            await rateLimiter.AcquireAsync(unit.Jobs.Count, token).ConfigureAwait(false);
            // Waiting for the rate limit takes time: check again so a send never starts past the margin.
            if (ReasonNotToStart(stop, remainingTime) is { } after)
            {
                AddAll(outcomes, unit, SendOutcomeKind.NotAttempted, after);
                return;
            }
            try
            {
                if (unit.IsBulk)
                {
                    await SendBulkAsync(unit, outcomes, stop, token).ConfigureAwait(false);
                }
                else
                {
                    var job = unit.Jobs[0];
                    var response = await ses.SendEmailAsync(SesRequestFactory.SendEmail(job, options.DefaultConfigurationSet), token).ConfigureAwait(false);
                    outcomes.Add(response.MessageId is { Length: > 0 } id
                        ? new SendOutcome(job.JobId, SendOutcomeKind.Sent, id)
                        : new SendOutcome(job.JobId, SendOutcomeKind.Transient, Error: "SES answered without a message id", Ambiguous: true));
                }
            }
            catch (SesException error)
            {
                if (error.Kind == SesErrorKind.Systemic)
                {
                    stop.Trip($"{error.ErrorCode}: systemic SES error stopped the batch");
                }
                foreach (var job in unit.Jobs)
                {
                    outcomes.Add(FromError(job.JobId, error.Kind, error.ErrorCode, error.Message, error.IsAmbiguous, error.IsThrottled));
                }
            }
        }).ConfigureAwait(false);
        return [.. outcomes];
    }

    private async Task SendBulkAsync(SendUnit unit, ConcurrentBag<SendOutcome> outcomes, StopSignal stop, CancellationToken token)
    {
        var response = await ses.SendBulkEmailAsync(SesRequestFactory.SendBulkEmail(unit.Jobs, options.DefaultConfigurationSet), token).ConfigureAwait(false);
        var results = response.BulkEmailEntryResults ?? [];
        for (var i = 0; i < unit.Jobs.Count; i++)
        {
            var jobId = unit.Jobs[i].JobId;
            if (i >= results.Count)
            {
                // SES answers entry by entry in request order; a missing entry is unknown, so treat it as maybe-sent.
                outcomes.Add(new SendOutcome(jobId, SendOutcomeKind.Transient, Error: "no result for this bulk entry", Ambiguous: true));
                continue;
            }
            var entry = results[i];
            if (entry.IsSuccess && entry.MessageId is { Length: > 0 } id)
            {
                outcomes.Add(new SendOutcome(jobId, SendOutcomeKind.Sent, id));
                continue;
            }
            var kind = entry.FailureKind ?? SesErrorKind.Transient;
            if (kind == SesErrorKind.Systemic)
            {
                stop.Trip($"{entry.Status}: systemic SES error stopped the batch");
            }
            outcomes.Add(FromError(jobId, kind, entry.Status ?? "FAILED", entry.Error, ambiguous: false, entry.IsThrottled));
        }
    }

    private static SendOutcome FromError(string jobId, SesErrorKind kind, string code, string? message, bool ambiguous, bool throttled)
    {
        var error = string.IsNullOrEmpty(message) ? code : $"{code}: {message}";
        return kind switch
        {
            SesErrorKind.Permanent => new SendOutcome(jobId, SendOutcomeKind.PermanentFailure, Error: error),
            // A systemic refusal sent nothing: hand it back as certainly-not-sent.
            SesErrorKind.Systemic => new SendOutcome(jobId, SendOutcomeKind.NotAttempted, Error: error),
            _ => new SendOutcome(jobId, SendOutcomeKind.Transient, Error: error, Ambiguous: ambiguous, Throttled: throttled),
        };
    }

    private string? ReasonNotToStart(StopSignal stop, Func<TimeSpan> remainingTime)
    {
        if (stop.Reason is { } reason)
        {
            return reason;
        }
        return remainingTime() < options.DeadlineMargin ? "deadline near: not started, handed back" : null;
    }

    private static void AddAll(ConcurrentBag<SendOutcome> outcomes, SendUnit unit, SendOutcomeKind kind, string reason)
    {
        foreach (var job in unit.Jobs)
        {
            outcomes.Add(new SendOutcome(job.JobId, kind, Error: reason));
        }
    }

    private sealed class StopSignal
    {
        private string? _reason;

        public string? Reason => Volatile.Read(ref _reason);

        public void Trip(string reason) => Interlocked.CompareExchange(ref _reason, reason, null);
    }
}
