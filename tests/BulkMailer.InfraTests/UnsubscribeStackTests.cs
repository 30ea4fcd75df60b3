using Amazon.CDK.Assertions;
using static BulkMailer.InfraTests.Cfn;

namespace BulkMailer.InfraTests;

/// <summary>
/// The unsubscribe function (docs/security.md, Unsubscribe): reachable through its function URL without IAM auth and
/// nothing else, a role that only reads the signing key and connects as the insert-only role, a generated key, the
/// sender wired to both, and its connections in the budget.
/// </summary>
[Collection(NewDatabaseStackCollection.Name)]
public sealed class UnsubscribeStackTests(NewDatabaseStack fixture)
{
    private static readonly object UnsubscribeFunctionArn = Obj(("Fn::GetAtt", Arr(Match.StringLikeRegexp("^UnsubscribeFunction"), "Arn")));
    private static readonly object SigningKeyRef = Obj(("Ref", Match.StringLikeRegexp("^UnsubscribeSigningKey")));
    private readonly Template _t = fixture.Template;

    [Fact]
    public void The_function_has_one_url_without_iam_auth()
    {
        _t.ResourceCountIs("AWS::Lambda::Url", 1);
        _t.HasResourceProperties("AWS::Lambda::Url", Obj(("AuthType", "NONE"), ("TargetFunctionArn", UnsubscribeFunctionArn)));
    }

    [Fact]
    public void The_only_public_permissions_are_invoking_through_that_url()
    {
        // The third permission is EventBridge's, for the maintenance schedule (MaintenanceStackTests).
        Assert.Equal(2, _t.FindResources("AWS::Lambda::Permission", Obj(("Properties", Match.ObjectLike(Obj(("Principal", "*")))))).Count);
        _t.HasResourceProperties("AWS::Lambda::Permission", Obj(
            ("Action", "lambda:InvokeFunctionUrl"), ("FunctionName", UnsubscribeFunctionArn), ("FunctionUrlAuthType", "NONE"), ("Principal", "*")));
        _t.HasResourceProperties("AWS::Lambda::Permission", Obj(
            ("Action", "lambda:InvokeFunction"), ("FunctionName", UnsubscribeFunctionArn), ("Principal", "*"), ("InvokedViaFunctionUrl", true)));
    }

    [Fact]
    public void No_queue_or_other_trigger_feeds_the_function()
    {
        _t.ResourceCountIs("AWS::Lambda::EventSourceMapping", 2);
        _t.AllResourcesProperties("AWS::Lambda::EventSourceMapping", Match.ObjectLike(Obj(
            ("FunctionName", Obj(("Ref", Match.StringLikeRegexp("^(Sender|Feedback)Function")))))));
    }

    [Fact]
    public void Its_role_only_connects_as_the_unsubscribe_role_and_reads_the_signing_key()
    {
        _t.HasResourceProperties("AWS::IAM::Policy", Match.ObjectLike(Obj(
            ("Roles", Arr(Obj(("Ref", Match.StringLikeRegexp("^UnsubscribeFunctionServiceRole"))))),
            ("PolicyDocument", Obj(("Version", "2012-10-17"), ("Statement", Arr(
                Obj(
                    ("Action", "rds-db:connect"),
                    ("Effect", "Allow"),
                    ("Resource", Obj(("Fn::Join", Arr("", Match.ArrayWith(Arr(
                        Obj(("Fn::GetAtt", Arr(Match.StringLikeRegexp("^DatabaseInstance"), "DbiResourceId"))),
                        "/bulkmailer_unsubscribe"))))))),
                Obj(
                    ("Action", Arr("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret")),
                    ("Effect", "Allow"),
                    ("Resource", Obj(("Ref", Match.StringLikeRegexp("^UnsubscribeSigningKey"))))))))))));
    }

    [Fact]
    public void It_logs_in_as_the_unsubscribe_role_with_an_iam_token_and_reads_the_key_through_the_extension()
    {
        _t.HasResourceProperties("AWS::Lambda::Function", Match.ObjectLike(Obj(
            ("Description", "BulkMailer Unsubscribe"),
            ("ReservedConcurrentExecutions", 2),
            ("Environment", Obj(("Variables", Match.ObjectLike(Obj(
                ("BULKMAILER_DB_USER", "bulkmailer_unsubscribe"),
                ("BULKMAILER_DB_AUTH", "iam"),
                ("BULKMAILER_DB_SECRET_ARN", Match.Absent()),
                ("BULKMAILER_UNSUBSCRIBE_KEY", Match.Absent()),
                ("BULKMAILER_UNSUBSCRIBE_KEY_SECRET_ARN", Obj(("Ref", Match.StringLikeRegexp("^UnsubscribeSigningKey"))))))))))));
    }

    [Fact]
    public void The_signing_key_is_a_generated_secret()
    {
        _t.HasResourceProperties("AWS::SecretsManager::Secret", Match.ObjectLike(Obj(
            ("GenerateSecretString", Obj(("ExcludePunctuation", true), ("IncludeSpace", false), ("PasswordLength", 64))))));
    }

    [Fact]
    public void The_sender_gets_the_url_the_key_and_the_link_validity_and_may_read_the_key()
    {
        _t.HasResourceProperties("AWS::Lambda::Function", Match.ObjectLike(Obj(
            ("Description", "BulkMailer Sender"),
            ("Environment", Obj(("Variables", Match.ObjectLike(Obj(
                ("BULKMAILER_UNSUBSCRIBE_BASE_URL", Obj(("Fn::GetAtt", Arr(Match.StringLikeRegexp("^UnsubscribeFunctionFunctionUrl"), "FunctionUrl")))),
                ("BULKMAILER_UNSUBSCRIBE_KEY_SECRET_ARN", Obj(("Ref", Match.StringLikeRegexp("^UnsubscribeSigningKey")))),
                ("BULKMAILER_UNSUBSCRIBE_VALIDITY_DAYS", "60")))))))));
        _t.HasResourceProperties("AWS::IAM::Policy", Match.ObjectLike(Obj(
            ("Roles", Arr(Obj(("Ref", Match.StringLikeRegexp("^SenderFunctionServiceRole"))))),
            ("PolicyDocument", Match.ObjectLike(Obj(("Statement", Match.ArrayWith(Arr(Obj(
                ("Action", Arr("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret")),
                ("Effect", "Allow"),
                ("Resource", Obj(("Ref", Match.StringLikeRegexp("^UnsubscribeSigningKey"))))))))))))));
    }

    [Fact]
    public void The_feedback_function_may_not_read_the_signing_key()
    {
        var readsKey = Match.ObjectLike(Obj(("Resource", SigningKeyRef)));
        var statements = Match.ObjectLike(Obj(("Statement", Match.Not(Match.ArrayWith(Arr(readsKey))))));
        _t.HasResourceProperties("AWS::IAM::Policy", Match.ObjectLike(Obj(
            ("Roles", Arr(Obj(("Ref", Match.StringLikeRegexp("^FeedbackFunctionServiceRole"))))),
            ("PolicyDocument", statements))));
    }

    [Fact]
    public void It_waits_for_the_schema_that_creates_its_role()
    {
        var unsubscribe = Match.ObjectLike(Obj(("Description", "BulkMailer Unsubscribe")));
        _t.HasResource("AWS::Lambda::Function", Match.ObjectLike(Obj(
            ("Properties", unsubscribe),
            ("DependsOn", Match.ArrayWith(Arr(Match.StringLikeRegexp("^Schema[0-9A-F]{8}$")))))));
    }

    [Fact]
    public void Its_reserved_concurrency_is_counted_in_the_connection_budget()
    {
        var line = Assert.Single(fixture.Stack.Budget.Functions, f => f.Name == "unsubscribe");

        Assert.Equal((2, 1, 2L), (line.Concurrency, line.ConnectionsPerEnvironment, line.Connections));
    }

    [Fact]
    public void The_stack_outputs_the_url()
    {
        _t.HasOutput("UnsubscribeUrl", Obj(("Value", Obj(("Fn::GetAtt", Arr(Match.StringLikeRegexp("^UnsubscribeFunctionFunctionUrl"), "FunctionUrl"))))));
    }
}
