namespace BulkMailer.InfraTests;

/// <summary>Class fixture: <see cref="TestOptions.NewDatabaseAtTheLimit"/> synthesized once.</summary>
public sealed class NewDatabaseStack : SynthesizedStack
{
    /// <summary>Synthesizes the configuration.</summary>
    public NewDatabaseStack()
        : base(TestOptions.NewDatabaseAtTheLimit)
    {
    }
}
