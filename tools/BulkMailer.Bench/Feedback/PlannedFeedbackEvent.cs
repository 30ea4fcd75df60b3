using BulkMailer.LocalLambda.SesFeedback;

namespace BulkMailer.Bench.Feedback;

/// <summary>One SES event the feedback bench queues: which seeded job it is about, and what kind it is.</summary>
public sealed record PlannedFeedbackEvent(int Job, SesEventKind Kind);
