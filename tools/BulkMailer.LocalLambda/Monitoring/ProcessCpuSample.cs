namespace BulkMailer.LocalLambda.Monitoring;

/// <summary>One process seen by <see cref="ProcessCpuProbe"/>: its stat and, for the ones that need it, its command line.</summary>
public sealed record ProcessCpuSample(ProcStat Stat, IReadOnlyList<string> Arguments);
