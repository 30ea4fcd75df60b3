namespace BulkMailer.InfraTests;

/// <summary>Class fixture: <see cref="TestOptions.ExistingDatabaseBehindProxy"/> synthesized once.</summary>
public sealed class ExistingDatabaseStack : SynthesizedStack
{
    /// <summary>Synthesizes the configuration.</summary>
    public ExistingDatabaseStack()
        : base(TestOptions.ExistingDatabaseBehindProxy)
    {
    }
}
