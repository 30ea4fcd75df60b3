using BulkMailer.LocalLambda.SesFeedback;

namespace BulkMailer.Bench.Feedback;

/// <summary>
/// The SES events a sent campaign brings back, in a fixed, realistic mix. Per 20 mails: every one a Send; 18
/// delivered, one hard bounce, one soft bounce; one complaint; 6 opens and 2 clicks — 49 events per 20 jobs.
/// Deterministic, so every batch size of the bench ingests the same events.
/// </summary>
public static class FeedbackEventMix
{
    private const int Cycle = 20;

    /// <summary>The events SES publishes for job <paramref name="job"/>, in SES's order.</summary>
    public static IReadOnlyList<SesEventKind> For(int job)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(job);
        var slot = job % Cycle;
        var kinds = new List<SesEventKind> { SesEventKind.Send };
        switch (slot)
        {
            case 7:
                kinds.Add(SesEventKind.PermanentBounce);
                return kinds;
            case 13:
                kinds.Add(SesEventKind.TransientBounce);
                return kinds;
            default:
                kinds.Add(SesEventKind.Delivery);
                break;
        }
        if (slot == 3)
        {
            kinds.Add(SesEventKind.Complaint);
        }
        if (slot is 0 or 1 or 2 or 4 or 5 or 6)
        {
            kinds.Add(SesEventKind.Open);
        }
        if (slot is 0 or 4)
        {
            kinds.Add(SesEventKind.Click);
        }
        return kinds;
    }

    /// <summary>Exactly <paramref name="events"/> events, job after job (the last job may get only its first events).</summary>
    public static IReadOnlyList<PlannedFeedbackEvent> Plan(int events)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(events);
        var plan = new List<PlannedFeedbackEvent>(events);
        for (var job = 0; plan.Count < events; job++)
        {
            foreach (var kind in For(job).Take(events - plan.Count))
            {
                plan.Add(new PlannedFeedbackEvent(job, kind));
            }
        }
        return plan;
    }

    /// <summary>Jobs a plan refers to (they must exist in mail_message before the events arrive).</summary>
    public static int Jobs(IReadOnlyList<PlannedFeedbackEvent> plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Count == 0 ? 0 : plan[^1].Job + 1;
    }
}
