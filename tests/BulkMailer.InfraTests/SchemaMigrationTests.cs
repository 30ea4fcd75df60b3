using System.Security.Cryptography;
using Amazon.CDK.Assertions;
using BulkMailer.Infra;
using static BulkMailer.InfraTests.Cfn;

namespace BulkMailer.InfraTests;

/// <summary>The migrator and the custom resource that runs it on deploy, before any function consumes a queue.</summary>
[Collection(NewDatabaseStackCollection.Name)]
public sealed class SchemaMigrationTests(NewDatabaseStack fixture)
{
    private readonly Template _t = fixture.Template;

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BulkMailer.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("BulkMailer.sln not found above " + AppContext.BaseDirectory);
    }

    private static string LogicalIdOf(string type, string prefix, Template template) =>
        Assert.Single(template.FindResources(type).Keys, id => id.StartsWith(prefix, StringComparison.Ordinal));

    [Fact]
    public void The_migrator_is_a_provided_al2023_function_with_reserved_concurrency_one_and_the_master_login()
    {
        _t.HasResourceProperties("AWS::Lambda::Function", Match.ObjectLike(Obj(
            ("Description", "BulkMailer Migrator"),
            ("Runtime", "provided.al2023"),
            ("Architectures", Arr("arm64")),
            ("Handler", "bootstrap"),
            ("Timeout", 300),
            ("ReservedConcurrentExecutions", 1),
            ("Environment", Obj(("Variables", Match.ObjectLike(Obj(
                ("BULKMAILER_DB", Obj(("Fn::Join", Arr("", Arr(
                    "Host=",
                    Obj(("Fn::GetAtt", Arr(Match.StringLikeRegexp("^DatabaseInstance"), "Endpoint.Address"))),
                    ";Port=5432;Database=bulkmailer;Username=bulkmailer;SSL Mode=VerifyFull"))))),
                ("BULKMAILER_DB_SECRET_ARN", Obj(("Ref", Match.StringLikeRegexp("^DatabaseInstanceSecretAttachment")))),
                ("BULKMAILER_DB_USER", Match.Absent()),
                ("BULKMAILER_DB_AUTH", Match.Absent())))))))));
    }

    [Fact]
    public void The_schema_resource_is_served_by_the_migrator_and_carries_the_hash_of_the_migration_files()
    {
        string migrations = Path.Combine(RepositoryRoot(), "src", "BulkMailer.Data", "Migrations");
        byte[] concatenated = [.. Directory.GetFiles(migrations, "*.sql").Order(StringComparer.Ordinal).SelectMany(File.ReadAllBytes)];

        _t.HasResourceProperties(Infra.Constructs.SchemaMigration.ResourceType, Obj(
            ("ServiceToken", Obj(("Fn::GetAtt", Arr(Match.StringLikeRegexp("^SchemaMigratorFunction"), "Arn")))),
            ("MigrationsHash", Convert.ToHexStringLower(SHA256.HashData(concatenated)))));
        Assert.Contains("V005__app_role.sql", MigrationSet.Names);
        Assert.Equal(MigrationSet.Names.Order(StringComparer.Ordinal), MigrationSet.Names);
    }

    [Fact]
    public void The_schema_resource_waits_for_the_database_instance_and_its_ingress_rules()
    {
        string instance = LogicalIdOf("AWS::RDS::DBInstance", "DatabaseInstance", _t);
        string migratorIngress = Assert.Single(
            _t.FindResources("AWS::EC2::SecurityGroupIngress", Obj(("Properties", Match.ObjectLike(Obj(("Description", "BulkMailer Migrator function")))))).Keys);

        // arrayWith is an ordered subsequence; CloudFormation's DependsOn order means nothing, so one item at a time.
        foreach (string dependency in new[] { instance, migratorIngress })
        {
            _t.HasResource(Infra.Constructs.SchemaMigration.ResourceType, Match.ObjectLike(Obj(("DependsOn", Match.ArrayWith(Arr(dependency))))));
        }
    }

    [Theory]
    [InlineData("SenderFunction")]
    [InlineData("FeedbackFunction")]
    public void A_queue_function_and_its_event_source_mapping_wait_for_the_schema(string function)
    {
        string schema = LogicalIdOf(Infra.Constructs.SchemaMigration.ResourceType, "Schema", _t);
        string functionId = LogicalIdOf("AWS::Lambda::Function", function, _t);
        string mappingId = LogicalIdOf("AWS::Lambda::EventSourceMapping", function, _t);

        Assert.Contains(functionId, DependingOn("AWS::Lambda::Function", schema));
        Assert.Contains(mappingId, DependingOn("AWS::Lambda::EventSourceMapping", schema));
    }

    [Fact]
    public void The_budget_counts_the_migrators_one_connection()
    {
        var line = Assert.Single(fixture.Stack.Budget.Functions, f => f.Name == "migrator");

        Assert.Equal((1, 1, 1L), (line.Concurrency, line.ConnectionsPerEnvironment, line.Connections));
        Assert.Contains("migrator 1×1", fixture.Stack.Budget.Summary, StringComparison.Ordinal);
    }

    private IEnumerable<string> DependingOn(string type, string logicalId) =>
        _t.FindResources(type, Obj(("DependsOn", Match.ArrayWith(Arr(logicalId))))).Keys;
}
