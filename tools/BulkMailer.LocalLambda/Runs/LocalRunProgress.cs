namespace BulkMailer.LocalLambda.Runs;

/// <summary>A progress snapshot while a local run settles (for a progress bar).</summary>
public sealed record LocalRunProgress(string Stage, int FinalJobs, int ExpectedJobs, long SentBySes, int Connections);
