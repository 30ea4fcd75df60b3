using System.Net;
using BulkMailer.Lambda.Configuration;
using BulkMailer.Lambda.Secrets;
using BulkMailer.UnitTests.Fakes;

namespace BulkMailer.UnitTests.Lambda;

public sealed class FunctionSecretsTests
{
    private const string Arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:unsubscribe-AbCdEf";

    private static FunctionEnvironment Environment(Dictionary<string, string> variables) => new(name => variables.GetValueOrDefault(name));

    [Fact]
    public async Task The_value_variable_wins_and_the_extension_is_not_asked()
    {
        var extension = new RecordingSecretsExtension("from-secrets-manager");

        var value = await FunctionSecrets.ReadAsync(Environment(new() { ["VALUE"] = "local-key", ["ARN"] = Arn }), "VALUE", "ARN", "the test secret", extension);

        Assert.Equal("local-key", value);
        Assert.Empty(extension.Requests);
    }

    [Fact]
    public async Task With_only_the_arn_the_secret_is_read_from_the_extension_with_the_session_token()
    {
        var extension = new RecordingSecretsExtension("from-secrets-manager");
        var environment = Environment(new() { ["ARN"] = Arn, [FunctionVariables.SessionToken] = "session", [FunctionVariables.SecretsExtensionHttpPort] = "2999" });

        var value = await FunctionSecrets.ReadAsync(environment, "VALUE", "ARN", "the test secret", extension);

        Assert.Equal("from-secrets-manager", value);
        var (uri, token) = Assert.Single(extension.Requests);
        Assert.Equal($"http://localhost:2999/secretsmanager/get?secretId={Uri.EscapeDataString(Arn)}", uri.AbsoluteUri);
        Assert.Equal("session", token);
    }

    [Fact]
    public async Task Neither_variable_reads_nothing() =>
        Assert.Null(await FunctionSecrets.ReadAsync(Environment([]), "VALUE", "ARN", "the test secret", new RecordingSecretsExtension("x")));

    [Fact]
    public async Task A_refusal_names_the_secret_and_the_status_but_never_the_arn()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            FunctionSecrets.ReadAsync(Environment(new() { ["ARN"] = Arn }), "VALUE", "ARN", "the test secret", new RecordingSecretsExtension("x", HttpStatusCode.Forbidden)));

        Assert.Equal("the Parameters and Secrets extension answered 403 for the test secret", refused.Message);
    }
}
