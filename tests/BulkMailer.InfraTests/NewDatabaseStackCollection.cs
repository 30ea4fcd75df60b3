namespace BulkMailer.InfraTests;

/// <summary>Shares one synth of <see cref="NewDatabaseStack"/> between the test classes that read it.</summary>
[CollectionDefinition(Name)]
public sealed class NewDatabaseStackCollection : ICollectionFixture<NewDatabaseStack>
{
    /// <summary>The collection name.</summary>
    public const string Name = "new database stack";
}
