using System.Collections.Concurrent;
using BulkMailer.Core.Jobs;
using BulkMailer.Core.Unsubscribe;
using BulkMailer.Lambda.Observability;
using BulkMailer.Ses.Client;
using BulkMailer.Ses.Errors;
using BulkMailer.Ses.Model;
using BulkMailer.Ses.RateLimiting;

namespace BulkMailer.Sender.Sending;

/// <summary>
/// Runs a batch's SES calls with bounded parallelism, each at its send-governor slot and under the environment's send-rate limit. Before each call it
/// checks the invocation's remaining time: under the margin, nothing new starts (the rest goes back to the queue
/// rather than being cut off mid-send). A systemic error (sending paused, account suspended, a configuration mistake)
/// stops every call not yet started and is logged as an error once. Every job it is given gets exactly one outcome;
/// docs/operators.md ("What the sender does with each SES answer") lists them.
/// </summary>
/// <param name="unsubscribe">The deployment's one-click unsubscribe links (docs/contract.md, Unsubscribe); null for none.</param>
/// <param name="clock">Waits out each unit's send-governor slot (<see cref="SendUnit.NotBefore"/>); the system clock unless a test steps it.</param>
public sealed class MailDispatcher(ISesClient ses, SendRateLimiter rateLimiter, SenderOptions options, JsonLogger? log = null, UnsubscribeLinks? unsubscribe = null,
    TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <param name="lateSlots">What a unit that wakes too late for its slot does; null: it sends anyway (no governor).</param>
    public async Task<IReadOnlyList<SendOutcome>> DispatchAsync(IReadOnlyList<SendUnit> units, Func<TimeSpan> remainingTime, CancellationToken cancellationToken,
        LateSlotRenewal? lateSlots = null)
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
                AddNotAttempted(outcomes, unit.Jobs, before);
                return;
            }
            if (!await WaitForTheSlotAsync(unit.NotBefore, remainingTime, token).ConfigureAwait(false))
            {
                AddNotAttempted(outcomes, unit.Jobs, "deadline near: the send governor's slot comes after the margin, handed back");
                return;
            }
            if (lateSlots is not null && lateSlots.IsLate(unit.NotBefore, _clock.GetUtcNow()))
            {
                // Once only: a fresh slot that is late again still follows every slot granted before it.
                var fresh = await lateSlots.RenewAsync(unit.Jobs.Count, token).ConfigureAwait(false);
                var freshSlot = _clock.GetUtcNow() + fresh.GetValueOrDefault();
                if (fresh is null || !await WaitForTheSlotAsync(freshSlot, remainingTime, token).ConfigureAwait(false))
                {
                    AddNotAttempted(outcomes, unit.Jobs, "woke too late for its send-governor slot and no fresh permit before the margin, handed back");
                    return;
                }
                lateSlots.Renewed(unit.Jobs.Select(j => j.JobId), freshSlot);
            }
            if (!await AcquireBeforeTheMarginAsync(unit.Jobs.Count, remainingTime, token).ConfigureAwait(false))
            {
                AddNotAttempted(outcomes, unit.Jobs, "deadline near: no send permit before the margin, handed back");
                return;
            }
            // Waiting for the rate limit takes time: check again so a send never starts past the margin.
            if (ReasonNotToStart(stop, remainingTime) is { } after)
            {
                AddNotAttempted(outcomes, unit.Jobs, after);
                return;
            }
            if (unit.IsBulk)
            {
                await SendBulkAsync(unit, outcomes, stop, remainingTime, token).ConfigureAwait(false);
            }
            else
            {
                outcomes.Add(await SendOneAsync(unit.Jobs[0], stop, token).ConfigureAwait(false));
            }
        }).ConfigureAwait(false);
        return [.. outcomes];
    }

    /// <summary>
    /// Waits until the account's send governor lets this unit go (its slot from the claim); false, at once, when the
    /// slot comes after the deadline margin: the jobs then go back instead of the invocation waiting in vain.
    /// </summary>
    private async Task<bool> WaitForTheSlotAsync(DateTimeOffset notBefore, Func<TimeSpan> remainingTime, CancellationToken token)
    {
        var wait = notBefore - _clock.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            return true;
        }
        if (remainingTime() - wait < options.DeadlineMargin)
        {
            return false;
        }
        await Task.Delay(wait, _clock, token).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Waits for send permits, but not past the deadline margin: a wait that would end later gives up then, so the jobs
    /// go back to the queue in time instead of the invocation running into its deadline while it waits.
    /// </summary>
    private async Task<bool> AcquireBeforeTheMarginAsync(int messages, Func<TimeSpan> remainingTime, CancellationToken token)
    {
        var untilMargin = remainingTime() - options.DeadlineMargin;
        if (untilMargin <= TimeSpan.Zero)
        {
            return false;
        }
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(token);
        bounded.CancelAfter(untilMargin);
        try
        {
            await rateLimiter.AcquireAsync(messages, bounded.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task<SendOutcome> SendOneAsync(MailJob job, StopSignal stop, CancellationToken token)
    {
        try
        {
            var response = await ses.SendEmailAsync(SesRequestFactory.SendEmail(job, options.DefaultConfigurationSet, unsubscribe), token).ConfigureAwait(false);
            return response.MessageId is { Length: > 0 } id
                ? new SendOutcome(job.JobId, SendOutcomeKind.Sent, id)
                : new SendOutcome(job.JobId, SendOutcomeKind.Transient, Error: "SES answered without a message id", Ambiguous: true);
        }
        catch (SesException error)
        {
            return FromError(job.JobId, error.Kind, error.ErrorCode, error.Message, error.IsAmbiguous, error.IsThrottled, stop);
        }
    }

    private async Task SendBulkAsync(SendUnit unit, ConcurrentBag<SendOutcome> outcomes, StopSignal stop, Func<TimeSpan> remainingTime, CancellationToken token)
    {
        SendBulkEmailResponse response;
        try
        {
            response = await ses.SendBulkEmailAsync(SesRequestFactory.SendBulkEmail(unit.Jobs, options.DefaultConfigurationSet, unsubscribe), token).ConfigureAwait(false);
        }
        catch (SesException error) when (error.Kind == SesErrorKind.Permanent)
        {
            // SES refused the whole call over something in it and does not say which entry: sent one by one, only the
            // entry SES refuses on its own fails. The call sent nothing, so the rate tokens it took pay for these.
            foreach (var job in unit.Jobs)
            {
                outcomes.Add(ReasonNotToStart(stop, remainingTime) is { } reason
                    ? new SendOutcome(job.JobId, SendOutcomeKind.NotAttempted, Error: reason)
                    : await SendOneAsync(job, stop, token).ConfigureAwait(false));
            }
            return;
        }
        catch (SesException error)
        {
            foreach (var job in unit.Jobs)
            {
                outcomes.Add(FromError(job.JobId, error.Kind, error.ErrorCode, error.Message, error.IsAmbiguous, error.IsThrottled, stop));
            }
            return;
        }
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
            if (entry.IsSuccess)
            {
                // SUCCESS without a message id: SES says it took the mail but not under which id; maybe sent.
                outcomes.Add(entry.MessageId is { Length: > 0 } id
                    ? new SendOutcome(jobId, SendOutcomeKind.Sent, id)
                    : new SendOutcome(jobId, SendOutcomeKind.Transient, Error: "SES answered SUCCESS without a message id", Ambiguous: true));
                continue;
            }
            outcomes.Add(FromError(jobId, entry.FailureKind ?? SesErrorKind.Transient, entry.Status ?? "FAILED", entry.Error, ambiguous: false, entry.IsThrottled, stop));
        }
    }

    private SendOutcome FromError(string jobId, SesErrorKind kind, string code, string? message, bool ambiguous, bool throttled, StopSignal stop)
    {
        var error = string.IsNullOrEmpty(message) ? code : $"{code}: {message}";
        switch (kind)
        {
            case SesErrorKind.Permanent:
                return new SendOutcome(jobId, SendOutcomeKind.PermanentFailure, Error: error);
            case SesErrorKind.Systemic:
                if (stop.Trip($"{code}: systemic SES error stopped the batch"))
                {
                    log?.Error("SES refused for a reason of the account or the deployment: batch stopped and handed back; fix it, then redrive",
                        null, LogField.Of("errorCode", code), LogField.Of("error", EmailRedaction.Redact(error)));
                }
                // A systemic refusal sent nothing: handed back as certainly-not-sent.
                return new SendOutcome(jobId, SendOutcomeKind.SystemicFailure, Error: error, Throttled: throttled);
            default:
                return new SendOutcome(jobId, SendOutcomeKind.Transient, Error: error, Ambiguous: ambiguous, Throttled: throttled);
        }
    }

    private string? ReasonNotToStart(StopSignal stop, Func<TimeSpan> remainingTime)
    {
        if (stop.Reason is { } reason)
        {
            return reason;
        }
        return remainingTime() < options.DeadlineMargin ? "deadline near: not started, handed back" : null;
    }

    private static void AddNotAttempted(ConcurrentBag<SendOutcome> outcomes, IReadOnlyList<MailJob> jobs, string reason)
    {
        foreach (var job in jobs)
        {
            outcomes.Add(new SendOutcome(job.JobId, SendOutcomeKind.NotAttempted, Error: reason));
        }
    }

    private sealed class StopSignal
    {
        private string? _reason;

        public string? Reason => Volatile.Read(ref _reason);

        /// <summary>Stops the batch; true for the call that stopped it first.</summary>
        public bool Trip(string reason) => Interlocked.CompareExchange(ref _reason, reason, null) is null;
    }
}
