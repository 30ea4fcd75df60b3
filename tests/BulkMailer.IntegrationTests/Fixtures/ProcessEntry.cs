namespace BulkMailer.IntegrationTests.Fixtures;

/// <summary>One process as <see cref="ProcessTree"/> saw it: pid, start time (clock ticks since boot), parent, name and state letter.</summary>
public sealed record ProcessEntry(int Pid, long StartTicks, int ParentPid, string Name, char State);
