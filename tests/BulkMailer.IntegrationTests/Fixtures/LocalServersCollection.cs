namespace BulkMailer.IntegrationTests.Fixtures;

/// <summary>Every integration test class joins this collection, so the run shares one local stack.</summary>
[CollectionDefinition(Name)]
public sealed class LocalServersCollection : ICollectionFixture<LocalServersFixture>
{
    public const string Name = "local stack";
}
